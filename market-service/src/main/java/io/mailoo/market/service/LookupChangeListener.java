package io.mailoo.market.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.mailoo.support.db.PostgresNotifications;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * LISTENs on {@value #CHANNEL}, which Flyway V5's triggers NOTIFY with a table's name when a row that
 * {@link OrderLookups} caches changes (a revocation, a projected integration or profile): the lookups of that table
 * are dropped right after the change commits, on every replica. While the listening connection is down the caches
 * are not used at all, and every (re)subscription starts them empty, so no notification can be missed unnoticed.
 */
@ApplicationScoped
public class LookupChangeListener {

    public static final String CHANNEL = "mailoo_market_lookups";

    @Inject
    PostgresNotifications notifications;

    @Inject
    OrderLookups lookups;

    private volatile boolean subscribed;

    void start(@Observes StartupEvent event) {
        lookups.cacheWhile(this::listening);
        notifications.listen(CHANNEL, () -> {
            lookups.changed(null); // whatever changed while not listening
            subscribed = true;
        }, lookups::changed);
    }

    /** True while changes are being heard: only then may the lookups be served from memory. */
    public boolean listening() {
        return subscribed && notifications.connected();
    }

    void stop(@Observes ShutdownEvent event) {
        subscribed = false;
    }
}
