package dev.libsqljpa.hibernate.internal;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.hibernate.type.descriptor.ValueBinder;
import org.hibernate.type.descriptor.ValueExtractor;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.DateJdbcType;
import org.hibernate.type.descriptor.jdbc.TimeJdbcType;
import org.hibernate.type.descriptor.jdbc.TimestampJdbcType;
import org.hibernate.type.descriptor.jdbc.TimestampUtcAsInstantJdbcType;
import org.hibernate.type.descriptor.jdbc.TimestampWithTimeZoneJdbcType;

/**
 * Date/time JDBC types that store {@link LibsqlTemporalFormat}'s text through {@code setString} and read
 * it back with {@code getString}, so the stored format does not depend on how a driver formats
 * {@code Timestamp}s (sqlite-jdbc, for one, writes epoch milliseconds by default).
 */
public final class LibsqlTemporalJdbcTypes {

    private LibsqlTemporalJdbcTypes() {}

    private static final TextCodedJdbcTypes.Codec DATE = new TextCodedJdbcTypes.Codec() {
        @Override
        public <X> String toText(JavaType<X> javaType, X value, WrapperOptions options) {
            LocalDate date = javaType.getJavaTypeClass() == LocalDate.class
                    ? (LocalDate) value
                    : javaType.unwrap(value, Date.class, options).toLocalDate();
            return LibsqlTemporalFormat.format(date);
        }

        @Override
        public <X> X fromText(JavaType<X> javaType, String text, WrapperOptions options) throws SQLException {
            LocalDate date = LibsqlTemporalFormat.parseDate(text);
            return javaType.getJavaTypeClass() == LocalDate.class
                    ? javaType.wrap(date, options)
                    : javaType.wrap(Date.valueOf(date), options);
        }
    };

    private static final TextCodedJdbcTypes.Codec TIME = new TextCodedJdbcTypes.Codec() {
        @Override
        public <X> String toText(JavaType<X> javaType, X value, WrapperOptions options) {
            LocalTime time = javaType.getJavaTypeClass() == LocalTime.class
                    ? (LocalTime) value
                    : javaType.unwrap(value, Time.class, options).toLocalTime();
            return LibsqlTemporalFormat.format(time);
        }

        @Override
        public <X> X fromText(JavaType<X> javaType, String text, WrapperOptions options) throws SQLException {
            LocalTime time = LibsqlTemporalFormat.parseTime(text);
            return javaType.getJavaTypeClass() == LocalTime.class
                    ? javaType.wrap(time, options)
                    : javaType.wrap(Time.valueOf(time), options);
        }
    };

    private static final TextCodedJdbcTypes.Codec LOCAL_DATE_TIME = new TextCodedJdbcTypes.Codec() {
        @Override
        public <X> String toText(JavaType<X> javaType, X value, WrapperOptions options) {
            LocalDateTime dateTime = javaType.getJavaTypeClass() == LocalDateTime.class
                    ? (LocalDateTime) value
                    : javaType.unwrap(value, Timestamp.class, options).toLocalDateTime();
            return LibsqlTemporalFormat.format(dateTime);
        }

        @Override
        public <X> X fromText(JavaType<X> javaType, String text, WrapperOptions options) throws SQLException {
            LocalDateTime dateTime = LibsqlTemporalFormat.parseDateTime(text);
            return javaType.getJavaTypeClass() == LocalDateTime.class
                    ? javaType.wrap(dateTime, options)
                    : javaType.wrap(Timestamp.valueOf(dateTime), options);
        }
    };

    private static final TextCodedJdbcTypes.Codec UTC = new TextCodedJdbcTypes.Codec() {
        @Override
        public <X> String toText(JavaType<X> javaType, X value, WrapperOptions options) {
            return LibsqlTemporalFormat.format(javaType.unwrap(value, Instant.class, options));
        }

        @Override
        public <X> X fromText(JavaType<X> javaType, String text, WrapperOptions options) throws SQLException {
            return javaType.wrap(LibsqlTemporalFormat.parseInstant(text), options);
        }
    };

    /** {@code TIMESTAMP}: LocalDateTime, java.util.Date, Timestamp, Calendar. */
    public static final class TextTimestamp extends TimestampJdbcType {
        @Override
        public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
            return TextCodedJdbcTypes.binder(javaType, this, LOCAL_DATE_TIME);
        }

        @Override
        public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
            return TextCodedJdbcTypes.extractor(javaType, this, LOCAL_DATE_TIME);
        }
    }

    /** {@code TIMESTAMP_UTC}: Instant, and OffsetDateTime/ZonedDateTime normalised to UTC. */
    public static final class TextTimestampUtc extends TimestampUtcAsInstantJdbcType {
        @Override
        public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
            return TextCodedJdbcTypes.binder(javaType, this, UTC);
        }

        @Override
        public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
            return TextCodedJdbcTypes.extractor(javaType, this, UTC);
        }
    }

    /** {@code TIMESTAMP_WITH_TIMEZONE} (explicit native storage): also stored as UTC, the offset is not kept. */
    public static final class TextTimestampWithTimeZone extends TimestampWithTimeZoneJdbcType {
        @Override
        public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
            return TextCodedJdbcTypes.binder(javaType, this, UTC);
        }

        @Override
        public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
            return TextCodedJdbcTypes.extractor(javaType, this, UTC);
        }
    }

    /** {@code DATE}: LocalDate, java.sql.Date. */
    public static final class TextDate extends DateJdbcType {
        @Override
        public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
            return TextCodedJdbcTypes.binder(javaType, this, DATE);
        }

        @Override
        public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
            return TextCodedJdbcTypes.extractor(javaType, this, DATE);
        }
    }

    /** {@code TIME}: LocalTime, java.sql.Time. */
    public static final class TextTime extends TimeJdbcType {
        @Override
        public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
            return TextCodedJdbcTypes.binder(javaType, this, TIME);
        }

        @Override
        public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
            return TextCodedJdbcTypes.extractor(javaType, this, TIME);
        }
    }
}
