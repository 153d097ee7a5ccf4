package dev.libsqljpa.hrana.v3.proto;

import java.util.Objects;

/** The successful answer to a {@link StreamRequest}; same {@code type} tag as its request. */
public sealed interface StreamResponse {

    /** The {@code type} tag on the wire. */
    String type();

    record Execute(StmtResult result) implements StreamResponse {
        public Execute {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public String type() {
            return "execute";
        }
    }

    record Batch(BatchResult result) implements StreamResponse {
        public Batch {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public String type() {
            return "batch";
        }
    }

    record Sequence() implements StreamResponse {
        @Override
        public String type() {
            return "sequence";
        }
    }

    record Describe(DescribeResult result) implements StreamResponse {
        public Describe {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public String type() {
            return "describe";
        }
    }

    record StoreSql() implements StreamResponse {
        @Override
        public String type() {
            return "store_sql";
        }
    }

    record CloseSql() implements StreamResponse {
        @Override
        public String type() {
            return "close_sql";
        }
    }

    record Close() implements StreamResponse {
        @Override
        public String type() {
            return "close";
        }
    }

    record GetAutocommit(boolean isAutocommit) implements StreamResponse {
        @Override
        public String type() {
            return "get_autocommit";
        }
    }
}
