package dev.libsqljpa.hrana.v3.codec.archfixture;

import dev.libsqljpa.hrana.http.archfixture.TransportUsingSession;

/** Deliberately bad: the codec calling the transport. */
public final class CodecUsingTransport {

    private CodecUsingTransport() {}

    public static int encode() {
        return TransportUsingSession.send();
    }
}
