package io.mailoo.offer.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.mailoo.contracts.events.ProjectChanged;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.offer.entity.ProjectAccess;
import io.mailoo.support.projection.CompactedTopicProjector;
import io.smallrye.mutiny.Uni;

/**
 * Keeps project_access in step with mailoo.projects.v1 (compacted, keyed by projectUid): newer versions replace
 * older ones, a tombstone removes the project so its routes answer 404.
 */
@ApplicationScoped
public class ProjectProjection extends CompactedTopicProjector<ProjectChanged> {

    public ProjectProjection() {
        super(ProjectChanged.class);
    }

    @Incoming("projects")
    @ActivateRequestContext
    public Uni<Void> onProject(ConsumerRecord<String, byte[]> record) {
        return project(record);
    }

    @Override
    protected String keyOf(ProjectChanged event) {
        return event.ownerUserId() == null ? null : event.projectUid();
    }

    @Override
    protected long versionOf(ProjectChanged event) {
        return event.version();
    }

    @Override
    protected Uni<Long> storedVersion(String key) {
        return ProjectAccess.<ProjectAccess>findById(key).map(access -> access == null ? null : access.version);
    }

    @Override
    protected Uni<?> remove(String key) {
        return ProjectAccess.deleteById(key);
    }

    @Override
    protected Uni<?> upsert(String key, ProjectChanged event) {
        return ProjectAccess.<ProjectAccess>findById(event.projectUid()).chain(existing -> {
            if (existing != null && existing.version >= event.version()) {
                return Uni.createFrom().voidItem(); // a replay or an older event
            }
            ProjectAccess access = existing != null ? existing : new ProjectAccess();
            access.projectUid = event.projectUid();
            access.ownerUserId = event.ownerUserId();
            access.memberUserIds = EventCodec.encodeToString(event.memberUserIds());
            access.version = event.version();
            return access.persist().replaceWithVoid();
        });
    }
}
