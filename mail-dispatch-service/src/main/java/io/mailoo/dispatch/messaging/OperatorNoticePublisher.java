package io.mailoo.dispatch.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.json.EventCodec;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Asks for a PLATFORM_NOTIFICATION to operators through the request topic, so it is recorded, idempotent and
 * retried like any other mail, and leaves only through the global SMTP.
 */
@ApplicationScoped
public class OperatorNoticePublisher {

    @Inject
    @Channel("platform-notices")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<byte[]> emitter;

    public UUID notify(String operatorAddress, String subject, String text, MailSource source) {
        Instant now = Instant.now();
        UUID id = UUID.randomUUID();
        SendMailRequested request = new SendMailRequested(id, ProfileRef.PLATFORM_VALUE, 0,
                MailPurpose.PLATFORM_NOTIFICATION, null, source, List.of(operatorAddress), null, null, null, subject,
                text, null, Map.of(), null, now, now.plus(Duration.ofHours(24)));
        emitter.send(Message.of(EventCodec.encode(request)).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(ProfileRef.PLATFORM_VALUE).build()));
        return id;
    }
}
