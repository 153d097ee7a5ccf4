package dev.libsqljpa.hibernate.internal;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.hibernate.type.descriptor.ValueBinder;
import org.hibernate.type.descriptor.ValueExtractor;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.BasicBinder;
import org.hibernate.type.descriptor.jdbc.BasicExtractor;
import org.hibernate.type.descriptor.jdbc.JdbcType;

/**
 * The shared base of the JDBC types whose values are read back through their text form
 * ({@code getString}): dates and times ({@link LibsqlTemporalJdbcTypes}) and exact decimals
 * ({@link LibsqlDecimalJdbcTypes}). A {@link Codec} says how a value is bound and how stored text
 * becomes a value again; this class builds Hibernate's binder and extractor around it once.
 */
final class TextCodedJdbcTypes {

    private TextCodedJdbcTypes() {}

    /** Converts between a Java value and what is stored; SQL NULL never reaches a codec. */
    interface Codec {
        <X> String toText(JavaType<X> javaType, X value, WrapperOptions options) throws SQLException;

        <X> X fromText(JavaType<X> javaType, String text, WrapperOptions options) throws SQLException;

        /** Binds a value; by default as its text. */
        default <X> void bind(
                PreparedStatement statement, int index, JavaType<X> javaType, X value, WrapperOptions options)
                throws SQLException {
            statement.setString(index, toText(javaType, value, options));
        }

        /** Binds a named parameter; by default as its text. */
        default <X> void bind(
                CallableStatement statement, String name, JavaType<X> javaType, X value, WrapperOptions options)
                throws SQLException {
            statement.setString(name, toText(javaType, value, options));
        }
    }

    static <X> ValueBinder<X> binder(JavaType<X> javaType, JdbcType jdbcType, Codec codec) {
        return new BasicBinder<>(javaType, jdbcType) {
            @Override
            protected void doBind(PreparedStatement st, X value, int index, WrapperOptions options)
                    throws SQLException {
                codec.bind(st, index, javaType, value, options);
            }

            @Override
            protected void doBind(CallableStatement st, X value, String name, WrapperOptions options)
                    throws SQLException {
                codec.bind(st, name, javaType, value, options);
            }
        };
    }

    static <X> ValueExtractor<X> extractor(JavaType<X> javaType, JdbcType jdbcType, Codec codec) {
        return new BasicExtractor<>(javaType, jdbcType) {
            @Override
            protected X doExtract(ResultSet rs, int paramIndex, WrapperOptions options) throws SQLException {
                return read(rs.getString(paramIndex), options);
            }

            @Override
            protected X doExtract(CallableStatement statement, int index, WrapperOptions options) throws SQLException {
                return read(statement.getString(index), options);
            }

            @Override
            protected X doExtract(CallableStatement statement, String name, WrapperOptions options)
                    throws SQLException {
                return read(statement.getString(name), options);
            }

            private X read(String text, WrapperOptions options) throws SQLException {
                return text == null ? null : codec.fromText(javaType, text, options);
            }
        };
    }
}
