package io.mailoo.integration.support;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.mailoo.testsupport.TestSecrets;

/** An integration's own SMTP server: GreenMail on a free port with one SMTP AUTH user. */
public final class TenantSmtp implements AutoCloseable {

    public final GreenMail server;
    public final String username;
    public final String password;

    public TenantSmtp(String username) {
        this.username = username;
        this.password = TestSecrets.remember("pw-" + java.util.UUID.randomUUID());
        server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.setUser(username + "@tenant.test", username, password);
        server.start();
    }

    public int port() {
        return server.getSmtp().getPort();
    }

    /** outboundMail for this server (password included); change entries with {@link #with}. */
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

    @Override
    public void close() {
        server.stop();
    }
}
