package io.mailoo.dispatch.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.json.EventDecodingException;
import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.MessageRecord;
import io.mailoo.dispatch.domain.QueuedMail;
import io.mailoo.dispatch.repository.DispatchMessageRepository;
import io.mailoo.dispatch.repository.DispatchMessageRepository.NewMessage;
import io.mailoo.dispatch.service.DispatchEngine;
import io.mailoo.dispatch.service.FailureDescription;
import io.mailoo.dispatch.service.DispatchRecorder;
import io.mailoo.dispatch.service.MessageLeases;
import io.mailoo.dispatch.service.ProfileDirectory;
import io.mailoo.dispatch.service.RequestValidator;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Takes request batches from mailoo.mail-requests.v1. Each request gets its idempotency row in PostgreSQL before
 * the batch is acknowledged, so a crash after the acknowledgement loses nothing; sending happens afterwards, in the
 * profile lanes, so a slow SMTP server never holds up the consumer. A new row is leased to this process from the
 * moment it is inserted; a request already stored (redelivered after a crash or a rebalance) is not taken here: if
 * another live process holds it, that process sends it, and if its holder died, the poller takes it once the lease
 * has run out.
 */
@ApplicationScoped
public class MailRequestConsumer {

    private static final Logger LOG = Logger.getLogger(MailRequestConsumer.class);

    private final DispatchMessageRepository repository;
    private final RequestValidator validator;
    private final DispatchEngine engine;
    private final DispatchRecorder recorder;
    private final DeadLetterPublisher deadLetters;
    private final ProfileDirectory directory;
    private final DispatchSettings settings;
    private final MessageLeases leases;

    public MailRequestConsumer(DispatchMessageRepository repository, RequestValidator validator,
            DispatchEngine engine, DispatchRecorder recorder, DeadLetterPublisher deadLetters,
            ProfileDirectory directory, DispatchSettings settings, MessageLeases leases) {
        this.repository = repository;
        this.validator = validator;
        this.engine = engine;
        this.recorder = recorder;
        this.deadLetters = deadLetters;
        this.directory = directory;
        this.settings = settings;
        this.leases = leases;
    }

    @Incoming("mail-requests")
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        Instant now = Instant.now();
        List<NewMessage> rows = new ArrayList<>();
        List<Uni<Void>> deadLettered = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (KafkaRecord<String, byte[]> record : batch) {
            SendMailRequested request = decode(record, deadLettered);
            byte[] received = record.getPayload();
            if (request == null || !seen.add(request.messageId())) {
                continue;
            }
            Instant expiresAt = request.expiresAt() != null ? request.expiresAt()
                    : now.plus(settings.defaultExpiry());
            DispatchOutcome refusal = validator.refusal(request, now).orElse(null);
            rows.add(refusal != null
                    ? new NewMessage(request, MailStatus.REJECTED, refusal.errorCode(), expiresAt, null,
                            record.getPartition())
                    : new NewMessage(request, null, null, expiresAt,
                            DispatchMessageRepository.storedForm(request, received), record.getPartition()));
        }
        long[] leasedAt = new long[1];
        return directory.ready()
                .chain(() -> Uni.createFrom().deferred(() -> {
                    leasedAt[0] = System.nanoTime();
                    return repository.insertNew(rows, now, leases.instanceId(), leases.leaseMillis());
                })
                        .onFailure().invoke(f -> LOG.errorf("Cannot store a request batch, retrying: %s",
                                FailureDescription.of(f)))
                        .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(15))
                        .indefinitely())
                .chain(inserted -> dispatch(rows, inserted, leasedAt[0]))
                // the batch is committed only once its poisoned records are on the DLQ
                .chain(() -> deadLettered.isEmpty() ? Uni.createFrom().voidItem()
                        : Uni.join().all(deadLettered).andCollectFailures().replaceWithVoid())
                .chain(() -> Uni.createFrom().completionStage(batch.ack()))
                .subscribeAsCompletionStage();
    }

    private Uni<Void> dispatch(List<NewMessage> rows, Set<UUID> inserted, long leasedAt) {
        List<UUID> duplicates = new ArrayList<>();
        List<UUID> noRoom = new ArrayList<>();
        for (NewMessage row : rows) {
            SendMailRequested request = row.request();
            if (!inserted.contains(request.messageId())) {
                duplicates.add(request.messageId());
            } else if (!row.queued()) {
                recorder.record(request, row.expiresAt(), DispatchOutcome.rejected(row.errorCode()), 1, false);
            } else if (!engine.submit(QueuedMail.fresh(request, row.expiresAt(), row.partition(), leasedAt))) {
                noRoom.add(request.messageId());
            }
        }
        Uni<Void> release = repository.releaseLeases(noRoom, leases.instanceId());
        if (duplicates.isEmpty()) {
            return release;
        }
        // A redelivered request: re-publish what it came to, send nothing again.
        return release.chain(() -> repository.findByIds(duplicates)).invoke(stored -> stored.stream()
                .filter(MessageRecord::isFinal)
                .forEach(recorder::publishStored)).replaceWithVoid();
    }

    private SendMailRequested decode(KafkaRecord<String, byte[]> record, List<Uni<Void>> deadLettered) {
        String reason;
        if (record.getPayload() == null || record.getPayload().length == 0) {
            reason = "empty value";
        } else {
            try {
                SendMailRequested request = EventCodec.decode(record.getPayload(), SendMailRequested.class);
                if (request.messageId() != null && request.profileRef() != null) {
                    return request;
                }
                reason = "messageId or profileRef missing";
            } catch (EventDecodingException e) {
                reason = e.getMessage();
            }
        }
        long offset = record instanceof IncomingKafkaRecord<?, ?> incoming ? incoming.getOffset() : -1;
        String why = reason;
        deadLettered.add(Uni.createFrom()
                .completionStage(() -> deadLetters.deadLetter(record.getKey(), record.getPayload(), record.getTopic(),
                        record.getPartition(), offset, why))
                .onFailure().invoke(f -> LOG.errorf("Cannot write %s-%d@%d to the dead-letter topic, retrying "
                        + "(the batch stays uncommitted): %s", record.getTopic(), record.getPartition(), offset,
                        FailureDescription.of(f)))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(15)).indefinitely());
        return null;
    }
}
