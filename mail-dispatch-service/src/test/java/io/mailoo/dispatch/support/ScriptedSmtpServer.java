package io.mailoo.dispatch.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small real SMTP server on loopback whose replies to RCPT and to the end of DATA follow a script, for the
 * 4xx/5xx cases GreenMail cannot produce. Everything else is answered as a plain RFC 5321 server would, unless
 * {@link #script(String, String)} says otherwise for a step (a reply, or {@link #DROP} to close the connection
 * there). With a TLS context it also speaks TLS — implicit (SSL_TLS) or STARTTLS — and, once TLS is on (or when
 * AUTH is scripted), AUTH PLAIN and LOGIN, which GreenMail cannot do (GreenMail has no STARTTLS, and its SMTPS
 * certificate names no host).
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final IntFunction<String> rcptReply;
    private final IntFunction<String> dataReply;
    private final AtomicInteger rcptCount = new AtomicInteger();
    private final AtomicInteger dataCount = new AtomicInteger();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<String> acceptedOverTls = new CopyOnWriteArrayList<>();
    private final List<String> logins = new CopyOnWriteArrayList<>();
    private volatile SSLContext tls;
    private final boolean implicitTls;
    /** RCPT replies by address (lower case), ahead of {@code rcptReply}: a server that refuses one mailbox. */
    private final Map<String, String> recipientReplies = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger transactions = new AtomicInteger();
    private final List<String> rcptAddresses = new CopyOnWriteArrayList<>();
    private final List<String> dataReceived = new CopyOnWriteArrayList<>();
    /** Scripted replies by step: "220" (greeting), "EHLO", "MAIL", "RCPT", "DATA", "." (end of data), "AUTH". */
    private final Map<String, String> script = new ConcurrentHashMap<>();

    /** As a scripted reply: close the connection instead of answering. */
    public static final String DROP = "DROP";

    /** The functions get the 1-based count of that command across all connections and return the reply line. */
    public ScriptedSmtpServer(IntFunction<String> rcptReply, IntFunction<String> dataReply) throws IOException {
        this(rcptReply, dataReply, null, false);
    }

    /** A server that accepts every message, speaking TLS with {@code tls}: from the first byte or after STARTTLS. */
    public static ScriptedSmtpServer tls(SSLContext tls, boolean implicit) throws IOException {
        return new ScriptedSmtpServer(n -> "250 2.1.5 OK", n -> "250 2.0.0 Ok: queued as T" + n, tls, implicit);
    }

    private ScriptedSmtpServer(IntFunction<String> rcptReply, IntFunction<String> dataReply, SSLContext tls,
            boolean implicitTls) throws IOException {
        this.rcptReply = rcptReply;
        this.dataReply = dataReply;
        this.tls = tls;
        this.implicitTls = implicitTls;
        this.socket = implicitTls
                ? tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress())
                : new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "scripted-smtp-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * From now on, answers {@code step} ("220", "EHLO", "MAIL", "RCPT", "DATA", ".", "AUTH" — the final AUTH reply)
     * with {@code reply}, or closes the connection there ({@link #DROP}); null goes back to the normal answer.
     */
    public ScriptedSmtpServer script(String step, String reply) {
        if (reply == null) {
            script.remove(step);
        } else {
            script.put(step, reply);
        }
        return this;
    }

    /** From now on answers RCPT TO for {@code address} (any case) with {@code reply}, whatever else is scripted. */
    public ScriptedSmtpServer refuseRecipient(String address, String reply) {
        recipientReplies.put(address.toLowerCase(java.util.Locale.ROOT), reply);
        return this;
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** MAIL FROM commands so far: one per transaction the client began. */
    public int transactions() {
        return transactions.get();
    }

    /** Every address of a RCPT TO so far, as sent. */
    public List<String> rcptAddresses() {
        return List.copyOf(rcptAddresses);
    }

    /** Every message's DATA, whatever the reply to it was (so a deferred attempt's headers can be read too). */
    public List<String> dataReceived() {
        return List.copyOf(dataReceived);
    }

    /** The certificate new STARTTLS handshakes present from now on. */
    public void useTls(SSLContext context) {
        this.tls = context;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Messages whose DATA got a 250. */
    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** Those of {@link #accepted()} that came over TLS. */
    public List<String> acceptedOverTls() {
        return List.copyOf(acceptedOverTls);
    }

    /** "user:password" of every successful AUTH LOGIN. */
    public List<String> logins() {
        return List.copyOf(logins);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(client), "scripted-smtp-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        Socket connection = client;
        try {
            boolean secure = implicitTls;
            BufferedReader in = reader(connection);
            OutputStream out = connection.getOutputStream();
            if (!scripted(out, "220", "220 scripted.test ESMTP")) {
                return;
            }
            String line;
            while ((line = in.readLine()) != null) {
                String command = SmtpTestWire.verb(line);
                switch (command) {
                    case "EHLO" -> {
                        if (!scripted(out, "EHLO", "250-scripted.test\r\n"
                                + (tls != null && !secure ? "250-STARTTLS\r\n" : "")
                                + (secure || script.containsKey("AUTH") ? "250-AUTH PLAIN LOGIN\r\n" : "")
                                + "250-ENHANCEDSTATUSCODES\r\n250 8BITMIME")) {
                            return;
                        }
                    }
                    case "STAR" -> {
                        if (tls == null || secure) {
                            reply(out, "502 5.5.1 not now");
                            continue;
                        }
                        reply(out, "220 2.0.0 ready to start TLS");
                        SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(connection,
                                connection.getInetAddress().getHostAddress(), connection.getPort(), true);
                        upgraded.setUseClientMode(false);
                        upgraded.startHandshake();
                        connection = upgraded;
                        in = reader(connection);
                        out = connection.getOutputStream();
                        secure = true;
                    }
                    case "AUTH" -> {
                        String upper = line.toUpperCase();
                        if (!(secure || script.containsKey("AUTH"))
                                || !(upper.startsWith("AUTH LOGIN") || upper.startsWith("AUTH PLAIN "))) {
                            reply(out, "504 5.5.4 unrecognized authentication type");
                            continue;
                        }
                        String login;
                        if (upper.startsWith("AUTH PLAIN ")) {
                            String[] parts = decode(line.substring(11)).split("\0", -1);
                            login = parts.length == 3 ? parts[1] + ":" + parts[2] : "";
                        } else {
                            reply(out, "334 VXNlcm5hbWU6");
                            String user = decode(in.readLine());
                            reply(out, "334 UGFzc3dvcmQ6");
                            login = user + ":" + decode(in.readLine());
                        }
                        String answer = script.getOrDefault("AUTH", "235 2.7.0 Authentication successful");
                        if (answer.startsWith("235")) {
                            logins.add(login);
                        }
                        if (!scripted(out, "AUTH", answer)) {
                            return;
                        }
                    }
                    case "HELO", "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
                    case "MAIL" -> {
                        transactions.incrementAndGet();
                        if (!scripted(out, "MAIL", "250 2.1.0 OK")) {
                            return;
                        }
                    }
                    case "RCPT" -> {
                        String address = line.substring(line.indexOf('<') + 1, Math.max(line.indexOf('<') + 1,
                                line.lastIndexOf('>')));
                        rcptAddresses.add(address);
                        String refusal = recipientReplies.get(address.toLowerCase(java.util.Locale.ROOT));
                        if (refusal != null) {
                            reply(out, refusal);
                            continue;
                        }
                        if (!scripted(out, "RCPT", rcptReply.apply(rcptCount.incrementAndGet()))) {
                            return;
                        }
                    }
                    case "DATA" -> {
                        if (!scripted(out, "DATA", "354 go ahead")) {
                            return;
                        }
                        if (!script.getOrDefault("DATA", "354").startsWith("354")) {
                            continue;
                        }
                        StringBuilder data = new StringBuilder();
                        String dataLine;
                        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                            data.append(dataLine).append("\n");
                        }
                        dataReceived.add(data.toString());
                        String answer = script.getOrDefault(".", dataReply.apply(dataCount.incrementAndGet()));
                        if (DROP.equals(answer)) {
                            return;
                        }
                        if (answer.startsWith("250")) {
                            accepted.add(data.toString());
                            if (secure) {
                                acceptedOverTls.add(data.toString());
                            }
                        }
                        reply(out, answer);
                    }
                    default -> {
                        if (!SmtpTestWire.otherCommand(out, command)) {
                            return;
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the client went away (or refused our certificate); nothing to do in a test server
        } finally {
            try {
                connection.close();
            } catch (IOException e) {
                // closing a test connection
            }
        }
    }

    /** Writes the scripted reply for {@code step} (else {@code normal}); false when the script drops the connection. */
    private boolean scripted(OutputStream out, String step, String normal) throws IOException {
        String answer = script.getOrDefault(step, normal);
        if (DROP.equals(answer)) {
            return false;
        }
        reply(out, answer);
        return true;
    }

    private static BufferedReader reader(Socket connection) throws IOException {
        return new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
    }

    private static String decode(String base64) {
        return base64 == null ? "" : new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        SmtpTestWire.reply(out, text);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
