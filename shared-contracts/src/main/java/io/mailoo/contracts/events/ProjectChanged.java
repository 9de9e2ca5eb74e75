package io.mailoo.contracts.events;

import java.util.List;

/**
 * Value of {@code mailoo.projects.v1}, keyed by projectUid (compacted): who owns a project and who is a member, so
 * services other than integration-service can authorise owner and member routes.
 */
public record ProjectChanged(
        String projectUid,
        String name,
        String ownerUserId,
        List<String> memberUserIds,
        long version) {

    public ProjectChanged {
        memberUserIds = memberUserIds == null ? List.of() : List.copyOf(memberUserIds);
    }
}
