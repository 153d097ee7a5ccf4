package dev.libsqljpa.hrana.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class HttpCallTest {

    @Test
    void anOutOfMemoryErrorWhileReadingTheAnswerIsRethrownNotReportedAsAConnectionFailure() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        Throwable asTheClientDeliversIt = new CompletionException(new IOException("wrapped", oom));

        assertThatThrownBy(() -> HttpCall.rethrowError(asTheClientDeliversIt)).isSameAs(oom);
    }

    @Test
    void ordinaryIoFailuresAreLeftToTheClassifier() {
        assertThatCode(() -> HttpCall.rethrowError(new IOException("connection reset")))
                .doesNotThrowAnyException();
    }
}
