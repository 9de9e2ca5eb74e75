package io.mailoo.contracts.crypto;

/** Sealing was asked for but no {@code MAIL_SMTP_ENCRYPTION_KEY} is configured. */
public class EncryptionKeyMissingException extends RuntimeException {

    public static final String MESSAGE = "MAIL_SMTP_ENCRYPTION_KEY is not set, so SMTP passwords cannot be stored or "
            + "used. Set it to base64 of 32 random bytes (generate one with `openssl rand -base64 32`) and use the "
            + "same value on every replica.";

    public EncryptionKeyMissingException() {
        super(MESSAGE);
    }
}
