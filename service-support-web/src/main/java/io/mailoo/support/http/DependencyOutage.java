package io.mailoo.support.http;

/**
 * Recognises a failure that says something the service depends on is overloaded or away for a moment (its database
 * refusing connections, restarting), not that the request or the code is wrong. {@link ProblemMappers} answers such
 * a failure 503 with Retry-After instead of 500, so a client waits and tries again. The module that talks to the
 * dependency provides the bean; this module has no database.
 */
public interface DependencyOutage {

    /** Whether this one exception (not its causes) is such a failure. */
    boolean recognises(Throwable failure);

    /** The failure or the first of its causes that is such a failure, or null (wrappers hide the database's own). */
    default Throwable foundIn(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 16; cause = cause.getCause(), depth++) {
            if (recognises(cause)) {
                return cause;
            }
        }
        return null;
    }
}
