package io.mailoo.support.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mailoo.support.db.PostgresNotifications;
import io.quarkus.runtime.StartupEvent;

/**
 * LISTENs on {@value #CHANNEL}, which the outbox table's trigger NOTIFYs on insert. PostgreSQL delivers a
 * notification only when the inserting transaction commits, so this is the "right after commit" signal: it starts a
 * drain at once instead of waiting for the poll. Every replica hears it; the relay lock lets one of them publish.
 */
@ApplicationScoped
public class OutboxCommitListener {

    public static final String CHANNEL = "mailoo_outbox";

    @Inject
    PostgresNotifications notifications;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "mailoo.outbox.listen", defaultValue = "true")
    boolean listen;

    void start(@Observes StartupEvent event) {
        if (listen) {
            notifications.listen(CHANNEL, null, payload -> relay.drain());
        }
    }
}
