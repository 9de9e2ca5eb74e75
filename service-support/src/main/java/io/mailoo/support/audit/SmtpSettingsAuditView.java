package io.mailoo.support.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** An audit entry as owners read it ({@code GET …/audit}). */
public record SmtpSettingsAuditView(Instant occurredAt, String action, String actorUserId, String actorEmail,
        List<String> changedFields, String outcome, String clientAddress) {

    static SmtpSettingsAuditView of(SmtpSettingsAuditEntry e) {
        List<String> fields = e.changedFields.isEmpty() ? List.of() : Arrays.asList(e.changedFields.split(","));
        return new SmtpSettingsAuditView(e.occurredAt, e.action, e.actorUserId, e.actorEmail, fields, e.outcome,
                e.clientAddress);
    }
}
