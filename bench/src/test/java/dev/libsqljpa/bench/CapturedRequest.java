package dev.libsqljpa.bench;

import dev.libsqljpa.testkit.proxy.Fault;
import dev.libsqljpa.testkit.proxy.HttpFaultProxy;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicReference;

/** The request the driver posts for one statement, seen through a watching proxy: path and body bytes. */
record CapturedRequest(String path, byte[] body) {

    /** The driver's {@code executeQuery} of {@code select ?} with 42 in autocommit, against the server at {@code direct}. */
    static CapturedRequest selectParameter(String direct) throws Exception {
        AtomicReference<CapturedRequest> seen = new AtomicReference<>();
        try (HttpFaultProxy spy = HttpFaultProxy.start(URI.create(direct));
                Connection c = DriverManager.getConnection("jdbc:libsql:" + spy.uri());
                PreparedStatement ps = c.prepareStatement("select ?")) {
            spy.failWhen(
                    r -> {
                        if (r.method().equals("POST") && r.bodyContains("select ?")) {
                            seen.set(new CapturedRequest(r.path(), r.body()));
                        }
                        return false; // only watches
                    },
                    Fault.HTTP_503);
            ps.setLong(1, 42);
            try (ResultSet rs = ps.executeQuery()) {
                Scenarios.check(rs.next() && rs.getLong(1) == 42, "select ? answered wrongly");
            }
        }
        Scenarios.check(seen.get() != null, "the driver's request was not seen");
        return seen.get();
    }
}
