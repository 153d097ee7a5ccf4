package dev.libsqljpa.testkit.internal;

import java.util.function.Supplier;
import org.sqlite.BusyHandler;

/** SQLite busy handler of a stream's connection: lets writers wait for the lock as sqld does. */
final class LockWaiter extends BusyHandler {
    private final ServerCore core;
    private final Supplier<ServerStream> stream;

    LockWaiter(ServerCore core, Supplier<ServerStream> stream) {
        this.core = core;
        this.stream = stream;
    }

    @Override
    protected int callback(int attempt) {
        return core.onBusy(stream.get(), attempt) ? 1 : 0;
    }
}
