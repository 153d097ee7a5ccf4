package dev.libsqljpa.jdbc.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;

/** Deliberately bad: driver code building JSON and HTTP requests itself. */
public final class JdbcBuildingJsonAndHttp {

    private JdbcBuildingJsonAndHttp() {}

    public static Object fail() {
        return new Object[] {new ObjectMapper(), HttpClient.newHttpClient()};
    }
}
