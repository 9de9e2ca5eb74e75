package io.mailoo.contracts.crypto;

/** A sealed secret that cannot be opened: unknown key, tampered, or sealed for another profile. */
public class SecretOpenException extends RuntimeException {

    private final boolean keyUnknown;

    public SecretOpenException(String message, boolean keyUnknown) {
        super(message);
        this.keyUnknown = keyUnknown;
    }

    /** True when no configured key has the sealed secret's keyId (a rotation gone wrong, not tampering). */
    public boolean keyUnknown() {
        return keyUnknown;
    }
}
