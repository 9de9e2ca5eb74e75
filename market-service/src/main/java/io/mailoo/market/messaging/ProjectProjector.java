package io.mailoo.market.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.mailoo.contracts.events.ProjectChanged;
import io.mailoo.market.entity.ProjectAccess;
import io.mailoo.support.projection.CompactedTopicProjector;
import io.smallrye.mutiny.Uni;

/** mailoo.projects.v1 → project_access: who may use the owner routes of a project. */
@ApplicationScoped
public class ProjectProjector extends CompactedTopicProjector<ProjectChanged> {

    public ProjectProjector() {
        super(ProjectChanged.class);
    }

    @Incoming("projects")
    @ActivateRequestContext
    public Uni<Void> onRecord(ConsumerRecord<String, byte[]> record) {
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
        return ProjectAccess.<ProjectAccess>findById(key).map(stored -> stored == null ? null : stored.version);
    }

    @Override
    protected Uni<Void> upsert(String key, ProjectChanged event) {
        return ProjectAccess.<ProjectAccess>findById(key).chain(stored -> {
            if (stored != null && stored.version > event.version()) {
                return Uni.createFrom().voidItem();
            }
            ProjectAccess row = stored == null ? new ProjectAccess() : stored;
            row.projectUid = key;
            row.ownerUserId = event.ownerUserId();
            row.setMemberUserIds(event.memberUserIds());
            row.version = event.version();
            return stored == null ? row.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }

    @Override
    protected Uni<Void> remove(String key) {
        return ProjectAccess.deleteById(key).replaceWithVoid();
    }
}
