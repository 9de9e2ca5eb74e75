package io.mailoo.market.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.mailoo.contracts.events.IntegrationChanged;
import io.mailoo.market.entity.IntegrationView;
import io.mailoo.support.projection.CompactedTopicProjector;
import io.smallrye.mutiny.Uni;

/**
 * mailoo.integrations.v1 → integration_view: every integration's project, type and state. All types are kept so
 * that an owner route on, say, a FORM integration can answer "not a MARKET integration" rather than "not found".
 */
@ApplicationScoped
public class IntegrationProjector extends CompactedTopicProjector<IntegrationChanged> {

    public IntegrationProjector() {
        super(IntegrationChanged.class);
    }

    @Incoming("integrations")
    @ActivateRequestContext
    public Uni<Void> onRecord(ConsumerRecord<String, byte[]> record) {
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
        return IntegrationView.<IntegrationView>findById(key).map(stored -> stored == null ? null : stored.version);
    }

    @Override
    protected Uni<Void> upsert(String key, IntegrationChanged event) {
        return IntegrationView.<IntegrationView>findById(key).chain(stored -> {
            if (stored != null && stored.version > event.version()) {
                return Uni.createFrom().voidItem();
            }
            IntegrationView row = stored == null ? new IntegrationView() : stored;
            row.integrationId = key;
            row.projectUid = event.projectUid();
            row.type = event.type();
            row.name = event.name();
            row.active = event.active();
            row.version = event.version();
            return stored == null ? row.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }

    @Override
    protected Uni<Void> remove(String key) {
        return IntegrationView.deleteById(key).replaceWithVoid();
    }
}
