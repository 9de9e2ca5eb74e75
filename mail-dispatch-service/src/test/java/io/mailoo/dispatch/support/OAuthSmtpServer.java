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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

/**
 * A real SMTP server on loopback that offers only SASL XOAUTH2 and/or OAUTHBEARER and takes a login only when the
 * token server says the bearer token is a live access token of the named user; a refused token gets the error
 * challenge (334 + base64 JSON) and, after the client's answer, 535 — as Gmail and Outlook do. Records accepted
 * mail and every AUTH attempt. Mail without a login is refused (530).
 */
public final class OAuthSmtpServer implements AutoCloseable {

    private static final String ERROR_CHALLENGE = Base64.getEncoder().encodeToString(
            "{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}"
                    .getBytes(StandardCharsets.UTF_8));

    private final ServerSocket socket;
    private final BiPredicate<String, String> tokens;
    private final String mechanisms;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<String> refusedLogins = new CopyOnWriteArrayList<>();
    private final List<String> logins = new CopyOnWriteArrayList<>();
    /** What the client answered to the error challenge (must be "" for XOAUTH2, "AQ==" for OAUTHBEARER). */
    private final List<String> challengeAnswers = new CopyOnWriteArrayList<>();

    /** @param mechanisms the AUTH line's mechanisms, e.g. "XOAUTH2 OAUTHBEARER" */
    public OAuthSmtpServer(String mechanisms, BiPredicate<String, String> tokens) throws IOException {
        this.mechanisms = mechanisms;
        this.tokens = tokens;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "oauth-smtp-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** "MECHANISM user" of every login taken. */
    public List<String> logins() {
        return List.copyOf(logins);
    }

    /** "MECHANISM user" of every token refused. */
    public List<String> refusedLogins() {
        return List.copyOf(refusedLogins);
    }

    public List<String> challengeAnswers() {
        return List.copyOf(challengeAnswers);
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
            SmtpTestWire.reply(out, "220 oauth.test ESMTP");
            boolean authenticated = false;
            String line;
            while ((line = in.readLine()) != null) {
                String verb = SmtpTestWire.verb(line);
                switch (verb) {
                    case "EHLO" -> SmtpTestWire.reply(out, "250-oauth.test\r\n250-AUTH " + mechanisms
                            + "\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME");
                    case "AUTH" -> {
                        String[] parts = line.split(" ");
                        String mechanism = parts.length > 1 ? parts[1].toUpperCase() : "";
                        if (parts.length != 3 || !mechanisms.contains(mechanism)) {
                            SmtpTestWire.reply(out, "504 5.5.4 unrecognized authentication type");
                            continue;
                        }
                        String[] userAndToken = parse(mechanism,
                                new String(Base64.getDecoder().decode(parts[2]), StandardCharsets.UTF_8));
                        if (userAndToken != null && tokens.test(userAndToken[0], userAndToken[1])) {
                            logins.add(mechanism + " " + userAndToken[0]);
                            authenticated = true;
                            SmtpTestWire.reply(out, "235 2.7.0 Authentication successful");
                        } else {
                            refusedLogins.add(mechanism + " " + (userAndToken == null ? "?" : userAndToken[0]));
                            SmtpTestWire.reply(out, "334 " + ERROR_CHALLENGE);
                            String answer = in.readLine();
                            challengeAnswers.add(answer == null ? "(closed)" : answer);
                            SmtpTestWire.reply(out, "535 5.7.3 Authentication unsuccessful");
                        }
                    }
                    case "MAIL" -> SmtpTestWire.reply(out, authenticated ? "250 2.1.0 OK"
                            : "530 5.7.0 Authentication required");
                    case "RCPT" -> SmtpTestWire.reply(out, "250 2.1.5 OK");
                    case "DATA" -> {
                        SmtpTestWire.reply(out, "354 go ahead");
                        StringBuilder data = new StringBuilder();
                        String dataLine;
                        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                            data.append(dataLine).append("\n");
                        }
                        accepted.add(data.toString());
                        SmtpTestWire.reply(out, "250 2.0.0 Ok: queued as O" + accepted.size());
                    }
                    case "HELO", "RSET", "NOOP" -> SmtpTestWire.reply(out, "250 2.0.0 OK");
                    default -> {
                        if (!SmtpTestWire.otherCommand(out, verb)) {
                            return;
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away; nothing to do in a test server
        }
    }

    /** user and token of an XOAUTH2 or OAUTHBEARER initial response; null when malformed. */
    static String[] parse(String mechanism, String response) {
        String user = null;
        String token = null;
        String[] fields = response.split("\u0001");
        for (String field : fields) {
            if (mechanism.equals("XOAUTH2") && field.startsWith("user=")) {
                user = field.substring(5);
            } else if (mechanism.equals("OAUTHBEARER") && field.startsWith("n,a=")) {
                user = field.substring(4, field.length() - 1).replace("=2C", ",").replace("=3D", "=");
            } else if (field.startsWith("auth=Bearer ")) {
                token = field.substring(12);
            }
        }
        return user == null || token == null ? null : new String[] { user, token };
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
