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
import java.util.concurrent.TimeoutException;

import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpSecurity;
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
 * reply timeout (the whole reply, not each line) and by its maxReplyLines and maxReplyBytes. Used from one Vert.x context only. Exceptions carry the server's reply lines, never a command we
 * sent, so credentials cannot leak through them.
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

    private SmtpSession(Vertx vertx, SmtpTarget target, NetSocket socket) {
        this.vertx = vertx;
        this.target = target;
        this.socket = socket;
        RecordParser parser = RecordParser.newDelimited("\r\n", this::onLine);
        int maxLine = Math.max(1, Math.min(MAX_REPLY_LINE, target.maxReplyBytes()));
        parser.maxRecordSize(maxLine);
        // the parser's only failure is a record over maxRecordSize: a line without CRLF that does not end
        parser.exceptionHandler(e -> fail(new SmtpProtocolException(
                "the SMTP server sent a reply line longer than " + maxLine + " bytes")));
        // once failed, whatever the server still streams is dropped instead of buffered
        socket.handler(data -> {
            if (!closed) {
                parser.handle(data);
            }
        });
        socket.exceptionHandler(this::fail);
        socket.closeHandler(v -> fail(new SmtpConnectionClosedException()));
    }

    /** Connects and runs the dialogue up to a logged-in, ready connection. */
    static Future<SmtpSession> open(Vertx vertx, NetClient client, SmtpTarget target) {
        SocketAddress remote;
        try {
            remote = target.checkedAddress() == null ? SocketAddress.inetSocketAddress(target.port(), target.host())
                    // the checked address under the host's name: no second lookup, and TLS still verifies the name
                    : SocketAddress.inetSocketAddress(new InetSocketAddress(
                            InetAddress.getByAddress(target.host(), target.checkedAddress().getAddress()),
                            target.port()));
        } catch (UnknownHostException e) {
            return Future.failedFuture(e);
        }
        return client.connect(remote, target.host()).compose(socket -> {
            SmtpSession session = new SmtpSession(vertx, target, socket);
            return session.handshake().map(session).onFailure(e -> session.close());
        });
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

    /** MAIL FROM, RCPT TO for each recipient, DATA and the message; the server's final reply on success. */
    Future<SmtpReply> transaction(String bounceAddress, List<String> recipients, Buffer data) {
        Future<SmtpReplyLines> chain = command("MAIL FROM:<" + bounceAddress + ">")
                .compose(reply -> expect(reply, 250, "sender address not accepted"));
        for (String recipient : recipients) {
            chain = chain.compose(v -> command("RCPT TO:<" + recipient + ">"))
                    .compose(reply -> reply.is(250) || reply.is(251) ? Future.succeededFuture(reply)
                            : Future.failedFuture(reply.failure("recipient address not accepted", enhanced())));
        }
        return chain.compose(v -> command("DATA"))
                .compose(reply -> expect(reply, 354, "DATA command not accepted"))
                .compose(v -> send(data))
                .compose(reply -> expect(reply, 250, "sending data failed"))
                .map(SmtpReplyLines::toSmtpReply);
    }

    /** Ends a failed transaction so the connection can carry the next one. */
    Future<Void> reset() {
        return command("RSET").compose(reply -> expect(reply, 250, "RSET not accepted")).mapEmpty();
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
                .compose(greeting -> expect(greeting, 220, "connection not accepted"))
                .compose(v -> hello())
                .compose(v -> target.security() == SmtpSecurity.STARTTLS ? startTls() : Future.succeededFuture())
                .compose(v -> target.login() ? authenticate() : Future.succeededFuture());
    }

    private Future<Void> hello() {
        return command("EHLO " + target.ownHostname()).compose(reply -> {
            if (reply.is(250)) {
                readExtensions(reply);
                return Future.succeededFuture();
            }
            // a server without ESMTP: plain HELO, no extensions (so no STARTTLS and no AUTH)
            extensions = Set.of();
            return command("HELO " + target.ownHostname())
                    .compose(helo -> expect(helo, 250, "HELO not accepted")).mapEmpty();
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
            return Future.failedFuture(new IllegalStateException(
                    "STARTTLS is required by the profile but the server does not offer it"));
        }
        authLine = "";
        return command("STARTTLS")
                .compose(reply -> expect(reply, 220, "STARTTLS not accepted"))
                .compose(v -> socket.upgradeToSsl(target.host()))
                .compose(v -> hello());
    }

    private Future<Void> authenticate() {
        if (!extensions.contains("AUTH")) {
            return Future.failedFuture(new IllegalStateException(
                    "login is required, but the server does not offer AUTH"));
        }
        Set<String> mechanisms = Set.of(authLine.trim().split("\\s+"));
        if (mechanisms.contains("PLAIN")) {
            String credentials = "\0" + target.username() + "\0" + target.password();
            return command("AUTH PLAIN " + base64(credentials))
                    .compose(reply -> expect(reply, 235, "AUTH PLAIN failed")).mapEmpty();
        }
        if (mechanisms.contains("LOGIN")) {
            return command("AUTH LOGIN")
                    .compose(reply -> expect(reply, 334, "AUTH LOGIN failed"))
                    .compose(v -> command(base64(target.username())))
                    .compose(reply -> expect(reply, 334, "AUTH LOGIN failed"))
                    .compose(v -> command(base64(target.password() == null ? "" : target.password())))
                    .compose(reply -> expect(reply, 235, "AUTH LOGIN failed")).mapEmpty();
        }
        return Future.failedFuture(new IllegalStateException(
                "login is required, but the server offers neither AUTH PLAIN nor AUTH LOGIN"));
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private boolean enhanced() {
        return extensions.contains("ENHANCEDSTATUSCODES");
    }

    private Future<SmtpReplyLines> expect(SmtpReplyLines reply, int code, String what) {
        return reply.is(code) ? Future.succeededFuture(reply) : Future.failedFuture(reply.failure(what, enhanced()));
    }

    private Future<SmtpReplyLines> command(String line) {
        return send(Buffer.buffer(line + "\r\n"));
    }

    private Future<SmtpReplyLines> send(Buffer data) {
        if (closed) {
            return Future.failedFuture(new SmtpConnectionClosedException());
        }
        Future<SmtpReplyLines> reply = expectReply();
        socket.write(data).onFailure(this::fail);
        return reply;
    }

    private Future<SmtpReplyLines> expectReply() {
        Promise<SmtpReplyLines> promise = Promise.promise();
        awaiting.add(promise);
        if (replyTimer < 0) {
            replyTimer = vertx.setTimer(target.replyTimeoutMillis(), id -> {
                replyTimer = -1;
                fail(new TimeoutException("no answer from the SMTP server within " + target.replyTimeoutMillis()
                        + " ms"));
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
            fail(new SmtpProtocolException("the server sent something that is not an SMTP reply"));
            return;
        }
        partialReplyBytes += buffer.length() + 2;
        if (partialReply.size() >= target.maxReplyLines() || partialReplyBytes > target.maxReplyBytes()) {
            // a hostile or broken server streaming continuation lines: stop reading it, keep nothing of it
            partialReply.clear();
            fail(new SmtpProtocolException("the SMTP server's reply exceeded " + target.maxReplyLines()
                    + " lines or " + target.maxReplyBytes() + " bytes"));
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

    private void fail(Throwable cause) {
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

    /** The server (or the network) closed the connection while we were using it. */
    static final class SmtpConnectionClosedException extends RuntimeException {
        SmtpConnectionClosedException() {
            super("the SMTP connection was closed", null, false, false);
        }
    }
}
