package io.mailoo.contracts.crypto;

/** A configured key is not base64 of exactly 32 bytes. The message never contains the key. */
public class InvalidEncryptionKeyException extends IllegalArgumentException {

    public InvalidEncryptionKeyException(String variable) {
        super(variable + " must be base64 of 32 random bytes (AES-256); generate one with `openssl rand -base64 32` "
                + "and use the same value on every replica.");
    }
}
