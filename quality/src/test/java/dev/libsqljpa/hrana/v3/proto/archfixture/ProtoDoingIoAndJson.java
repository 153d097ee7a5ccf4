package dev.libsqljpa.hrana.v3.proto.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.libsqljpa.hrana.v3.codec.archfixture.CodecUsingTransport;
import java.net.URI;

/** Deliberately bad: a wire-model type that parses JSON, holds a URI and calls the codec. */
public record ProtoDoingIoAndJson(URI uri) {

    public String json() throws Exception {
        CodecUsingTransport.encode();
        return new ObjectMapper().writeValueAsString(uri.toString());
    }
}
