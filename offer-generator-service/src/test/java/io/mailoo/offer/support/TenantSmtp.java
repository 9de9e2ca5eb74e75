package io.mailoo.offer.support;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.mailoo.testsupport.TestSecrets;

/** A tenant's SMTP server (GreenMail with SMTP AUTH) and reading what it received. */
public final class TenantSmtp {

    private TenantSmtp() {
    }

    public static GreenMail start(String username, String password) {
        GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        server.setUser(username + "@smtp.test", username, TestSecrets.remember(password));
        return server;
    }

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

    /** The content of the part with this MIME type (text/plain or text/html). */
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
}
