package io.mailoo.contracts.events;

import io.mailoo.contracts.crypto.SealedSecret;

/** Where and how a profile connects; the password travels sealed, or is null when the server needs no login. */
public record SmtpServer(String host, int port, SmtpSecurity security, String username, SealedSecret password) {

    @Override
    public String toString() {
        return "SmtpServer[host=" + host + ", port=" + port + ", security=" + security + ", username=" + username
                + ", password=" + (password == null ? "none" : "<sealed>") + "]";
    }
}
