package io.mailoo.dispatch.smtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import javax.net.ssl.SSLException;

import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpStep;
import io.mailoo.dispatch.smtp.SmtpFailure.Kind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.parsetools.RecordParser;

/**
 * One SMTP connection: greeting, EHLO, STARTTLS, AUTH (PLAIN or LOGIN), then mail transactions whose DATA goes out
 * in one write. Commands are strictly sequential (one reply awaited at a time), each reply bounded by the target's
 * reply timeout (the whole reply, not each line) and by its maxReplyLines and maxReplyBytes. Used from one Vert.x
 * context only. Every failure is an {@link SmtpFailure} naming the step it happened at; it carries the server's
 * reply, never a command we sent, so credentials cannot leak through it.
 */
final class SmtpSession {

    /** RFC 5321 allows 512 octets per reply line; servers send longer ones, not this long. */
    private static final int MAX_REPLY_LINE = 8192;

    private final Vertx vertx;
    private final SmtpTarget target;
    private final NetSocket socket;
    private final ArrayDeque<Promise<SmtpReplyLines>> awaiting = new ArrayDeque<>();
    private final List<String> partialReply = new ArrayList<>();
    /** Bytes of the reply being read, CRLFs included, against the target's maxReplyBytes. */
    private int partialReplyBytes;
    private Set<String> extensions = Set.of();
    private String authLine = "";
    private long replyTimer = -1;
    private boolean closed;
    private long idleSince = System.currentTimeMillis();
    /** The step whose reply (or handshake) is awaited; told to whoever the session works for at the moment. */
    private SmtpStep step = SmtpStep.GREETING;
    private Consumer<SmtpStep> stepObserver;
    /** What ended the session first, if something did (a TLS alert closes the socket too). */
    private Kind endedBy;

    private SmtpSession(Vertx vertx, SmtpTarget target, NetSocket socket, Consumer<SmtpStep> stepObserver) {
        this.vertx = vertx;
        this.target = target;
        this.socket = socket;
        this.stepObserver = stepObserver;
        RecordParser parser = RecordParser.newDelimited("\r\n", this::onLine);
        int maxLine = Math.max(1, Math.min(MAX_REPLY_LINE, target.maxReplyBytes()));
        parser.maxRecordSize(maxLine);
        // the parser's only failure is a record over maxRecordSize: a line without CRLF that does not end
        parser.exceptionHandler(e -> fail(Kind.PROTOCOL));
        // once failed, whatever the server still streams is dropped instead of buffered
        socket.handler(data -> {
            if (!closed) {
                parser.handle(data);
            }
        });
        socket.exceptionHandler(e -> fail(kindOf(e)));
        socket.closeHandler(v -> fail(Kind.CONNECTION));
    }

    /**
     * Connects and runs the dialogue up to a logged-in, ready connection; {@code stepObserver} is told each step as
     * it begins (CONNECT, or TLS for SSL_TLS, first).
     */
    static Future<SmtpSession> open(Vertx vertx, NetClient client, SmtpTarget target,
            Consumer<SmtpStep> stepObserver) {
        SocketAddress remote;
        try {
            remote = target.checkedAddress() == null ? SocketAddress.inetSocketAddress(target.port(), target.host())
                    // the checked address under the host's name: no second lookup, and TLS still verifies the name
                    : SocketAddress.inetSocketAddress(new InetSocketAddress(
                            InetAddress.getByAddress(target.host(), target.checkedAddress().getAddress()),
                            target.port()));
        } catch (UnknownHostException e) {
            return Future.failedFuture(SmtpFailure.of(SmtpStep.CONNECT, Kind.CONNECTION));
        }
        stepObserver.accept(target.security() == SmtpSecurity.SSL_TLS ? SmtpStep.TLS : SmtpStep.CONNECT);
        return client.connect(remote, target.host())
                .recover(e -> Future.failedFuture(kindOf(e) == Kind.TLS ? SmtpFailure.of(SmtpStep.TLS, Kind.TLS)
                        : SmtpFailure.of(SmtpStep.CONNECT, Kind.CONNECTION)))
                .compose(socket -> {
                    SmtpSession session = new SmtpSession(vertx, target, socket, stepObserver);
                    session.at(SmtpStep.GREETING);
                    return session.handshake().map(session).onFailure(e -> session.close());
                });
    }

    /** A TLS failure when an SSLException caused it, anything else the socket reports is a broken connection. */
    private static Kind kindOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return Kind.TLS;
            }
        }
        return Kind.CONNECTION;
    }

    private void at(SmtpStep next) {
        step = next;
        stepObserver.accept(next);
    }

    boolean closed() {
        return closed;
    }

    /** True when the connection has been idle so long that the server may have dropped it. */
    boolean stale(long now) {
        return target.maxIdleMillis() > 0 && now - idleSince > target.maxIdleMillis();
    }

    void markIdle() {
        idleSince = System.currentTimeMillis();
    }

    /**
     * MAIL FROM, RCPT TO for each recipient, DATA and the message; the server's final reply on success.
     * {@code stepObserver} is told each step from now on.
     */
    Future<SmtpReply> transaction(String bounceAddress, List<String> recipients, Buffer data,
            Consumer<SmtpStep> stepObserver) {
        this.stepObserver = stepObserver;
        Future<SmtpReplyLines> chain = command(SmtpStep.MAIL_FROM, "MAIL FROM:<" + bounceAddress + ">")
                .compose(reply -> expect(reply, 250));
        for (String recipient : recipients) {
            chain = chain.compose(v -> command(SmtpStep.RCPT_TO, "RCPT TO:<" + recipient + ">"))
                    .compose(reply -> reply.is(251) || reply.is(250) ? Future.succeededFuture(reply)
                            : Future.failedFuture(reply.failure(SmtpStep.RCPT_TO).refusing(recipient)));
        }
        return chain.compose(v -> command(SmtpStep.DATA, "DATA"))
                .compose(reply -> expect(reply, 354))
                .compose(v -> send(SmtpStep.MESSAGE, data))
                .compose(reply -> expect(reply, 250))
                .map(SmtpReplyLines::toSmtpReply);
    }

    /** Ends a failed transaction so the connection can carry the next one. */
    Future<Void> reset() {
        stepObserver = ignored -> { };
        return command(SmtpStep.UNKNOWN, "RSET").compose(reply -> expect(reply, 250)).mapEmpty();
    }

    /** Says goodbye politely when possible and closes the connection. */
    void quit() {
        if (closed) {
            return;
        }
        socket.write("QUIT\r\n").onComplete(ar -> close());
    }

    void close() {
        closed = true;
        cancelReplyTimer();
        socket.close();
    }

    private Future<Void> handshake() {
        return expectReply()
                .compose(greeting -> expect(greeting, 220))
                .compose(v -> hello())
                .compose(v -> target.security() == SmtpSecurity.STARTTLS ? startTls() : Future.succeededFuture())
                .compose(v -> target.login() ? authenticate() : Future.succeededFuture());
    }

    private Future<Void> hello() {
        return command(SmtpStep.EHLO, "EHLO " + target.ownHostname()).compose(reply -> {
            if (reply.is(250)) {
                readExtensions(reply);
                return Future.succeededFuture();
            }
            // a server without ESMTP: plain HELO, no extensions (so no STARTTLS and no AUTH)
            extensions = Set.of();
            return command(SmtpStep.EHLO, "HELO " + target.ownHostname())
                    .compose(helo -> expect(helo, 250)).mapEmpty();
        });
    }

    private void readExtensions(SmtpReplyLines reply) {
        Set<String> found = new HashSet<>();
        for (int i = 1; i < reply.lines().size(); i++) {
            String line = reply.lines().get(i);
            String keywordLine = line.length() > 4 ? line.substring(4).trim() : "";
            String upper = keywordLine.toUpperCase(Locale.ROOT);
            int space = upper.indexOf(' ');
            int equals = upper.indexOf('=');
            int cut = space < 0 ? equals : (equals < 0 ? space : Math.min(space, equals));
            String keyword = cut < 0 ? upper : upper.substring(0, cut);
            found.add(keyword);
            if (keyword.equals("AUTH")) {
                authLine = authLine + " " + upper.substring(keyword.length()).replace('=', ' ');
            }
        }
        extensions = found;
    }

    private Future<Void> startTls() {
        if (!extensions.contains("STARTTLS")) {
            return Future.failedFuture(SmtpFailure.of(SmtpStep.STARTTLS, Kind.NOT_OFFERED));
        }
        authLine = "";
        return command(SmtpStep.STARTTLS, "STARTTLS")
                .compose(reply -> expect(reply, 220))
                .compose(v -> {
                    at(SmtpStep.TLS);
                    return socket.upgradeToSsl(target.host())
                            .recover(e -> Future.failedFuture(SmtpFailure.of(SmtpStep.TLS,
                                    endedBy == Kind.TLS ? Kind.TLS : kindOf(e))));
                })
                .compose(v -> hello());
    }

    private Future<Void> authenticate() {
        if (!extensions.contains("AUTH")) {
            return Future.failedFuture(SmtpFailure.of(SmtpStep.AUTH, Kind.NOT_OFFERED));
        }
        Set<String> mechanisms = Set.of(authLine.trim().split("\\s+"));
        if (target.oauth() != null) {
            return authenticateWithToken(mechanisms);
        }
        if (mechanisms.contains("PLAIN")) {
            String credentials = "\0" + target.username() + "\0" + target.password();
            return command(SmtpStep.AUTH, "AUTH PLAIN " + base64(credentials))
                    .compose(reply -> expect(reply, 235)).mapEmpty();
        }
        if (mechanisms.contains("LOGIN")) {
            return command(SmtpStep.AUTH, "AUTH LOGIN")
                    .compose(reply -> expect(reply, 334))
                    .compose(v -> command(SmtpStep.AUTH, base64(target.username())))
                    .compose(reply -> expect(reply, 334))
                    .compose(v -> command(SmtpStep.AUTH, base64(target.password() == null ? "" : target.password())))
                    .compose(reply -> expect(reply, 235)).mapEmpty();
        }
        return Future.failedFuture(SmtpFailure.of(SmtpStep.AUTH, Kind.NOT_OFFERED));
    }

    /**
     * SASL XOAUTH2 (what Microsoft and Google document), else OAUTHBEARER (RFC 7628), with the source's access
     * token; a refused token (535, or the 334 error challenge, which is answered as the mechanism says and then
     * ends in the 535) is given back to the source once and the login tried once more with what it returns.
     */
    private Future<Void> authenticateWithToken(Set<String> mechanisms) {
        // in the enum's order of preference: XOAUTH2 first (what Microsoft and Google document)
        SaslBearer mechanism = java.util.Arrays.stream(SaslBearer.values())
                .filter(offered -> mechanisms.contains(offered.name())).findFirst().orElse(null);
        if (mechanism == null) {
            return Future.failedFuture(SmtpFailure.of(SmtpStep.AUTH, Kind.NOT_OFFERED));
        }
        return token(null).compose(first -> bearerLogin(mechanism, first).recover(failure -> {
            if (!(failure instanceof SmtpFailure refused) || !refusedToken(refused) || closed) {
                return Future.failedFuture(failure);
            }
            return token(first).compose(second -> bearerLogin(mechanism, second));
        }));
    }

    private Future<String> token(String refused) {
        at(SmtpStep.AUTH);
        // a dependent CompletionStage wraps its cause: the source's own exception is what the lane classifies
        return Future.fromCompletionStage(target.oauth().accessToken(refused), vertx.getOrCreateContext())
                .recover(e -> Future.failedFuture(e instanceof java.util.concurrent.CompletionException
                        && e.getCause() != null ? e.getCause() : e));
    }

    /** 535 (or 334 answered by us and then a 5xx): the server did not take the token. */
    private static boolean refusedToken(SmtpFailure failure) {
        return failure.step() == SmtpStep.AUTH && failure.kind() == Kind.REPLY && failure.reply() != null
                && failure.reply().code() != null && failure.reply().code() >= 500;
    }

    private Future<Void> bearerLogin(SaslBearer mechanism, String token) {
        String response = mechanism.initialResponse(target.oauth().account(), target.host(), target.port(), token);
        return command(SmtpStep.AUTH, "AUTH " + mechanism.name() + " " + base64(response)).compose(reply -> {
            if (reply.is(334)) {
                // the error challenge (a JSON status, base64): the mechanism's answer, then the server's 535
                return command(SmtpStep.AUTH, mechanism.errorChallengeAnswer()).compose(end -> expect(end, 235));
            }
            return expect(reply, 235);
        }).mapEmpty();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The reply if it has the expected code, otherwise the failure of the step it answered. */
    private Future<SmtpReplyLines> expect(SmtpReplyLines reply, int code) {
        return reply.is(code) ? Future.succeededFuture(reply) : Future.failedFuture(reply.failure(step));
    }

    private Future<SmtpReplyLines> command(SmtpStep commandStep, String line) {
        return send(commandStep, Buffer.buffer(line + "\r\n"));
    }

    private Future<SmtpReplyLines> send(SmtpStep commandStep, Buffer data) {
        at(commandStep);
        if (closed) {
            return Future.failedFuture(SmtpFailure.of(commandStep, Kind.CONNECTION));
        }
        Future<SmtpReplyLines> reply = expectReply();
        socket.write(data).onFailure(e -> fail(kindOf(e)));
        return reply;
    }

    private Future<SmtpReplyLines> expectReply() {
        Promise<SmtpReplyLines> promise = Promise.promise();
        awaiting.add(promise);
        if (replyTimer < 0) {
            replyTimer = vertx.setTimer(target.replyTimeoutMillis(), id -> {
                replyTimer = -1;
                fail(Kind.TIMEOUT);
            });
        }
        return promise.future();
    }

    private void onLine(Buffer buffer) {
        if (closed) {
            return;
        }
        String line = buffer.toString(StandardCharsets.UTF_8);
        if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                || !Character.isDigit(line.charAt(2))) {
            fail(Kind.PROTOCOL);
            return;
        }
        partialReplyBytes += buffer.length() + 2;
        if (partialReply.size() >= target.maxReplyLines() || partialReplyBytes > target.maxReplyBytes()) {
            // a hostile or broken server streaming continuation lines: stop reading it, keep nothing of it
            partialReply.clear();
            fail(Kind.PROTOCOL);
            return;
        }
        partialReply.add(line);
        if (line.length() > 3 && line.charAt(3) == '-') {
            return; // more lines of the same reply follow
        }
        partialReplyBytes = 0;
        SmtpReplyLines reply = new SmtpReplyLines(Integer.parseInt(line.substring(0, 3)), List.copyOf(partialReply));
        partialReply.clear();
        Promise<SmtpReplyLines> promise = awaiting.poll();
        cancelReplyTimer();
        if (promise == null) {
            // unasked, e.g. "421 closing idle connection": this connection is done
            close();
            return;
        }
        promise.complete(reply);
    }

    /** Ends the session: whatever awaits a reply fails with {@code kind} at the current step. */
    private void fail(Kind kind) {
        SmtpFailure cause = SmtpFailure.of(step, kind);
        if (endedBy == null) {
            endedBy = kind;
        }
        boolean wasOpen = !closed;
        closed = true;
        cancelReplyTimer();
        Promise<SmtpReplyLines> promise;
        while ((promise = awaiting.poll()) != null) {
            promise.tryFail(cause);
        }
        if (wasOpen) {
            socket.close();
        }
    }

    private void cancelReplyTimer() {
        if (replyTimer >= 0) {
            vertx.cancelTimer(replyTimer);
            replyTimer = -1;
        }
    }
}
