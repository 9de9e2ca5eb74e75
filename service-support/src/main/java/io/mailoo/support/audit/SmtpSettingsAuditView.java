package io.mailoo.support.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An audit entry as owners read it ({@code GET …/audit}). */
@Schema(requiredProperties = { "occurredAt", "action", "actorUserId", "actorEmail", "changedFields", "outcome",
        "clientAddress" })
public record SmtpSettingsAuditView(Instant occurredAt, @Schema(implementation = AuditAction.class) String action,
        String actorUserId, @Schema(nullable = true) String actorEmail,
        @Schema(description = "Names only, never values.") List<String> changedFields,
        @Schema(nullable = true, description = "Tests only: SENT or the code the caller was answered with.")
        String outcome, @Schema(nullable = true) String clientAddress) {

    static SmtpSettingsAuditView of(SmtpSettingsAuditEntry e) {
        List<String> fields = e.changedFields.isEmpty() ? List.of() : Arrays.asList(e.changedFields.split(","));
        return new SmtpSettingsAuditView(e.occurredAt, e.action, e.actorUserId, e.actorEmail, fields, e.outcome,
                e.clientAddress);
    }
}
