package dev.libsqljpa.hibernate.internal;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.function.Function;
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

    private static final TextCodedJdbcTypes.Codec DATE = local(
            LocalDate.class,
            Date.class,
            Date::toLocalDate,
            Date::valueOf,
            LibsqlTemporalFormat::format,
            LibsqlTemporalFormat::parseDate);

    private static final TextCodedJdbcTypes.Codec TIME = local(
            LocalTime.class,
            Time.class,
            Time::toLocalTime,
            Time::valueOf,
            LibsqlTemporalFormat::format,
            LibsqlTemporalFormat::parseTime);

    private static final TextCodedJdbcTypes.Codec LOCAL_DATE_TIME = local(
            LocalDateTime.class,
            Timestamp.class,
            Timestamp::toLocalDateTime,
            Timestamp::valueOf,
            LibsqlTemporalFormat::format,
            LibsqlTemporalFormat::parseDateTime);

    /** Parses the stored text; an unreadable text is an {@link SQLException}. */
    private interface Parser<T> {
        T parse(String text) throws SQLException;
    }

    /**
     * The codec of a {@code java.time} type {@code L} whose values Hibernate hands over either as
     * themselves or as their {@code java.sql} counterpart {@code S}.
     */
    private static <L, S> TextCodedJdbcTypes.Codec local(
            Class<L> localType,
            Class<S> sqlType,
            Function<S, L> toLocal,
            Function<L, S> toSql,
            Function<L, String> format,
            Parser<L> parser) {
        return new TextCodedJdbcTypes.Codec() {
            @Override
            public <X> String toText(JavaType<X> javaType, X value, WrapperOptions options) {
                L local = javaType.getJavaTypeClass() == localType
                        ? localType.cast(value)
                        : toLocal.apply(javaType.unwrap(value, sqlType, options));
                return format.apply(local);
            }

            @Override
            public <X> X fromText(JavaType<X> javaType, String text, WrapperOptions options) throws SQLException {
                L local = parser.parse(text);
                return javaType.getJavaTypeClass() == localType
                        ? javaType.wrap(local, options)
                        : javaType.wrap(toSql.apply(local), options);
            }
        };
    }

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
