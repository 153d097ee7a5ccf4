package dev.libsqljpa.hibernate.internal;

import java.math.BigDecimal;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.SQLDataException;
import java.sql.SQLException;
import org.hibernate.type.descriptor.ValueBinder;
import org.hibernate.type.descriptor.ValueExtractor;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.DecimalJdbcType;
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

    private LibsqlDecimalJdbcTypes() {}

    /** {@code NUMERIC}: the default for BigDecimal and BigInteger. */
    public static final class ExactNumeric extends NumericJdbcType {
        @Override
        public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
            return TextCodedJdbcTypes.binder(javaType, this, EXACT);
        }

        @Override
        public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
            return TextCodedJdbcTypes.extractor(javaType, this, EXACT);
        }
    }

    /** {@code DECIMAL}. */
    public static final class ExactDecimal extends DecimalJdbcType {
        @Override
        public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
            return TextCodedJdbcTypes.binder(javaType, this, EXACT);
        }

        @Override
        public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
            return TextCodedJdbcTypes.extractor(javaType, this, EXACT);
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
            throw new SQLDataException(
                    "BigDecimal " + value.toPlainString() + " cannot be stored without loss: libSQL "
                            + "keeps numbers as 64-bit integers or doubles, exact for integers up to 2^63-1 and for at most "
                            + MAX_FRACTIONAL_PRECISION + " significant digits (this value has " + stripped.precision()
                            + "). Map it to a String column to keep every digit.",
                    "22003");
        }
    }

    /** Binds through {@link #bindExact}; reads the stored text as a BigDecimal. */
    private static final TextCodedJdbcTypes.Codec EXACT = new TextCodedJdbcTypes.Codec() {
        @Override
        public <X> String toText(JavaType<X> javaType, X value, WrapperOptions options) {
            return javaType.unwrap(value, BigDecimal.class, options).toPlainString();
        }

        @Override
        public <X> X fromText(JavaType<X> javaType, String text, WrapperOptions options) throws SQLException {
            try {
                return javaType.wrap(new BigDecimal(text.trim()), options);
            } catch (NumberFormatException e) {
                throw new SQLDataException("Stored value '" + text + "' is not a number", "22018", e);
            }
        }

        @Override
        public <X> void bind(
                PreparedStatement statement, int index, JavaType<X> javaType, X value, WrapperOptions options)
                throws SQLException {
            bindExact(statement, index, javaType.unwrap(value, BigDecimal.class, options));
        }

        @Override
        public <X> void bind(
                CallableStatement statement, String name, JavaType<X> javaType, X value, WrapperOptions options)
                throws SQLException {
            throw new SQLDataException("libSQL has no stored procedures (parameter " + name + ")", "0A000");
        }
    };
}
