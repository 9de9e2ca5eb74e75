package io.mailoo.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;

import io.mailoo.contracts.crypto.SealedSecret;

/**
 * Where and how a profile connects. The login is a password (sealed), an OAuth2 grant ({@link OAuth2Login}, its
 * tokens sealed), or neither when the server needs no login; never both.
 */
public record SmtpServer(String host, int port, SmtpSecurity security, String username, SealedSecret password,
        OAuth2Login oauth2) {

    @JsonCreator
    public SmtpServer {
    }

    /** A password login (or none): how every profile logged in before OAuth2. */
    public SmtpServer(String host, int port, SmtpSecurity security, String username, SealedSecret password) {
        this(host, port, security, username, password, null);
    }

    @Override
    public String toString() {
        return "SmtpServer[host=" + host + ", port=" + port + ", security=" + security + ", username=" + username
                + ", password=" + (password == null ? "none" : "<sealed>") + ", oauth2=" + oauth2 + "]";
    }
}
