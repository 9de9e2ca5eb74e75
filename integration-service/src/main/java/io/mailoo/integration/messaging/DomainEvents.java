package io.mailoo.integration.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.contracts.CloudEventTypes;
import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.IntegrationChanged;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.contracts.events.ProjectChanged;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.OutboundMail;
import io.mailoo.integration.entity.Project;
import io.mailoo.integration.entity.ProjectMember;
import io.mailoo.support.outbox.Outbox;
import io.smallrye.mutiny.Uni;

/**
 * Puts this service's events into the outbox. Every method must run inside the transaction that made the change,
 * so the change and its event commit together.
 */
@ApplicationScoped
public class DomainEvents {

    @Inject
    Outbox outbox;

    public Uni<Void> projectChanged(Project project) {
        return memberIds(project).chain(members -> outbox.add(Topics.PROJECTS, project.id.toString(),
                CloudEventTypes.PROJECT_CHANGED, new ProjectChanged(project.id.toString(), project.name,
                        project.ownerUserId, members, project.version)));
    }

    public Uni<Void> integrationChanged(Project project, Integration integration) {
        return memberIds(project).chain(members -> outbox.add(Topics.INTEGRATIONS, integration.id.toString(),
                CloudEventTypes.INTEGRATION_CHANGED, new IntegrationChanged(integration.id.toString(),
                        project.id.toString(), project.ownerUserId, members, integration.type.name(),
                        integration.name, integration.publicKey, integration.active, integration.version)));
    }

    /** The saved profile, its password still sealed for {@code integration:{id}}. */
    public Uni<Void> mailProfileChanged(Integration integration, OutboundMail mail) {
        String ref = profileRef(integration);
        return outbox.add(Topics.MAIL_PROFILES, ref, CloudEventTypes.MAIL_PROFILE_CHANGED,
                mail.smtp.changedEvent(ref, integration.projectId.toString(), integration.mailProfileVersion));
    }

    /** The tombstone carries the profile version of the removal (already counted up), see Outbox#addTombstone. */
    public Uni<Void> mailProfileRemoved(Integration integration) {
        return outbox.addTombstone(Topics.MAIL_PROFILES, profileRef(integration), integration.mailProfileVersion);
    }

    /** Mail goes out through the outbox too: a Kafka outage delays it and never loses it. */
    public Uni<Void> mailRequested(SendMailRequested request) {
        return outbox.add(Topics.MAIL_REQUESTS, request.profileRef(), CloudEventTypes.SEND_MAIL_REQUESTED, request);
    }

    public static String profileRef(Integration integration) {
        return ProfileRef.integration(integration.id.toString()).toString();
    }

    private static Uni<List<String>> memberIds(Project project) {
        return ProjectMember.<ProjectMember>list("projectId = ?1 order by userId", project.id)
                .map(list -> list.stream().map(m -> m.userId).toList());
    }
}
