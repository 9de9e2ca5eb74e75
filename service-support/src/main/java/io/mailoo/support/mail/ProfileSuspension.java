package io.mailoo.support.mail;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.ProfileRef;

/**
 * A mail profile that dispatch has suspended after repeated SMTP authentication failures, as the owner sees it on
 * the SMTP settings ({@code suspension}: null when sending works). Dispatch keeps no topic of profile states; the
 * owning service learns it from a result with errorCode {@code PROFILE_SUSPENDED} for one of its profiles that
 * occurred after the settings were last saved (an earlier one concerns settings already replaced). Saving or
 * removing the settings clears it, as a new profile version lifts the suspension in dispatch.
 */
@Schema(requiredProperties = { "errorCode", "message", "since" })
public record ProfileSuspension(@Schema(enumeration = ProfileSuspension.PROFILE_SUSPENDED) String errorCode,
        String message, Instant since) {

    public static final String PROFILE_SUSPENDED = "PROFILE_SUSPENDED";
    public static final String MESSAGE = "Sending is paused after repeated SMTP authentication failures; "
            + "save corrected SMTP settings to resume.";

    /** The view of a suspension recorded at {@code suspendedAt}; null when there is none. */
    public static ProfileSuspension since(Instant suspendedAt) {
        return suspendedAt == null ? null : new ProfileSuspension(PROFILE_SUSPENDED, MESSAGE, suspendedAt);
    }

    /**
     * Undecoded check: the record's headers say PROFILE_SUSPENDED for a profile of this kind (the key is the
     * profileRef). Lets a service decode another service's result sent through one of its profiles only when it
     * reports a suspension.
     */
    public static boolean mayReport(ConsumerRecord<String, ?> record, ProfileRef.Kind kind) {
        return reports(record, kind, PROFILE_SUSPENDED);
    }

    /** Undecoded check: the record's headers say {@code errorCode} for a profile of this kind. */
    public static boolean reports(ConsumerRecord<String, ?> record, ProfileRef.Kind kind, String errorCode) {
        return errorCode.equals(MailResultRecords.header(record.headers(), Topics.RESULT_ERROR_CODE_HEADER))
                && record.key() != null && record.key().startsWith(kind.prefix() + ":");
    }

    /**
     * The id of the profile of this kind (integration or offer generator id, a UUID) that the result reports
     * suspended, or null when it reports no suspension of such a profile.
     */
    public static UUID suspendedOwner(MailDispatchResult result, ProfileRef.Kind kind) {
        return reportedOwner(result, kind, PROFILE_SUSPENDED);
    }

    /**
     * The id of the profile of this kind (integration or offer generator id) whose result carries {@code errorCode},
     * or null when it does not (or concerns another kind of profile).
     */
    public static UUID reportedOwner(MailDispatchResult result, ProfileRef.Kind kind, String errorCode) {
        if (!errorCode.equals(result.errorCode()) || result.occurredAt() == null) {
            return null;
        }
        try {
            ProfileRef ref = ProfileRef.parse(result.profileRef());
            return ref.kind() == kind ? UUID.fromString(ref.ownerId()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
