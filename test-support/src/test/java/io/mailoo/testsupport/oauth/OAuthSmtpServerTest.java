package io.mailoo.testsupport.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OAuthSmtpServerTest {

    static OAuth2TestServer oauth;
    static OAuthSmtpServer smtp;

    @BeforeAll
    static void start() throws IOException {
        oauth = OAuth2TestServer.start();
        smtp = new OAuthSmtpServer(oauth);
    }

    @AfterAll
    static void stop() throws IOException {
        smtp.close();
        oauth.close();
    }

    /** Jakarta Mail's own XOAUTH2 client (the token as the password). */
    static void sendXoauth2(String user, String token, String to, String subject) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.auth.mechanisms", "XOAUTH2");
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "5000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(user));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("hello over XOAUTH2");
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", smtp.port(), user, token);
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    @Test
    void aTokenOfTheServerForTheUserLogsInWithXoauth2AndTheMailIsRecorded() throws Exception {
        String token = oauth.accessToken("owner@tenant.test", Duration.ofMinutes(5));
        sendXoauth2("owner@tenant.test", token, "customer@example.test", "XOAUTH2 works");

        List<OAuthSmtpServer.Mail> received = smtp.to("customer@example.test");
        assertEquals(1, received.size());
        OAuthSmtpServer.Mail mail = received.get(0);
        assertEquals("owner@tenant.test", mail.account());
        assertEquals("owner@tenant.test", mail.sender());
        assertTrue(mail.data().contains("Subject: XOAUTH2 works"), mail.data());
        assertTrue(smtp.logins().contains("XOAUTH2 owner@tenant.test"));
    }

    @Test
    void aTokenFromTheLoginFlowWorksToo() throws Exception {
        Map<String, Object> tokens = OAuth2TestServerTest.connectAt(oauth, "flow@tenant.test");
        sendXoauth2("flow@tenant.test", (String) tokens.get("access_token"), "flow-to@example.test", "from a login");
        assertEquals(1, smtp.to("flow-to@example.test").size());
    }

    @Test
    void oauthBearerLogsInToo() throws Exception {
        String token = oauth.accessToken("bearer@tenant.test", Duration.ofMinutes(5));
        String initial = "n,a=bearer@tenant.test,\u0001host=127.0.0.1\u0001port=" + smtp.port()
                + "\u0001auth=Bearer " + token + "\u0001\u0001";
        try (Wire wire = new Wire(smtp.port())) {
            wire.send("EHLO client.test");
            assertTrue(wire.reply().contains("AUTH XOAUTH2 OAUTHBEARER"));
            wire.send("AUTH OAUTHBEARER " + b64(initial));
            assertTrue(wire.reply().startsWith("235"));
            wire.send("MAIL FROM:<bearer@tenant.test>");
            assertTrue(wire.reply().startsWith("250"));
            wire.send("RCPT TO:<bearer-to@example.test>");
            assertTrue(wire.reply().startsWith("250"));
            wire.send("DATA");
            assertTrue(wire.reply().startsWith("354"));
            wire.send("Subject: bearer\r\n\r\n..dot-stuffed\r\n.");
            assertTrue(wire.reply().startsWith("250"));
        }
        OAuthSmtpServer.Mail mail = smtp.to("bearer-to@example.test").get(0);
        assertTrue(mail.data().contains("\n.dot-stuffed\n"), mail.data());
        assertTrue(smtp.logins().contains("OAUTHBEARER bearer@tenant.test"));
    }

    @Test
    void anExpiredTokenIsRefusedWith535() {
        String token = oauth.accessToken("late@tenant.test", Duration.ofSeconds(-30));
        assertThrows(AuthenticationFailedException.class,
                () -> sendXoauth2("late@tenant.test", token, "nobody@example.test", "late"));
        assertTrue(smtp.refusals().contains("XOAUTH2 late@tenant.test: expired"), smtp.refusals().toString());
        assertEquals(0, smtp.to("nobody@example.test").size());
    }

    @Test
    void anotherUsersTokenIsRefused() {
        String token = oauth.accessToken("someone-else@tenant.test", Duration.ofMinutes(5));
        assertThrows(AuthenticationFailedException.class,
                () -> sendXoauth2("victim@tenant.test", token, "nobody@example.test", "stolen"));
    }

    @Test
    void aTokenSignedByAnotherKeyOrFromAnotherIssuerIsRefused() throws Exception {
        Map<String, Object> claims = Map.of("iss", oauth.issuer(), "sub", "forger@tenant.test",
                "email", "forger@tenant.test");
        String forged = SigningKey.generate().sign(SigningKey.living(claims, Duration.ofMinutes(5)));
        assertThrows(AuthenticationFailedException.class,
                () -> sendXoauth2("forger@tenant.test", forged, "nobody@example.test", "forged"));

        String otherIssuer = oauth.accessToken("http://127.0.0.1:1/elsewhere", "forger@tenant.test",
                Duration.ofMinutes(5));
        assertThrows(AuthenticationFailedException.class,
                () -> sendXoauth2("forger@tenant.test", otherIssuer, "nobody@example.test", "elsewhere"));
        assertEquals(0, smtp.to("nobody@example.test").size());
    }

    @Test
    void passwordsAreNotOfferedNorTakenAndMailWantsALoginFirst() throws Exception {
        try (Wire wire = new Wire(smtp.port())) {
            wire.send("EHLO client.test");
            String ehlo = wire.reply();
            assertTrue(!ehlo.contains("PLAIN") && !ehlo.contains("LOGIN"), ehlo);
            wire.send("AUTH PLAIN " + b64("\u0000user\u0000password"));
            assertTrue(wire.reply().startsWith("504"));
            wire.send("MAIL FROM:<user@tenant.test>");
            assertTrue(wire.reply().startsWith("530"));
        }
    }

    @Test
    void aRefusedTokenGetsTheErrorChallengeThen535() throws Exception {
        try (Wire wire = new Wire(smtp.port())) {
            wire.send("EHLO client.test");
            wire.reply();
            wire.send("AUTH XOAUTH2 " + b64("user=x@tenant.test\u0001auth=Bearer not-a-jwt\u0001\u0001"));
            String challenge = wire.reply();
            assertTrue(challenge.startsWith("334 "), challenge);
            assertTrue(new String(Base64.getDecoder().decode(challenge.substring(4)), StandardCharsets.UTF_8)
                    .contains("\"status\":\"401\""));
            wire.send("");
            assertTrue(wire.reply().startsWith("535"));
        }
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A bare SMTP client: one command, one (possibly multi-line) reply. */
    static final class Wire implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Wire(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            reply(); // greeting
        }

        void send(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String reply() throws IOException {
            StringBuilder all = new StringBuilder();
            String line;
            do {
                line = in.readLine();
                all.append(line).append('\n');
            } while (line != null && line.length() > 3 && line.charAt(3) == '-');
            return all.toString().trim();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
