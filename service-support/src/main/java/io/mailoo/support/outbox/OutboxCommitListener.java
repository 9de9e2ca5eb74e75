package io.mailoo.support.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * LISTENs on {@value #CHANNEL}, which the outbox table's trigger NOTIFYs on insert. PostgreSQL delivers a
 * notification only when the inserting transaction commits, so this is the "right after commit" signal: it starts a
 * drain at once instead of waiting for the poll. Every replica hears it; the relay lock lets one of them publish.
 */
@ApplicationScoped
public class OutboxCommitListener {

    public static final String CHANNEL = "mailoo_outbox";
    private static final Logger LOG = Logger.getLogger(OutboxCommitListener.class);

    @Inject
    Vertx vertx;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @ConfigProperty(name = "mailoo.outbox.listen", defaultValue = "true")
    boolean listen;

    private PgSubscriber subscriber;

    void start(@Observes StartupEvent event) {
        if (!listen) {
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(username).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options)
                // keep listening through a database restart; the poll covers the gap
                .reconnectPolicy(attempt -> 1000L);
        subscriber.channel(CHANNEL).handler(payload -> relay.drain());
        subscriber.connect().subscribe().with(v -> LOG.debugf("Listening for outbox commits on %s", CHANNEL),
                f -> LOG.warnf("Not listening for outbox commits (the %s poll still relays): %s",
                        "mailoo.outbox.poll-interval", f.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }
}
