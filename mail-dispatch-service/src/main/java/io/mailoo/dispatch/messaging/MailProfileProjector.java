package io.mailoo.dispatch.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.json.EventDecodingException;
import io.mailoo.dispatch.repository.MailProfileRepository;
import io.mailoo.dispatch.service.ProfileDirectory;
import io.smallrye.mutiny.Uni;

/**
 * Materialises mailoo.mail-profiles.v1 into mail_profile and the in-memory directory, in topic order. A tombstone
 * removes the profile; an older version than the stored one is ignored.
 */
@ApplicationScoped
public class MailProfileProjector {

    private static final Logger LOG = Logger.getLogger(MailProfileProjector.class);

    private final MailProfileRepository repository;
    private final ProfileDirectory directory;

    public MailProfileProjector(MailProfileRepository repository, ProfileDirectory directory) {
        this.repository = repository;
        this.directory = directory;
    }

    @Incoming("mail-profiles")
    public Uni<Void> project(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        ProfileRef ref;
        try {
            ref = ProfileRef.parse(key);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Ignoring a profile record with an invalid key at offset %d", record.offset());
            return Uni.createFrom().voidItem();
        }
        if (ref.isPlatform()) {
            LOG.warnf("Ignoring a profile record for 'platform': the platform profile comes only from GLOBAL_SMTP_*");
            return Uni.createFrom().voidItem();
        }
        if (record.value() == null) {
            return directory.ready().chain(() -> repository.markRemoved(key, Instant.now()))
                    .invoke(() -> {
                        directory.remove(key);
                        LOG.infof("Mail profile %s removed", key);
                    });
        }
        MailProfileChanged changed;
        try {
            changed = EventCodec.decode(record.value(), MailProfileChanged.class);
        } catch (EventDecodingException e) {
            LOG.warnf("Ignoring profile record %s at offset %d: %s", key, record.offset(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (!key.equals(changed.profileRef()) || changed.smtp() == null || changed.from() == null) {
            LOG.warnf("Ignoring profile record %s at offset %d: key and profileRef differ or settings are missing",
                    key, record.offset());
            return Uni.createFrom().voidItem();
        }
        return directory.ready().chain(() -> repository.upsert(changed, Instant.now())).invoke(applied -> {
            if (applied) {
                directory.put(changed);
                LOG.infof("Mail profile %s now at version %d (%s)", key, changed.version(), changed.smtp());
            }
        }).replaceWithVoid();
    }
}
