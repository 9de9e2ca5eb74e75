package io.mailoo.integration.service.links;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.mailoo.contracts.crypto.SmtpSecretCipher;

/**
 * The HMAC keys of subscriber links: the first signs, every one verifies (rotation), each known by its id (the first
 * 8 hex characters of its SHA-256, as the SMTP cipher names its keys). From SUBSCRIPTION_LINK_KEY(S) when set,
 * otherwise derived from the SMTP encryption keys by HMAC with a label of its own, so that the sealing key itself
 * never signs anything.
 */
public final class LinkKeys {

    public static final String KEY_VARIABLE = "SUBSCRIPTION_LINK_KEY";
    static final String ALGORITHM = "HmacSHA256";
    private static final byte[] DERIVATION_LABEL = "mailoo/subscription-links/v1".getBytes(StandardCharsets.UTF_8);
    private static final int MIN_KEY_BYTES = 32;

    private final Map<String, byte[]> byId;
    private final String currentId;

    private LinkKeys(List<byte[]> keys) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (byte[] key : keys) {
            map.putIfAbsent(SmtpSecretCipher.keyId(key), key);
        }
        this.byId = Map.copyOf(map);
        this.currentId = keys.isEmpty() ? null : SmtpSecretCipher.keyId(keys.get(0));
    }

    /**
     * The link keys (base64, comma-separated previous ones) or, when {@code linkKey} is blank, keys derived from the
     * SMTP encryption keys; none when both are blank. A link key shorter than 32 bytes stops the service.
     */
    public static LinkKeys of(String linkKey, String previousLinkKeys, String smtpKey, String previousSmtpKeys) {
        if (!isBlank(linkKey)) {
            return new LinkKeys(decodeAll(linkKey, previousLinkKeys, KEY_VARIABLE, true));
        }
        List<byte[]> derived = new ArrayList<>();
        for (byte[] smtp : decodeAll(smtpKey, previousSmtpKeys, SmtpSecretCipher.KEY_VARIABLE, false)) {
            derived.add(hmac(smtp, DERIVATION_LABEL));
        }
        return new LinkKeys(derived);
    }

    public boolean present() {
        return currentId != null;
    }

    String currentId() {
        return currentId;
    }

    byte[] current() {
        return byId.get(currentId);
    }

    /** The key of this id, or null (a retired or foreign key). */
    byte[] byId(String id) {
        return byId.get(id);
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static List<byte[]> decodeAll(String current, String previous, String variable, boolean checkLength) {
        List<byte[]> keys = new ArrayList<>();
        if (isBlank(current)) {
            return keys;
        }
        keys.add(decode(current, variable, checkLength));
        if (!isBlank(previous)) {
            for (String part : previous.split(",")) {
                if (!part.isBlank()) {
                    keys.add(decode(part, variable, checkLength));
                }
            }
        }
        return keys;
    }

    private static byte[] decode(String base64, String variable, boolean checkLength) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + " (or its previous keys) is not base64; make one with "
                    + "`openssl rand -base64 32`");
        }
        if (checkLength && key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException(variable + " (or one of its previous keys) has fewer than "
                    + MIN_KEY_BYTES + " bytes; make one with `openssl rand -base64 32`");
        }
        return key;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
