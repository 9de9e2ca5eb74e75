package io.mailoo.dispatch.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpStep;
import io.mailoo.dispatch.domain.LogEntry;
import io.mailoo.dispatch.domain.MessageRecord;

/**
 * One mail of a profile's delivery log for the project's members: purpose, recipients, current status with its
 * reason, every attempt (oldest first), the next attempt, and what became of a cancel. Never a body or a secret.
 */
public record DeliveryLogEntryView(UUID messageId, MailPurpose purpose, MailSource source, List<String> recipients,
        String status, String errorCode, String errorMessage, SmtpReply smtp, SmtpStep smtpStep, int attempt,
        Instant nextAttemptAt, Instant expiresAt, Instant createdAt, Instant updatedAt, CancelView cancel,
        List<DeliveryAttemptView> attempts) {

    /** What became of a cancel the owner asked for. */
    public enum CancelOutcome {
        /** honoured before the send */
        CANCELLED,
        /** the process holding the mail has not answered yet */
        PENDING,
        /** the mail had already been handed to its server; its status says how that went */
        TOO_LATE
    }

    /** A cancel the owner asked for, and what became of it. */
    public record CancelView(Instant requestedAt, CancelOutcome outcome) {
    }

    static DeliveryLogEntryView of(LogEntry entry) {
        MessageRecord m = entry.message();
        return new DeliveryLogEntryView(m.messageId(), m.purpose(), m.source(), entry.recipients(), m.status(),
                m.errorCode(), DeliveryAttemptView.sentence(m.errorCode()), m.smtp(), m.smtpStep(), m.attempt(),
                m.nextAttemptAt(), m.expiresAt(), m.createdAt(), m.updatedAt(), cancel(entry),
                entry.attempts().stream().map(DeliveryAttemptView::of).toList());
    }

    private static CancelView cancel(LogEntry entry) {
        if (entry.cancelRequestedAt() == null) {
            return null;
        }
        String status = entry.message().status();
        CancelOutcome outcome = MailStatus.CANCELLED.name().equals(status) ? CancelOutcome.CANCELLED
                : entry.message().isFinal() ? CancelOutcome.TOO_LATE : CancelOutcome.PENDING;
        return new CancelView(entry.cancelRequestedAt(), outcome);
    }
}
