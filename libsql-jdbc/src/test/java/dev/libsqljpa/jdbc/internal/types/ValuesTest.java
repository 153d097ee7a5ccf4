package dev.libsqljpa.jdbc.internal.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.libsqljpa.hrana.v3.proto.Value;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.SQLDataException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void nonFiniteFloatsAreRefused() {
        assertThatThrownBy(() -> Binder.ofDouble(Double.NaN))
                .isInstanceOf(SQLDataException.class)
                .extracting(e -> ((SQLDataException) e).getSQLState())
                .isEqualTo("22003");
        assertThatThrownBy(() -> Binder.of(Double.POSITIVE_INFINITY)).isInstanceOf(SQLDataException.class);
        assertThatThrownBy(() -> Binder.of(Float.NEGATIVE_INFINITY)).isInstanceOf(SQLDataException.class);
    }

    @Test
    void bindsJavaTypes() throws Exception {
        assertThat(Binder.of(Long.MIN_VALUE)).isEqualTo(Value.of(Long.MIN_VALUE));
        assertThat(Binder.of(true)).isEqualTo(Value.of(1L));
        assertThat(Binder.of(new BigDecimal("12345678901234567890.000100")))
                .isEqualTo(Value.of("12345678901234567890.000100"));
        assertThat(Binder.of(LocalDate.of(2024, 2, 29))).isEqualTo(Value.of("2024-02-29"));
        assertThat(Binder.of(LocalDateTime.of(2024, 2, 29, 13, 5, 0))).isEqualTo(Value.of("2024-02-29 13:05:00"));
        assertThat(Binder.of(LocalDateTime.of(2024, 2, 29, 13, 5, 0, 120_000_000)))
                .isEqualTo(Value.of("2024-02-29 13:05:00.12"));
        assertThat(Binder.of(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2))))
                .isEqualTo(Value.of("2024-01-02 03:04:05+02:00"));
        assertThat(Binder.of(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo(Value.of("2024-01-02 03:04:05Z"));
        assertThat(Binder.of(LocalTime.of(23, 59, 1))).isEqualTo(Value.of("23:59:01"));
        UUID uuid = UUID.randomUUID();
        assertThat(Binder.of(uuid)).isEqualTo(Value.of(uuid.toString()));
    }

    @Test
    void unknownTypesAreRefused() {
        assertThatThrownBy(() -> Binder.of(new Object())).hasMessageContaining("cannot bind");
    }

    @Test
    void setObjectWithTargetTypeConverts() throws Exception {
        assertThat(Binder.of("42", Types.BIGINT, null)).isEqualTo(Value.of(42L));
        assertThat(Binder.of(42, Types.VARCHAR, null)).isEqualTo(Value.of("42"));
        assertThat(Binder.of("1.50", Types.DECIMAL, 1)).isEqualTo(Value.of("1.5"));
        assertThat(Binder.of("true", Types.BOOLEAN, null)).isEqualTo(Value.of(1L));
        assertThat(Binder.of(LocalDate.of(2020, 1, 1), Types.TIMESTAMP, null))
                .isEqualTo(Value.of("2020-01-01 00:00:00"));
        assertThatThrownBy(() -> Binder.of("abc", Types.INTEGER, null)).isInstanceOf(SQLDataException.class);
    }

    @Test
    void readsWithConversionsAndRangeChecks() throws Exception {
        assertThat(Values.getLong(Value.of(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(Values.getLong(Value.of(" 17 "))).isEqualTo(17L);
        assertThat(Values.getInt(Value.of(2.9))).isEqualTo(2);
        assertThatThrownBy(() -> Values.getInt(Value.of(1L << 40)))
                .isInstanceOf(SQLDataException.class)
                .extracting(e -> ((SQLDataException) e).getSQLState())
                .isEqualTo("22003");
        assertThatThrownBy(() -> Values.getLong(Value.of("abc")))
                .isInstanceOf(SQLDataException.class)
                .extracting(e -> ((SQLDataException) e).getSQLState())
                .isEqualTo("22018");
        assertThat(Values.getBigDecimal(Value.of("0.1000"))).isEqualTo(new BigDecimal("0.1000"));
        assertThat(Values.getBoolean(Value.of("TRUE"))).isTrue();
        assertThat(Values.getBoolean(Value.of(0L))).isFalse();
        assertThat(Values.getString(Value.of(new byte[] {104, 105}))).isEqualTo("hi");
        assertThat(Values.getBytes(Value.NULL)).isNull();
        assertThat(Values.getLong(Value.NULL)).isZero();
    }

    @Test
    void readsDatesAndTimesInEveryStoredForm() throws Exception {
        assertThat(Values.getObject(Value.of("2024-02-29 13:05:00.12"), LocalDateTime.class))
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 5, 0, 120_000_000));
        assertThat(Values.getObject(Value.of("2024-02-29T13:05"), LocalDateTime.class))
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 5));
        assertThat(Values.getObject(Value.of("2024-02-29"), LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(Values.getObject(Value.of("13:05:01.5"), LocalTime.class))
                .isEqualTo(LocalTime.of(13, 5, 1, 500_000_000));
        assertThat(Values.getObject(Value.of("2024-01-02 03:04:05+02:00"), OffsetDateTime.class))
                .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
        assertThat(Values.getObject(Value.of("2024-01-02 03:04:05Z"), Instant.class))
                .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(Values.getObject(Value.of(0L), Instant.class)).isEqualTo(Instant.EPOCH);
        assertThat(Values.getObject(Value.of(2440587.5), Instant.class)).isEqualTo(Instant.EPOCH);
        assertThat(Values.getTimestamp(Value.of("2024-02-29 13:05:00.123456789"), null))
                .isEqualTo(Timestamp.valueOf("2024-02-29 13:05:00.123456789"));
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        assertThat(Values.getTimestamp(Value.of("1970-01-01 00:00:01"), utc).getTime())
                .isEqualTo(1000L);
        assertThat(Binder.ofTimestamp(new Timestamp(1000L), utc)).isEqualTo(Value.of("1970-01-01 00:00:01"));
        assertThatThrownBy(() -> Values.getTimestamp(Value.of("yesterday"), null))
                .isInstanceOf(SQLDataException.class)
                .extracting(e -> ((SQLDataException) e).getSQLState())
                .isEqualTo("22007");
    }

    @Test
    void readsUuidsFromTextAndBlobs() throws Exception {
        UUID uuid = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThat(Values.getObject(Value.of(uuid.toString()), UUID.class)).isEqualTo(uuid);
        ByteBuffer buffer = ByteBuffer.allocate(16);
        buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        assertThat(Values.getObject(Value.of(buffer.array()), UUID.class)).isEqualTo(uuid);
    }
}
