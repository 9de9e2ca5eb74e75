package io.mailoo.dispatch.service;

import java.util.concurrent.TimeoutException;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Bounds one send as a whole (connection, dialogue and transaction). The SMTP client bounds each reply on its own; this
 * keeps a server that answers every command just in time from holding its lane's sends for many times that.
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
