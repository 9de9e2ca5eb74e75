package io.mailoo.support.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.contracts.json.EventCodec;
import io.smallrye.mutiny.Uni;

class MailResultRecordsTest {

    private static final String OWN = "integration-service";

    @Test
    void anotherServicesHeaderIsSkippedWithoutDecoding() {
        // The value claims to be ours: only a decoder would see that, so a null answer proves the header decided.
        ConsumerRecord<String, byte[]> record = record("integration:1", result(OWN, null), "market-service", null);
        assertTrue(MailResultRecords.fromAnotherService(record, OWN));
        assertNull(MailResultRecords.decodeOwn(record, OWN));
    }

    @Test
    void anotherServicesHeaderOnARecordThatWouldNotDecodeIsSkippedQuietly() {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.MAIL_RESULTS, 0, 7, "integration:1",
                "{not json".getBytes(StandardCharsets.UTF_8));
        header(record, Topics.RESULT_SOURCE_SERVICE_HEADER, "market-service");
        assertNull(MailResultRecords.decodeOwn(record, OWN));
    }

    @Test
    void aBatchIsHandledInOffsetOrderAndAFailingRecordDoesNotStopTheOthers() {
        List<ConsumerRecord<String, byte[]>> list = new ArrayList<>();
        for (int offset = 0; offset < 1_000; offset++) {
            list.add(new ConsumerRecord<>(Topics.MAIL_RESULTS, 0, offset, "integration:1", new byte[0]));
        }
        ConsumerRecords<String, byte[]> records = new ConsumerRecords<>(
                Map.of(new TopicPartition(Topics.MAIL_RESULTS, 0), list));
        List<Long> handled = new ArrayList<>();
        MailResultRecords.inOrder(records, record -> {
            if (record.offset() == 3) {
                return Uni.createFrom().failure(new IllegalStateException("database away"));
            }
            handled.add(record.offset());
            return Uni.createFrom().voidItem();
        }).await().indefinitely();
        assertEquals(999, handled.size(), "all but the failing one, and no stack overflow on a long batch");
        assertEquals(List.of(0L, 1L, 2L, 4L), handled.subList(0, 4));
        assertEquals(999L, handled.get(handled.size() - 1));
    }

    @Test
    void aResultWithAStatusThisVersionDoesNotKnowIsLeftOutAndTheNextKnownOneIsRead() {
        UUID id = UUID.randomUUID();
        String newer = "{\"messageId\":\"" + id + "\",\"profileRef\":\"integration:1\",\"status\":\"BOUNCED\","
                + "\"purpose\":\"NEWSLETTER\",\"attempt\":1,\"source\":{\"service\":\"" + OWN + "\"}}";
        ConsumerRecord<String, byte[]> unknown = new ConsumerRecord<>(Topics.MAIL_RESULTS, 0, 5, "integration:1",
                newer.getBytes(StandardCharsets.UTF_8));
        assertNull(MailResultRecords.decodeOwn(unknown, OWN), "what the service stored stays as it was");
        String known = newer.replace("BOUNCED", "SENT");
        MailDispatchResult sent = MailResultRecords.decodeOwn(new ConsumerRecord<>(Topics.MAIL_RESULTS, 0, 6,
                "integration:1", known.getBytes(StandardCharsets.UTF_8)), OWN);
        assertEquals(MailStatus.SENT, sent.status());
        assertEquals(MailPurpose.UNKNOWN, sent.purpose(), "an unknown purpose is read, not refused");
    }

    @Test
    void ownHeaderIsDecodedAndHandled() {
        MailDispatchResult sent = result(OWN, null);
        ConsumerRecord<String, byte[]> record = record("integration:1", sent, OWN, null);
        assertFalse(MailResultRecords.fromAnotherService(record, OWN));
        assertEquals(sent.messageId(), MailResultRecords.decodeOwn(record, OWN).messageId());
    }

    @Test
    void withoutTheHeaderTheRecordIsDecodedAndFilteredBySourceService() {
        MailDispatchResult own = result(OWN, null);
        assertFalse(MailResultRecords.fromAnotherService(record("integration:1", own, null, null), OWN));
        assertEquals(own.messageId(), MailResultRecords.decodeOwn(record("integration:1", own, null, null), OWN)
                .messageId());
        assertNull(MailResultRecords.decodeOwn(record("integration:1", result("market-service", null), null, null),
                OWN));
    }

    @Test
    void tombstonesUnreadableAndIncompleteResultsAreNull() {
        assertNull(MailResultRecords.decode(new ConsumerRecord<>(Topics.MAIL_RESULTS, 0, 1, "k", null)));
        assertNull(MailResultRecords.decode(new ConsumerRecord<>(Topics.MAIL_RESULTS, 0, 2, "k",
                "{not json".getBytes(StandardCharsets.UTF_8))));
        MailDispatchResult noStatus = new MailDispatchResult(UUID.randomUUID(), "integration:1", MailPurpose.WELCOME,
                new MailSource(OWN, "welcome", "x"), null, 1, null, null, null, Instant.now());
        assertNull(MailResultRecords.decode(new ConsumerRecord<>(Topics.MAIL_RESULTS, 0, 3, "k",
                EventCodec.encode(noStatus))));
    }

    @Test
    void aSuspensionIsSpottedByHeadersForTheOwnersProfileKindOnly() {
        String ref = "integration:" + UUID.randomUUID();
        MailDispatchResult suspended = result("market-service", ProfileSuspension.PROFILE_SUSPENDED, ref);
        assertTrue(ProfileSuspension.mayReport(record(ref, suspended, "market-service", "PROFILE_SUSPENDED"),
                ProfileRef.Kind.INTEGRATION));
        assertFalse(ProfileSuspension.mayReport(record(ref, suspended, "market-service", "SMTP_AUTH_FAILED"),
                ProfileRef.Kind.INTEGRATION));
        assertFalse(ProfileSuspension.mayReport(record(ref, suspended, "market-service", null),
                ProfileRef.Kind.INTEGRATION));
        assertFalse(ProfileSuspension.mayReport(record(ref, suspended, "market-service", "PROFILE_SUSPENDED"),
                ProfileRef.Kind.OFFER_GENERATOR));
    }

    @Test
    void suspendedOwnerNamesTheProfileOwnerOfAProfileSuspendedResult() {
        UUID integrationId = UUID.randomUUID();
        String ref = "integration:" + integrationId;
        assertEquals(integrationId, ProfileSuspension.suspendedOwner(
                result(OWN, ProfileSuspension.PROFILE_SUSPENDED, ref), ProfileRef.Kind.INTEGRATION));
        assertNull(ProfileSuspension.suspendedOwner(result(OWN, ProfileSuspension.PROFILE_SUSPENDED, ref),
                ProfileRef.Kind.OFFER_GENERATOR));
        assertNull(ProfileSuspension.suspendedOwner(result(OWN, "SMTP_AUTH_FAILED", ref),
                ProfileRef.Kind.INTEGRATION));
        assertNull(ProfileSuspension.suspendedOwner(result(OWN, ProfileSuspension.PROFILE_SUSPENDED, "platform"),
                ProfileRef.Kind.INTEGRATION));
    }

    @Test
    void theViewIsNullWithoutASuspensionAndSaysHowToResume() {
        assertNull(ProfileSuspension.since(null));
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        ProfileSuspension view = ProfileSuspension.since(at);
        assertNotNull(view);
        assertEquals("PROFILE_SUSPENDED", view.errorCode());
        assertEquals(at, view.since());
        assertTrue(view.message().contains("save corrected SMTP settings"), view.message());
    }

    private static MailDispatchResult result(String service, String errorCode) {
        return result(service, errorCode, "integration:1");
    }

    private static MailDispatchResult result(String service, String errorCode, String profileRef) {
        return new MailDispatchResult(UUID.randomUUID(), profileRef, MailPurpose.WELCOME,
                new MailSource(service, "welcome", "x"), errorCode == null ? MailStatus.SENT : MailStatus.FAILED, 1,
                null, null, errorCode, Instant.now());
    }

    private static ConsumerRecord<String, byte[]> record(String key, MailDispatchResult result, String sourceHeader,
            String errorCodeHeader) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.MAIL_RESULTS, 0, 0, key,
                EventCodec.encode(result));
        header(record, Topics.RESULT_SOURCE_SERVICE_HEADER, sourceHeader);
        header(record, Topics.RESULT_ERROR_CODE_HEADER, errorCodeHeader);
        return record;
    }

    private static void header(ConsumerRecord<?, ?> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
