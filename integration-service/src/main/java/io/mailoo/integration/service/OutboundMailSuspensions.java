package io.mailoo.integration.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.integration.entity.OutboundMail;
import io.mailoo.support.mail.ProfileSuspension;
import io.mailoo.support.smtpprofile.OAuth2Reconnect;
import io.smallrye.mutiny.Uni;

/**
 * Records on an integration's outboundMail that dispatch suspended its profile, so the owner sees it on the
 * settings. Only a result that occurred after the settings were last saved counts (one about replaced settings
 * must not mark the new ones); the first such result sets {@code since}. Saving or removing the settings clears it.
 * The same for OAUTH_RECONNECT_REQUIRED ({@code reconnectRequiredAt}, a result after the grant's connect), cleared by
 * the next connect.
 */
@ApplicationScoped
public class OutboundMailSuspensions {

    /** Call inside a transaction. */
    public Uni<Void> record(MailDispatchResult result) {
        UUID reconnect = OAuth2Reconnect.reportedOwner(result, ProfileRef.Kind.INTEGRATION);
        if (reconnect != null) {
            return OutboundMail.update(OAuth2Reconnect.update("integrationId"), result.occurredAt(), reconnect)
                    .replaceWithVoid();
        }
        UUID id = ProfileSuspension.suspendedOwner(result, ProfileRef.Kind.INTEGRATION);
        if (id == null) {
            return Uni.createFrom().voidItem();
        }
        return OutboundMail.update(
                "smtp.suspendedAt = ?1 where integrationId = ?2 and smtp.updatedAt < ?1 and smtp.suspendedAt is null",
                result.occurredAt(), id).replaceWithVoid();
    }
}
