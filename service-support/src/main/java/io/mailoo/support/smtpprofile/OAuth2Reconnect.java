package io.mailoo.support.smtpprofile;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.support.mail.ProfileSuspension;

/**
 * A profile whose OAuth2 grant the provider no longer accepts (revoked, expired, password reset), as the owner sees it
 * on the SMTP settings ({@code reconnectRequired}: null while the grant works). Learnt like a suspension: from a result
 * with errorCode {@code OAUTH_RECONNECT_REQUIRED} for one of the service's profiles; cleared by the next connect.
 */
@Schema(name = "OAuth2ReconnectRequired", requiredProperties = { "code", "message", "since" })
public record OAuth2Reconnect(@Schema(enumeration = OAuth2Reconnect.OAUTH_RECONNECT_REQUIRED) String code,
        String message, Instant since) {

    public static final String OAUTH_RECONNECT_REQUIRED = "OAUTH_RECONNECT_REQUIRED";
    public static final String MESSAGE = "The mail provider no longer accepts this connection; connect again.";

    /** The view of "reconnect required" recorded at {@code at}; null when there is none. */
    public static OAuth2Reconnect since(Instant at) {
        return at == null ? null : new OAuth2Reconnect(OAUTH_RECONNECT_REQUIRED, MESSAGE, at);
    }

    /** Undecoded check: the record's headers say OAUTH_RECONNECT_REQUIRED for a profile of this kind. */
    public static boolean mayReport(ConsumerRecord<String, ?> record, ProfileRef.Kind kind) {
        return ProfileSuspension.reports(record, kind, OAUTH_RECONNECT_REQUIRED);
    }

    /** The id of the profile of this kind the result reports as needing a reconnect, or null. */
    public static UUID reportedOwner(MailDispatchResult result, ProfileRef.Kind kind) {
        return ProfileSuspension.reportedOwner(result, kind, OAUTH_RECONNECT_REQUIRED);
    }

    /**
     * The update that records it on an entity embedding the profile as {@code smtp} ({@code ?1} = occurredAt, {@code
     * ?2} = the id, named {@code idField}): only a result newer than the grant's connect, and the first one.
     */
    public static String update(String idField) {
        return "smtp.reconnectRequiredAt = ?1 where " + idField + " = ?2 and smtp.oauth2GrantId is not null "
                + "and smtp.oauth2ConnectedAt < ?1 and smtp.reconnectRequiredAt is null";
    }
}
