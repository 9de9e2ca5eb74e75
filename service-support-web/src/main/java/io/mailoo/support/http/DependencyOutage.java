package io.mailoo.support.http;

/**
 * Recognises a failure that says something the service depends on is overloaded or away for a moment (its database
 * refusing connections, restarting), not that the request or the code is wrong. {@link ProblemMappers} answers such
 * a failure 503 with Retry-After instead of 500, so a client waits and tries again. The module that talks to the
 * dependency provides the bean; this module has no database.
 */
public interface DependencyOutage {

    /** Whether this one exception (not its causes: the caller walks the chain) is such a failure. */
    boolean recognises(Throwable failure);
}
