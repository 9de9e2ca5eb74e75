package io.mailoo.contracts.smtp;

/** What is saved of a server, to decide whether an absent password may mean "the stored one". */
public record StoredSmtpServer(String host, int port, String security, String username, boolean hasPassword) {
}
