package io.mailoo.offer.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.mailoo.contracts.events.IntegrationChanged;
import io.mailoo.offer.entity.IntegrationRef;
import io.smallrye.mutiny.Uni;

/**
 * Keeps integration_ref in step with mailoo.integrations.v1 (newer versions win, a tombstone deletes), so a
 * generator links only to a MARKET integration of its own project.
 */
@ApplicationScoped
public class IntegrationProjection implements CompactedTopicRecords.Projection<IntegrationChanged> {

    private static final Logger LOG = Logger.getLogger(IntegrationProjection.class);

    @Incoming("integrations")
    @ActivateRequestContext
    public Uni<Void> onIntegration(ConsumerRecord<String, byte[]> record) {
        return CompactedTopicRecords.apply(record, IntegrationChanged.class, LOG, this);
    }

    @Override
    public String keyOf(IntegrationChanged event) {
        return event.projectUid() == null || event.type() == null ? null : event.integrationId();
    }

    @Override
    public long versionOf(IntegrationChanged event) {
        return event.version();
    }

    @Override
    public Uni<Long> storedVersion(String key) {
        return IntegrationRef.<IntegrationRef>findById(key).map(ref -> ref == null ? null : ref.version);
    }

    // Not IntegrationRef::deleteById: the reference would name PanacheEntityBase, which Panache does not enhance.
    @Override
    public Uni<?> delete(String key) {
        return IntegrationRef.deleteById(key);
    }

    @Override
    public Uni<?> upsert(IntegrationChanged event) {
        return IntegrationRef.<IntegrationRef>findById(event.integrationId()).chain(existing -> {
            if (existing != null && existing.version >= event.version()) {
                return Uni.createFrom().voidItem();
            }
            IntegrationRef ref = existing != null ? existing : new IntegrationRef();
            ref.integrationId = event.integrationId();
            ref.projectUid = event.projectUid();
            ref.type = event.type();
            ref.version = event.version();
            return ref.persist().replaceWithVoid();
        });
    }
}
