package io.mailoo.dispatch.domain;

import java.time.Instant;
import java.util.List;

/**
 * One message of a profile's delivery log: the dispatch_message row with whom it goes to, whose project it is, when
 * its owner asked to cancel it (null if never) and every recorded attempt, oldest first.
 */
public record LogEntry(MessageRecord message, String projectUid, List<String> recipients, Instant cancelRequestedAt,
        List<AttemptRecord> attempts) {

    public LogEntry withAttempts(List<AttemptRecord> all) {
        return new LogEntry(message, projectUid, recipients, cancelRequestedAt, List.copyOf(all));
    }
}
