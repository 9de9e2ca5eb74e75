package io.mailoo.dispatch.smtp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpSecurity;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.mailencoder.EmailAddress;

/**
 * One profile's SMTP client: at most {@code maxConnections} pooled connections, reused most-recent-first, each send
 * one transaction with its DATA in one write (the Vert.x mail client writes a message line by line, waiting for each
 * write, and resets every reused connection; see docs/benchmarks.md). MIME encoding is the Vert.x mail encoder's.
 * Not thread-safe: used from the one Vert.x context of its profile lane.
 */
public final class SmtpClient {

    private final Vertx vertx;
    private final SmtpTarget target;
    private final int maxConnections;
    private final NetClient netClient;
    private final ArrayDeque<SmtpSession> idle = new ArrayDeque<>();
    private final ArrayDeque<Promise<SmtpSession>> waiting = new ArrayDeque<>();
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

    /** Sends one message; the server's reply to the end of DATA on success, an exception the classifier reads otherwise. */
    public Future<SmtpReply> send(MailMessage message) {
        if (closed) {
            return Future.failedFuture(new IllegalStateException("the SMTP client of this profile is closed"));
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
        return acquire().compose(session -> session.transaction(bounce, recipients, encoded.data())
                .andThen(ar -> release(session, ar)));
    }

    /** Closes idle connections with QUIT; connections in use close when their send ends. */
    public Future<Void> close() {
        if (closed) {
            return Future.succeededFuture();
        }
        closed = true;
        Promise<SmtpSession> waiter;
        while ((waiter = waiting.poll()) != null) {
            waiter.tryFail(new IllegalStateException("the SMTP client of this profile was closed"));
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

    private Future<SmtpSession> acquire() {
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
            return connect();
        }
        Promise<SmtpSession> promise = Promise.promise();
        waiting.add(promise);
        return promise.future();
    }

    private Future<SmtpSession> connect() {
        open++;
        return SmtpSession.open(vertx, netClient, target).onFailure(e -> {
            open--;
            serveWaiter();
        });
    }

    private void release(SmtpSession session, AsyncResult<?> outcome) {
        if (closed || session.closed()) {
            discard(session);
        } else if (outcome.succeeded()) {
            reuse(session);
        } else if (outcome.cause() instanceof SMTPException) {
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
        Promise<SmtpSession> waiter = waiting.poll();
        if (waiter != null) {
            waiter.complete(session);
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
        Promise<SmtpSession> waiter = waiting.poll();
        connect().onComplete(ar -> {
            if (ar.succeeded()) {
                waiter.complete(ar.result());
            } else {
                waiter.fail(ar.cause());
            }
        });
    }
}
