package io.mailoo.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.MailState;
import io.mailoo.contracts.events.MailStatus;

/** One model of a mail's state for every view, and the dashboard labels exactly it (plus the dispatch log's REJECTED). */
class MailStateTest {

    @Test
    void aResultMovesTheMailToItsState() {
        assertEquals(MailState.SENT, MailState.of(MailStatus.SENT));
        assertEquals(MailState.DEFERRED, MailState.of(MailStatus.DEFERRED));
        assertEquals(MailState.FAILED, MailState.of(MailStatus.FAILED));
        assertEquals(MailState.FAILED, MailState.of(MailStatus.REJECTED), "the errorCode says it was refused");
        assertEquals(MailState.NOT_CONFIGURED, MailState.of(MailStatus.NOT_CONFIGURED));
        assertEquals(MailState.CANCELLED, MailState.of(MailStatus.CANCELLED));
        assertTrue(MailStatus.CANCELLED.isFinal() && MailState.CANCELLED.isFinal(), "a cancel is the mail's end");
        assertFalse(MailState.of(MailStatus.UNKNOWN).isFinal(), "a status from a newer dispatcher leaves the mail open");
    }

    @Test
    void onlyQueuedAndDeferredMayChange() {
        for (MailState state : MailState.values()) {
            assertEquals(!state.isFinal(), MailState.mayChange(state.name()), state.name());
        }
        assertTrue(MailState.mayChange("QUEUED") && MailState.mayChange("DEFERRED"));
        assertFalse(MailState.mayChange(null));
    }

    @Test
    void theErrorCodeIsTheResultsReasonForAnythingButSent() {
        assertNull(MailState.errorCode(result(MailStatus.SENT, null)));
        assertEquals("SMTP_TIMEOUT", MailState.errorCode(result(MailStatus.DEFERRED, "SMTP_TIMEOUT")));
        assertEquals("RECIPIENT_REJECTED", MailState.errorCode(result(MailStatus.REJECTED, "RECIPIENT_REJECTED")));
    }

    @Test
    void theDashboardLabelsEveryMailStateAndDispatchStatusAndNothingElse() throws IOException {
        String statuses = Files.readString(Path.of("../dashboard/src/statuses.ts"));
        Matcher table = Pattern.compile("const STATUSES[^{]*\\{(.*?)\\n};", Pattern.DOTALL).matcher(statuses);
        assertTrue(table.find(), "dashboard/src/statuses.ts has its STATUSES table");
        Set<String> labelled = new TreeSet<>();
        Matcher key = Pattern.compile("^\\s+([A-Z][A-Z_]*):\\s*\\{", Pattern.MULTILINE).matcher(table.group(1));
        while (key.find()) {
            labelled.add(key.group(1));
        }
        Set<String> known = Stream.concat(Arrays.stream(MailState.values()), Arrays.stream(MailStatus.values()))
                .filter(s -> s != MailStatus.UNKNOWN) // a consumer's stand-in for a newer status, never published
                .map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(known, labelled);
    }

    private static MailDispatchResult result(MailStatus status, String errorCode) {
        return new MailDispatchResult(UUID.randomUUID(), "integration:" + UUID.randomUUID(), MailPurpose.INBOUND_REPLY,
                new MailSource("integration-service", "reply", UUID.randomUUID().toString()), status, 1, null, null,
                errorCode, Instant.now());
    }
}
