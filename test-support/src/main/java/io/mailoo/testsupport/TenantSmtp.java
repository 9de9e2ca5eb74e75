package io.mailoo.testsupport;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * A tenant's own SMTP server: GreenMail on a free port with one SMTP AUTH user whose password is recorded with
 * {@link TestSecrets} (so the suite's leak check looks for it), and reading what it received.
 */
public final class TenantSmtp implements AutoCloseable {

    public final GreenMail server;
    public final String username;
    public final String password;

    /** With a fresh random password. */
    public TenantSmtp(String username) {
        this(username, "pw-" + UUID.randomUUID());
    }

    public TenantSmtp(String username, String password) {
        this.username = username;
        this.password = TestSecrets.remember(password);
        server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.setUser(username + "@tenant.test", username, password);
        server.start();
    }

    public int port() {
        return server.getSmtp().getPort();
    }

    /** Settings for this server as the services' SMTP JSON takes them (password included); adjust with {@link #with}. */
    public Map<String, Object> settings() {
        Map<String, Object> m = new HashMap<>();
        m.put("host", "127.0.0.1");
        m.put("port", port());
        m.put("security", "NONE");
        m.put("username", username);
        m.put("password", password);
        m.put("fromAddress", "hello@" + username + ".test");
        m.put("fromName", "Shop " + username);
        m.put("replyTo", "support@" + username + ".test");
        return m;
    }

    public static Map<String, Object> with(Map<String, Object> base, Object... keyValues) {
        Map<String, Object> m = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    public static Map<String, Object> without(Map<String, Object> base, String key) {
        Map<String, Object> m = new HashMap<>(base);
        m.remove(key);
        return m;
    }

    public List<MimeMessage> received() {
        return Arrays.asList(server.getReceivedMessages());
    }

    /** The messages received for this recipient (any of To, Cc, Bcc). */
    public List<MimeMessage> to(String recipient) {
        return to(server, recipient);
    }

    /** The messages a GreenMail server (this one, or the platform's) received for this recipient. */
    public static List<MimeMessage> to(GreenMail server, String recipient) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> recipient.equalsIgnoreCase(((InternetAddress) a).getAddress()));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Every text part (plain and HTML), decoded, one after the other. */
    public static String content(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                all.append(content(child)).append('\n');
            }
            return all.toString();
        }
        return String.valueOf(content);
    }

    /** The content of the part with this MIME type (text/plain or text/html), or null. */
    public static String part(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType)) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop();
    }
}
