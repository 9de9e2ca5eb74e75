package io.mailoo.dispatch.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.mailoo.contracts.events.ProjectChanged;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.dispatch.entity.ProjectAccess;
import io.mailoo.support.projection.CompactedTopicProjector;
import io.smallrye.mutiny.Uni;

/** mailoo.projects.v1 → project_access: who may read (members) and act on (owner) a profile's delivery log. */
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
    protected Uni<?> upsert(String key, ProjectChanged event) {
        return ProjectAccess.<ProjectAccess>findById(key).chain(stored -> {
            if (stored != null && stored.version >= event.version()) {
                return Uni.createFrom().voidItem(); // a replay or an older event
            }
            ProjectAccess row = stored == null ? new ProjectAccess() : stored;
            row.projectUid = key;
            row.ownerUserId = event.ownerUserId();
            row.memberUserIds = EventCodec.encodeToString(event.memberUserIds());
            row.version = event.version();
            return row.persist();
        });
    }

    @Override
    protected Uni<?> remove(String key) {
        return ProjectAccess.deleteById(key);
    }
}
