package io.mailoo.support.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.support.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The owners' trail of SMTP settings changes and tests, written in the transaction of the change it records (a
 * test joins a transaction of its own).
 */
@ApplicationScoped
public class SmtpSettingsAudit {

    public static final int MAX_LIST = 200;
    public static final int DEFAULT_LIST = 50;

    /** The audit route's {@code limit}: absent or empty = 50, otherwise a whole number from 1 to 200 (else 400). */
    public static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIST;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIST) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below like any other out-of-range value
        }
        throw new ProblemException(400, "LIMIT_INVALID", "limit must be a whole number from 1 to " + MAX_LIST + ".");
    }

    public Uni<Void> record(String profileRef, AuditAction action, AuditActor actor, List<String> changedFields,
            String outcome) {
        SmtpSettingsAuditEntry entry = new SmtpSettingsAuditEntry();
        entry.id = UUID.randomUUID();
        entry.profileRef = profileRef;
        entry.action = action.name();
        entry.actorUserId = actor.userId();
        entry.actorEmail = actor.email();
        entry.clientAddress = actor.clientAddress();
        entry.changedFields = String.join(",", changedFields);
        entry.outcome = outcome;
        entry.occurredAt = Instant.now();
        return Panache.withTransaction(entry::persist).replaceWithVoid();
    }

    /** Newest first, at most {@code limit} (1 to {@link #MAX_LIST}). */
    public Uni<List<SmtpSettingsAuditView>> list(String profileRef, int limit) {
        return SmtpSettingsAuditEntry.<SmtpSettingsAuditEntry>find("profileRef = ?1 order by occurredAt desc",
                profileRef).page(0, Math.max(1, Math.min(limit, MAX_LIST))).list()
                .map(entries -> entries.stream().map(SmtpSettingsAuditView::of).toList());
    }
}
