package io.mailoo.contracts.events;

import java.util.List;

/** Value of {@code mailoo.integrations.v1}, keyed by integrationId; a tombstone means deleted. */
public record IntegrationChanged(
        String integrationId,
        String projectUid,
        String ownerUserId,
        List<String> memberUserIds,
        String type,
        String name,
        String publicKey,
        boolean active,
        long version) {

    public IntegrationChanged {
        memberUserIds = memberUserIds == null ? List.of() : List.copyOf(memberUserIds);
    }
}
