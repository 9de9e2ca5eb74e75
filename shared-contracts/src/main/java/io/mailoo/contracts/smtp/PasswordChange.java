package io.mailoo.contracts.smtp;

/** What a save or test does with the password. */
public enum PasswordChange {
    /** Use the stored password (host, port, security and username unchanged). */
    KEEP_STORED,
    /** A new password was given: seal it. */
    NEW,
    /** No password (none stored and none given, or removed with null). */
    NONE
}
