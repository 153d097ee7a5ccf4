package dev.libsqljpa.hrana.http.archfixture;

import dev.libsqljpa.hrana.session.archfixture.SessionFixture;

/** Deliberately bad: the transport calling up into the stream layer. */
public final class TransportUsingSession {

    private TransportUsingSession() {}

    public static int send() {
        return SessionFixture.touch();
    }
}
