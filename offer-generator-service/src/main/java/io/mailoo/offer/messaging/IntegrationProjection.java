package io.mailoo.offer.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.mailoo.contracts.events.IntegrationChanged;
import io.mailoo.offer.entity.IntegrationRef;
import io.mailoo.support.projection.CompactedTopicProjector;
import io.smallrye.mutiny.Uni;

/**
 * Keeps integration_ref in step with mailoo.integrations.v1 (newer versions win, a tombstone deletes), so a
 * generator links only to a MARKET integration of its own project.
 */
@ApplicationScoped
public class IntegrationProjection extends CompactedTopicProjector<IntegrationChanged> {

    public IntegrationProjection() {
        super(IntegrationChanged.class);
    }

    @Incoming("integrations")
    @ActivateRequestContext
    public Uni<Void> onIntegration(ConsumerRecord<String, byte[]> record) {
        return project(record);
    }

    @Override
    protected String keyOf(IntegrationChanged event) {
        return event.projectUid() == null || event.type() == null ? null : event.integrationId();
    }

    @Override
    protected long versionOf(IntegrationChanged event) {
        return event.version();
    }

    @Override
    protected Uni<Long> storedVersion(String key) {
        return IntegrationRef.<IntegrationRef>findById(key).map(ref -> ref == null ? null : ref.version);
    }

    @Override
    protected Uni<?> remove(String key) {
        return IntegrationRef.deleteById(key);
    }

    @Override
    protected Uni<?> upsert(String key, IntegrationChanged event) {
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
