package io.mailoo.dispatch.service;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.mailoo.support.db.PostgresNotifications;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Cancels of messages a process holds in memory (docs/dispatch.md, "Retry now and cancel"). The route marks the row
 * (cancel_requested_at) and sends a NOTIFY on {@value #CHANNEL}; every replica LISTENs, and the one holding the
 * message's lease remembers it here, so its lane ends the message CANCELLED instead of sending it. Only messages
 * this process holds are remembered, so the set stays as small as what is in memory.
 */
@ApplicationScoped
public class CancelRequests {

    static final String CHANNEL = "mailoo_dispatch_cancel";
    private static final Logger LOG = Logger.getLogger(CancelRequests.class);

    private final Set<UUID> requested = ConcurrentHashMap.newKeySet();
    private final MessageLeases leases;
    private final PostgresNotifications notifications;
    private final Pool pool;

    public CancelRequests(MessageLeases leases, PostgresNotifications notifications, Pool pool) {
        this.leases = leases;
        this.notifications = notifications;
        this.pool = pool;
    }

    void start(@Observes StartupEvent event) {
        notifications.listen(CHANNEL, null, this::heard);
    }

    /** Tells every replica (this one included) that the owner cancelled a message some process holds. */
    public Uni<Void> announce(UUID messageId) {
        return pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, messageId.toString()))
                .replaceWithVoid();
    }

    /** True (once) when the owner cancelled this message; the caller ends it CANCELLED instead of sending it. */
    public boolean take(UUID messageId) {
        return !requested.isEmpty() && requested.remove(messageId);
    }

    /** The message left memory (sent, failed, cancelled or let go): a late cancel is the row's business now. */
    public void forget(UUID messageId) {
        if (!requested.isEmpty()) {
            requested.remove(messageId);
        }
    }

    void heard(String payload) {
        try {
            UUID id = UUID.fromString(payload);
            if (leases.holds(id)) {
                requested.add(id);
            }
        } catch (IllegalArgumentException e) {
            LOG.warnf("Ignoring a cancel notification that is not a message id");
        }
    }
}
