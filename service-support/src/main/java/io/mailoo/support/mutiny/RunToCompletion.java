package io.mailoo.support.mutiny;

import io.smallrye.mutiny.Uni;

/**
 * A unit of work that must finish once started, whatever the caller does. The HTTP layer cancels a request's Uni
 * when the client goes away; cancelling a Hibernate Reactive transaction half-way left its connection with a live
 * transaction (HR000090) and the session in use by the next step ("possible non-threadsafe access to session"),
 * holding row locks until the pool was drained (issue 12's system test). Here the work is subscribed on its own: a
 * cancellation only stops waiting for it, and the work commits or rolls back as a whole.
 */
public final class RunToCompletion {

    private RunToCompletion() {
    }

    public static <T> Uni<T> of(Uni<T> work) {
        // a cancelled emitter drops what it is given, so a caller that left simply gets nothing
        return Uni.createFrom().emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
    }
}
