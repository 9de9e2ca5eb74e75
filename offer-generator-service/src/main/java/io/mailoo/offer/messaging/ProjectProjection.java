package io.mailoo.offer.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.mailoo.contracts.events.ProjectChanged;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.offer.entity.ProjectAccess;
import io.smallrye.mutiny.Uni;

/**
 * Keeps project_access in step with mailoo.projects.v1 (compacted, keyed by projectUid): newer versions replace
 * older ones, a tombstone removes the project so its routes answer 404.
 */
@ApplicationScoped
public class ProjectProjection {

    private static final Logger LOG = Logger.getLogger(ProjectProjection.class);

    @Incoming("projects")
    @ActivateRequestContext
    public Uni<Void> onProject(ConsumerRecord<String, byte[]> record) {
        // A lambda, not ProjectAccess::deleteById: the reference would name PanacheEntityBase, which Panache does not
        // enhance ("did you forget to annotate your entity with @Entity?").
        return CompactedTopicRecords.apply(record, ProjectChanged.class, LOG,
                key -> ProjectAccess.deleteById(key),
                ProjectProjection::upsert);
    }

    private static Uni<Void> upsert(ProjectChanged event) {
        if (event.projectUid() == null || event.ownerUserId() == null) {
            LOG.warn("Skipping a project event without projectUid or owner");
            return Uni.createFrom().voidItem();
        }
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
