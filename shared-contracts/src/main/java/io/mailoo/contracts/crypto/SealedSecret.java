package io.mailoo.contracts.crypto;

/**
 * An SMTP password sealed by {@link SmtpSecretCipher}: base64 of nonce and AES-GCM ciphertext, with the id of the key.
 */
public record SealedSecret(String keyId, String ciphertext) {

    /** The ciphertext is left out so a logged event or entity never carries it. */
    @Override
    public String toString() {
        return "SealedSecret[keyId=" + keyId + ", ciphertext=<redacted>]";
    }
}
