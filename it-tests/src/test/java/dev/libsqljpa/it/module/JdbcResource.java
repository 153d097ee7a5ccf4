package dev.libsqljpa.it.module;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** Plain JDBC on a container datasource looked up by JNDI name: {@code GET /api/jdbc?ds=java:...}. */
@Path("/jdbc")
@RequestScoped
public class JdbcResource {

    @GET
    @Produces("text/plain")
    public String query(@QueryParam("ds") String jndiName) throws NamingException, SQLException {
        DataSource dataSource = (DataSource) new InitialContext().lookup(jndiName);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select 40 + 2, sqlite_version()")) {
            rs.next();
            return rs.getLong(1) + " " + connection.getMetaData().getDatabaseProductName();
        }
    }
}
