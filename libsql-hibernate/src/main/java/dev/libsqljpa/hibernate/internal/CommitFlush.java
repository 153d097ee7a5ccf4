package dev.libsqljpa.hibernate.internal;

/**
 * Tells whether the current flush is the one Hibernate runs before completing a transaction
 * ({@code SessionImpl.flushBeforeTransactionCompletion}, the same name on Hibernate 6.6, 7.1 and
 * 7.4, for resource-local and JTA transactions alike). Hibernate's flush event carries no such
 * flag, so the call stack is asked: a walk of the frames between the flush listener and the
 * transaction's completion, once per flush, stopping at the first match.
 */
final class CommitFlush {
    static final String METHOD = "flushBeforeTransactionCompletion";

    private static final StackWalker WALKER = StackWalker.getInstance();

    private CommitFlush() {}

    static boolean inProgress() {
        return WALKER.walk(frames -> frames.anyMatch(frame ->
                frame.getMethodName().equals(METHOD) && frame.getClassName().startsWith("org.hibernate.")));
    }
}
