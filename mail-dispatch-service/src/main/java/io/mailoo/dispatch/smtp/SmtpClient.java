package io.mailoo.dispatch.smtp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpStep;
import io.mailoo.dispatch.smtp.SmtpFailure.Kind;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.EmailAddress;

/**
 * One profile's SMTP client: at most {@code maxConnections} pooled connections, reused most-recent-first, each send
 * one transaction with its DATA in one write (the Vert.x mail client writes a message line by line, waiting for each
 * write, and resets every reused connection; see docs/benchmarks.md). MIME encoding is the Vert.x mail encoder's.
 * A send as a whole (waiting for a connection, dialogue and transaction) is bounded by the target's reply timeout
 * too, so a server that answers every command just in time cannot hold a send for many times that. Not
 * thread-safe: used from the one Vert.x context of its profile lane.
 */
public final class SmtpClient {

    private final Vertx vertx;
    private final SmtpTarget target;
    private final int maxConnections;
    private final NetClient netClient;
    private final ArrayDeque<SmtpSession> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private int open;
    private boolean closed;

    public SmtpClient(Vertx vertx, SmtpTarget target, int maxConnections) {
        this.vertx = vertx;
        this.target = target;
        this.maxConnections = Math.max(1, maxConnections);
        NetClientOptions options = new NetClientOptions()
                .setConnectTimeout((int) target.connectTimeoutMillis())
                .setSsl(target.security() == SmtpSecurity.SSL_TLS)
                .setTrustAll(false);
        if (target.tls()) {
            options.setHostnameVerificationAlgorithm("HTTPS");
            if (!target.trustedCertificates().isEmpty()) {
                PemTrustOptions trust = new PemTrustOptions();
                target.trustedCertificates().forEach(trust::addCertPath);
                options.setTrustOptions(trust);
            }
        }
        this.netClient = vertx.createNetClient(options);
    }

    /**
     * Sends one message; the server's reply to the end of DATA on success, otherwise an {@link SmtpFailure} (or, for
     * a message that cannot be encoded, the encoder's exception).
     */
    public Future<SmtpReply> send(MailMessage message) {
        if (closed) {
            return Future.failedFuture(SmtpFailure.of(SmtpStep.CONNECT, Kind.CONNECTION));
        }
        MessageWireFormat.Encoded encoded;
        List<String> recipients;
        try {
            encoded = MessageWireFormat.encode(message, target.ownHostname());
            recipients = recipients(message);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        String bounce = new EmailAddress(message.getBounceAddress() != null ? message.getBounceAddress()
                : message.getFrom()).getEmail();
        Progress progress = new Progress();
        Promise<SmtpReply> outcome = Promise.promise();
        long deadline = vertx.setTimer(target.replyTimeoutMillis(),
                id -> outcome.tryFail(SmtpFailure.of(progress.step, Kind.TIMEOUT)));
        acquire(progress)
                .compose(session -> session.transaction(bounce, recipients, encoded.data(), progress::at)
                        .andThen(ar -> release(session, ar)))
                .onComplete(ar -> {
                    vertx.cancelTimer(deadline);
                    if (ar.succeeded()) {
                        outcome.tryComplete(ar.result());
                    } else {
                        outcome.tryFail(ar.cause());
                    }
                });
        return outcome.future();
    }

    /** Closes idle connections with QUIT; connections in use close when their send ends. */
    public Future<Void> close() {
        if (closed) {
            return Future.succeededFuture();
        }
        closed = true;
        Waiter waiter;
        while ((waiter = waiting.poll()) != null) {
            waiter.promise.tryFail(SmtpFailure.of(SmtpStep.CONNECT, Kind.CONNECTION));
        }
        SmtpSession session;
        while ((session = idle.poll()) != null) {
            session.quit();
        }
        Promise<Void> closing = Promise.promise();
        // a moment for the QUITs to go out before the client closes its sockets
        vertx.setTimer(200, id -> netClient.close().onComplete(closing));
        return closing.future();
    }

    private static List<String> recipients(MailMessage message) {
        List<String> all = new ArrayList<>();
        for (List<String> list : List.of(nullToEmpty(message.getTo()), nullToEmpty(message.getCc()),
                nullToEmpty(message.getBcc()))) {
            for (String address : list) {
                all.add(new EmailAddress(address).getEmail());
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("a message without recipients cannot be sent");
        }
        return all;
    }

    private static List<String> nullToEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private Future<SmtpSession> acquire(Progress progress) {
        long now = System.currentTimeMillis();
        SmtpSession session;
        while ((session = idle.pollFirst()) != null) {
            if (!session.closed() && !session.stale(now)) {
                return Future.succeededFuture(session);
            }
            session.quit();
            open--;
        }
        if (open < maxConnections) {
            return connect(progress);
        }
        Waiter waiter = new Waiter(Promise.promise(), progress);
        waiting.add(waiter);
        return waiter.promise.future();
    }

    private Future<SmtpSession> connect(Progress progress) {
        open++;
        return SmtpSession.open(vertx, netClient, target, progress::at).onFailure(e -> {
            open--;
            serveWaiter();
        });
    }

    private void release(SmtpSession session, AsyncResult<?> outcome) {
        if (closed || session.closed()) {
            discard(session);
        } else if (outcome.succeeded()) {
            reuse(session);
        } else if (outcome.cause() instanceof SmtpFailure failure && failure.kind() == Kind.REPLY) {
            // the server refused this message: end the transaction, then the connection serves the next one
            session.reset().onComplete(reset -> {
                if (reset.succeeded() && !closed) {
                    reuse(session);
                } else {
                    discard(session);
                }
            });
        } else {
            discard(session);
        }
    }

    private void reuse(SmtpSession session) {
        session.markIdle();
        Waiter waiter = waiting.poll();
        if (waiter != null) {
            waiter.promise.complete(session);
        } else {
            idle.addFirst(session);
        }
    }

    private void discard(SmtpSession session) {
        session.quit();
        open--;
        serveWaiter();
    }

    /** A connection slot came free: open a connection for the longest-waiting send, if any. */
    private void serveWaiter() {
        if (closed || waiting.isEmpty() || open >= maxConnections) {
            return;
        }
        Waiter waiter = waiting.poll();
        connect(waiter.progress).onComplete(waiter.promise);
    }

    /** Where one send is in the dialogue: the step a deadline that strikes now is reported at. */
    private static final class Progress {
        private SmtpStep step = SmtpStep.CONNECT;

        void at(SmtpStep next) {
            step = next;
        }
    }

    /** A send waiting for a connection slot. */
    private record Waiter(Promise<SmtpSession> promise, Progress progress) {
    }
}
