package io.mailoo.integration.service;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Work that must not run on the event loop, and results that arrive on foreign threads, both brought back to the
 * caller's Vert.x context: Hibernate Reactive fails (HR000069) when a session continues anywhere else.
 */
@ApplicationScoped
public class ContextWork {

    /** Runs {@code work} on a worker thread; the result is delivered on the caller's context. */
    public <T> Uni<T> blocking(Supplier<T> work) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Uni.createFrom().item(work);
        }
        return Uni.createFrom().completionStage(() -> context.<T>executeBlocking(work::get, false).toCompletionStage());
    }
}
