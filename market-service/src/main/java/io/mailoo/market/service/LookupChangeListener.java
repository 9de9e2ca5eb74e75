package io.mailoo.market.service;

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
 * LISTENs on {@value #CHANNEL}, which Flyway V5's triggers NOTIFY with a table's name when a row that
 * {@link OrderLookups} caches changes (a revocation, a projected integration or profile): the lookups of that table
 * are dropped right after the change commits, on every replica. While the listening connection is down the caches
 * are not used at all, and every (re)subscription starts them empty, so no notification can be missed unnoticed.
 */
@ApplicationScoped
public class LookupChangeListener {

    public static final String CHANNEL = "mailoo_market_lookups";
    private static final Logger LOG = Logger.getLogger(LookupChangeListener.class);

    @Inject
    Vertx vertx;

    @Inject
    OrderLookups lookups;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private PgSubscriber subscriber;
    private volatile boolean subscribed;

    void start(@Observes StartupEvent event) {
        lookups.cacheWhile(this::listening);
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(username).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> 1000L);
        subscriber.channel(CHANNEL)
                .subscribeHandler(() -> {
                    lookups.changed(null); // whatever changed while not listening
                    subscribed = true;
                })
                .handler(lookups::changed);
        subscriber.connect().subscribe().with(v -> LOG.debugf("Listening for lookup changes on %s", CHANNEL),
                f -> LOG.warnf("Not listening for lookup changes (order lookups are read every time): %s",
                        f.getMessage()));
    }

    /** True while changes are being heard: only then may the lookups be served from memory. */
    public boolean listening() {
        return subscribed && subscriber != null && subscriber.actualConnection() != null;
    }

    void stop(@Observes ShutdownEvent event) {
        subscribed = false;
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }
}
