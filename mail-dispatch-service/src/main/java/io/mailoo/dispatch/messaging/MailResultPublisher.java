package io.mailoo.dispatch.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.json.EventCodec;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes results on mailoo.mail-results.v1, keyed by profileRef, as binary-mode CloudEvents. */
@ApplicationScoped
public class MailResultPublisher {

    @Inject
    @Channel("mail-results")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<byte[]> emitter;

    public void publish(MailDispatchResult result) {
        emitter.send(Message.of(EventCodec.encode(result)).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(result.profileRef()).build()));
    }
}
