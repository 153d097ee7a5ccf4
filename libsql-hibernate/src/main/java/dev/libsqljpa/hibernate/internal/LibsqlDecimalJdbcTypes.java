package dev.libsqljpa.hibernate.internal;

import java.math.BigDecimal;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import org.hibernate.type.descriptor.ValueBinder;
import org.hibernate.type.descriptor.ValueExtractor;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.BasicBinder;
import org.hibernate.type.descriptor.jdbc.BasicExtractor;
import org.hibernate.type.descriptor.jdbc.DecimalJdbcType;
import org.hibernate.type.descriptor.jdbc.JdbcType;
import org.hibernate.type.descriptor.jdbc.NumericJdbcType;

/**
 * {@code BigDecimal}/{@code BigInteger} columns ({@code numeric(p,s)}, NUMERIC affinity): SQLite keeps a
 * number as a 64-bit integer or as a double, so SQL comparisons, ordering and arithmetic stay numeric.
 * A value is written only if it survives that exactly: integral values that fit in 64 bits (bound as
 * integers) and values with at most 15 significant digits (bound as their decimal text, which SQLite
 * converts itself). Anything else is refused with SQLState {@code 22003} instead of being rounded
 * silently. Values are read back through their text form, never through {@code new BigDecimal(double)}.
 */
public final class LibsqlDecimalJdbcTypes {

    /** Decimal digits a double carries exactly from text to text (SQLite's own limit, "%!.15g"). */
    public static final int MAX_FRACTIONAL_PRECISION = 15;

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private LibsqlDecimalJdbcTypes() {
    }

    /** {@code NUMERIC}: the default for BigDecimal and BigInteger. */
    public static final class ExactNumeric extends NumericJdbcType {
        @Override
        public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
            return binder(javaType, this);
        }

        @Override
        public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
            return extractor(javaType, this);
        }
    }

    /** {@code DECIMAL}. */
    public static final class ExactDecimal extends DecimalJdbcType {
        @Override
        public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
            return binder(javaType, this);
        }

        @Override
        public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
            return extractor(javaType, this);
        }
    }

    /** Binds the value exactly as SQLite will keep it, or refuses it. */
    static void bindExact(PreparedStatement st, int index, BigDecimal value) throws SQLException {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.compareTo(LONG_MIN) >= 0 && stripped.compareTo(LONG_MAX) <= 0) {
            st.setLong(index, stripped.longValueExact());
        } else if (stripped.precision() <= MAX_FRACTIONAL_PRECISION) {
            st.setString(index, stripped.toPlainString());
        } else {
            throw new SQLDataException("BigDecimal " + value.toPlainString() + " cannot be stored without loss: libSQL "
                    + "keeps numbers as 64-bit integers or doubles, exact for integers up to 2^63-1 and for at most "
                    + MAX_FRACTIONAL_PRECISION + " significant digits (this value has " + stripped.precision()
                    + "). Map it to a String column to keep every digit.", "22003");
        }
    }

    private static <X> ValueBinder<X> binder(JavaType<X> javaType, JdbcType jdbcType) {
        return new BasicBinder<>(javaType, jdbcType) {
            @Override
            protected void doBind(PreparedStatement st, X value, int index, WrapperOptions options)
                    throws SQLException {
                bindExact(st, index, javaType.unwrap(value, BigDecimal.class, options));
            }

            @Override
            protected void doBind(CallableStatement st, X value, String name, WrapperOptions options)
                    throws SQLException {
                throw new SQLDataException("libSQL has no stored procedures (parameter " + name + ")", "0A000");
            }
        };
    }

    private static <X> ValueExtractor<X> extractor(JavaType<X> javaType, JdbcType jdbcType) {
        return new BasicExtractor<>(javaType, jdbcType) {
            @Override
            protected X doExtract(ResultSet rs, int paramIndex, WrapperOptions options) throws SQLException {
                return read(rs.getString(paramIndex), options);
            }

            @Override
            protected X doExtract(CallableStatement statement, int index, WrapperOptions options)
                    throws SQLException {
                return read(statement.getString(index), options);
            }

            @Override
            protected X doExtract(CallableStatement statement, String name, WrapperOptions options)
                    throws SQLException {
                return read(statement.getString(name), options);
            }

            private X read(String text, WrapperOptions options) throws SQLException {
                if (text == null) {
                    return null;
                }
                try {
                    return javaType.wrap(new BigDecimal(text.trim()), options);
                } catch (NumberFormatException e) {
                    throw new SQLDataException("Stored value '" + text + "' is not a number", "22018", e);
                }
            }
        };
    }
}
