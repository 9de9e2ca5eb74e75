package io.mailoo.testsupport.oauth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server on loopback that, like Microsoft 365's and Gmail's, takes OAuth2 logins only: it offers
 * {@code AUTH XOAUTH2 OAUTHBEARER} (RFC 7628; or only the mechanisms given), refuses PLAIN/LOGIN, wants a login
 * before MAIL, and accepts a bearer token only if it verifies against the test OAuth2 server's JWKS (signature,
 * issuer, expiry, user = the token's email or sub) — or passes the test's own check, for scripted token endpoints.
 * A refused token gets what Gmail sends — a 334 challenge with the JSON error, then, after the client's empty
 * answer, {@code 535 5.7.8}. Accepted mail is recorded (account, sender, recipients, data).
 */
public final class OAuthSmtpServer implements AutoCloseable {

    /** One accepted message: who logged in, MAIL FROM, every RCPT TO, and the DATA (dot-unstuffed). */
    public record Mail(String account, String sender, List<String> recipients, String data) {
    }

    private final ServerSocket socket;
    /** Why a token is refused for a user, or null when it is accepted. */
    @FunctionalInterface
    public interface TokenCheck {
        String refusal(String user, String token);
    }

    private final TokenCheck tokens;
    private final String mechanisms;
    /** What the client answered to each error challenge: "" for XOAUTH2, "AQ==" (^A) for OAUTHBEARER. */
    private final List<String> challengeAnswers = new CopyOnWriteArrayList<>();
    private final List<Mail> mail = new CopyOnWriteArrayList<>();
    private final List<String> logins = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    /** Trusting the tokens of this test OAuth2 server. */
    public OAuthSmtpServer(OAuth2TestServer oauth) throws IOException {
        this(oauth.issuer(), oauth.jwksUrl(), 0);
    }

    /** Trusting tokens of {@code issuer} signed by a key of {@code jwksUrl}, on {@code port} (0: any free one). */
    public OAuthSmtpServer(String issuer, String jwksUrl, int port) throws IOException {
        this("XOAUTH2 OAUTHBEARER", new JwksTokenVerifier(issuer, jwksUrl)::refusal, port);
    }

    /**
     * Offering {@code mechanisms} (e.g. "XOAUTH2", "XOAUTH2 OAUTHBEARER") and taking the tokens {@code accepts}
     * answers true for: for tests whose token endpoint is scripted (held, hostile or rotating answers).
     */
    public OAuthSmtpServer(String mechanisms, java.util.function.BiPredicate<String, String> accepts)
            throws IOException {
        this(mechanisms, (user, token) -> accepts.test(user, token) ? null : "refused by the test's token check", 0);
    }

    private OAuthSmtpServer(String mechanisms, TokenCheck tokens, int port) throws IOException {
        this.mechanisms = mechanisms;
        this.tokens = tokens;
        this.socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "oauth-smtp-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The messages accepted so far. */
    public List<Mail> mail() {
        return List.copyOf(mail);
    }

    /** The accepted messages sent to {@code recipient} (any case). */
    public List<Mail> to(String recipient) {
        return mail.stream().filter(m -> m.recipients().stream().anyMatch(recipient::equalsIgnoreCase)).toList();
    }

    /** "MECHANISM user" of every successful AUTH. */
    public List<String> logins() {
        return List.copyOf(logins);
    }

    /** "MECHANISM user: reason" of every refused AUTH (never the token). */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** The client's answers to the error challenges, in order. */
    public List<String> challengeAnswers() {
        return List.copyOf(challengeAnswers);
    }

    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(client), "oauth-smtp-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = connection.getOutputStream();
            reply(out, "220 oauth.smtp.test ESMTP");
            String account = null;
            String sender = null;
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                String verb = upper.length() >= 4 ? upper.substring(0, 4) : upper;
                switch (verb) {
                    case "EHLO" -> reply(out, "250-oauth.smtp.test\r\n250-AUTH " + mechanisms + "\r\n"
                            + "250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250 SIZE 10485760");
                    case "HELO" -> reply(out, "250 oauth.smtp.test");
                    case "AUTH" -> {
                        if (account != null) {
                            reply(out, "503 5.5.1 already authenticated");
                            continue;
                        }
                        account = authenticate(line, in, out);
                    }
                    case "MAIL" -> {
                        if (account == null) {
                            reply(out, "530 5.7.0 Authentication required");
                            continue;
                        }
                        sender = address(line);
                        recipients.clear();
                        reply(out, "250 2.1.0 OK");
                    }
                    case "RCPT" -> {
                        if (sender == null) {
                            reply(out, "503 5.5.1 MAIL first");
                            continue;
                        }
                        recipients.add(address(line));
                        reply(out, "250 2.1.5 OK");
                    }
                    case "DATA" -> {
                        if (sender == null || recipients.isEmpty()) {
                            reply(out, "503 5.5.1 RCPT first");
                            continue;
                        }
                        reply(out, "354 go ahead");
                        StringBuilder data = new StringBuilder();
                        String dataLine;
                        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                            data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append("\n");
                        }
                        mail.add(new Mail(account, sender, List.copyOf(recipients), data.toString()));
                        sender = null;
                        recipients.clear();
                        reply(out, "250 2.0.0 OK queued as O" + mail.size());
                    }
                    case "RSET" -> {
                        sender = null;
                        recipients.clear();
                        reply(out, "250 2.0.0 OK");
                    }
                    case "NOOP" -> reply(out, "250 2.0.0 OK");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 command not recognized");
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to do in a test server
        }
    }

    /** Runs one AUTH exchange; the logged-in account, or null. */
    private String authenticate(String line, BufferedReader in, OutputStream out) throws IOException {
        String[] parts = line.trim().split(" +");
        String mechanism = parts.length > 1 ? parts[1].toUpperCase(Locale.ROOT) : "";
        if (!List.of(mechanisms.split(" ")).contains(mechanism)) {
            reply(out, "504 5.7.4 Unrecognized authentication type");
            return null;
        }
        String initial = parts.length > 2 ? parts[2] : null;
        if (initial == null || initial.equals("=")) {
            reply(out, "334 ");
            initial = in.readLine();
        }
        if (initial == null || initial.equals("*")) {
            reply(out, "501 5.7.0 authentication cancelled");
            return null;
        }
        String user;
        String token;
        try {
            String decoded = new String(Base64.getDecoder().decode(initial.trim()), StandardCharsets.UTF_8);
            String[] credentials = mechanism.equals("XOAUTH2") ? xoauth2(decoded) : oauthBearer(decoded);
            user = credentials[0];
            token = credentials[1];
        } catch (IllegalArgumentException e) {
            reply(out, "501 5.5.2 cannot decode the " + mechanism + " response");
            return null;
        }
        String refusal = user == null || token == null ? "no user or no bearer token" : tokens.refusal(user, token);
        if (refusal == null) {
            logins.add(mechanism + " " + user);
            reply(out, "235 2.7.0 Accepted");
            return user;
        }
        refusals.add(mechanism + " " + user + ": " + refusal);
        String error = "{\"status\":\"401\",\"schemes\":\"Bearer\",\"scope\":\"https://mail.google.com/\"}";
        reply(out, "334 " + Base64.getEncoder().encodeToString(error.getBytes(StandardCharsets.UTF_8)));
        String answer = in.readLine(); // the client's empty (XOAUTH2) or ^A (OAUTHBEARER) answer
        challengeAnswers.add(answer == null ? "(closed)" : answer);
        reply(out, "535 5.7.8 Username and Password not accepted");
        return null;
    }

    /** {@code user=<user>^Aauth=Bearer <token>^A^A} → [user, token]. */
    static String[] xoauth2(String decoded) {
        String user = null;
        String token = null;
        for (String field : decoded.split("\u0001")) {
            if (field.startsWith("user=")) {
                user = field.substring(5);
            } else if (field.regionMatches(true, 0, "auth=Bearer ", 0, 12)) {
                token = field.substring(12).trim();
            }
        }
        return new String[] {user, token};
    }

    /** RFC 7628: {@code n,a=<user>,^Ahost=…^Aport=…^Aauth=Bearer <token>^A^A} → [user, token]. */
    static String[] oauthBearer(String decoded) {
        int firstSeparator = decoded.indexOf('\u0001');
        if (firstSeparator < 0) {
            throw new IllegalArgumentException("no key/value part");
        }
        String user = null;
        for (String gs2 : decoded.substring(0, firstSeparator).split(",")) {
            if (gs2.startsWith("a=")) {
                user = gs2.substring(2).replace("=2C", ",").replace("=3D", "=");
            }
        }
        String token = xoauth2(decoded.substring(firstSeparator))[1];
        return new String[] {user, token};
    }

    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.lastIndexOf('>');
        return open >= 0 && close > open ? line.substring(open + 1, close) : line.substring(line.indexOf(':') + 1).trim();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
