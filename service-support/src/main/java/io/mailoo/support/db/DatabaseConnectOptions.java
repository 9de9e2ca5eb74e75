package io.mailoo.support.db;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.pgclient.PgConnectOptions;

/**
 * Connect options for a connection of its own to the service's database, beside the datasource's pool (the LISTEN
 * connection; tests that need a connection nobody else has used), from the same datasource settings.
 */
@ApplicationScoped
public class DatabaseConnectOptions {

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    /** A new instance each time, so a caller may change it. */
    public PgConnectOptions get() {
        return PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", "")).setUser(username)
                .setPassword(password);
    }
}
