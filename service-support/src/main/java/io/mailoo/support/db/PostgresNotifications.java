package io.mailoo.support.db;

import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;

/**
 * The service's one LISTEN connection to its database. PostgreSQL delivers a NOTIFY when the notifying transaction
 * commits, which makes it the "right after commit" signal (the outbox relay, market's lookup caches). The connection
 * is reconnected every second after a database restart, and a channel's {@code subscribed} callback runs on every
 * (re)subscription, so a listener can treat what it missed meanwhile as changed.
 */
@ApplicationScoped
public class PostgresNotifications {

    private static final Logger LOG = Logger.getLogger(PostgresNotifications.class);

    @Inject
    Vertx vertx;

    @Inject
    DatabaseConnectOptions connectOptions;

    private PgSubscriber subscriber;

    /** LISTENs on {@code channel} from now on; {@code subscribed} may be null. */
    public synchronized void listen(String channel, Runnable subscribed, Consumer<String> handler) {
        boolean first = subscriber == null;
        if (first) {
            subscriber = PgSubscriber.subscriber(vertx, connectOptions.get()).reconnectPolicy(attempt -> 1000L);
        }
        var listening = subscriber.channel(channel);
        if (subscribed != null) {
            listening.subscribeHandler(subscribed);
        }
        listening.handler(handler);
        if (first) {
            subscriber.connect().subscribe().with(v -> LOG.debugf("Listening on the database for %s", channel),
                    f -> LOG.warnf("Not listening on the database (its notifications are missed, the polls and "
                            + "ttls still hold): %s", f.getMessage()));
        }
    }

    /** True while the LISTEN connection is up. */
    public synchronized boolean connected() {
        return subscriber != null && subscriber.actualConnection() != null;
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.closeAndAwait();
            subscriber = null;
        }
    }
}
