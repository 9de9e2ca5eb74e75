package io.mailoo.dispatch.service;

import java.util.concurrent.TimeoutException;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Bounds one send. The Vert.x mail client (4.5) never completes a send whose server accepts the connection and then
 * says nothing: the connection is closed by the idle timeout before an error handler is set, so the error is dropped.
 * Without this bound such a server would hold its lane's sends forever.
 */
final class SendDeadline {

    private SendDeadline() {
    }

    /** Completes like {@code send}, or fails with {@link TimeoutException} after {@code millis}; runs on context. */
    static <T> Future<T> within(Context context, Future<T> send, long millis) {
        Promise<T> promise = Promise.promise();
        long timer = context.owner().setTimer(millis, id -> promise.tryFail(
                new TimeoutException("no answer from the SMTP server within " + millis + " ms")));
        send.onComplete(ar -> {
            context.owner().cancelTimer(timer);
            if (ar.succeeded()) {
                promise.tryComplete(ar.result());
            } else {
                promise.tryFail(ar.cause());
            }
        });
        return promise.future();
    }
}
