package io.mailoo.dispatch.messaging;

import java.time.Instant;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.contracts.events.VersionedRemovals;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.json.EventDecodingException;
import io.mailoo.dispatch.oauth.OAuthGrants;
import io.mailoo.dispatch.repository.MailProfileRepository;
import io.mailoo.dispatch.service.ProfileDirectory;
import io.smallrye.mutiny.Uni;

/**
 * Materialises mailoo.mail-profiles.v1 into mail_profile and the in-memory directory, in topic order. A tombstone
 * removes the profile; an older version than the stored one is ignored. A tombstone with its version
 * (mailoo-removed-version) is ignored when a newer version is stored, and the removed row keeps that version so a
 * late, older save stays removed; one without the header (data from before it) removes as it always did.
 */
@ApplicationScoped
public class MailProfileProjector {

    private static final Logger LOG = Logger.getLogger(MailProfileProjector.class);

    private final MailProfileRepository repository;
    private final ProfileDirectory directory;
    private final OAuthGrants grants;

    public MailProfileProjector(MailProfileRepository repository, ProfileDirectory directory, OAuthGrants grants) {
        this.repository = repository;
        this.directory = directory;
        this.grants = grants;
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
            return removal(record, key);
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
        // the grant is stored before the profile is usable, so its first send finds it
        return directory.ready().chain(() -> repository.upsert(changed, Instant.now()))
                .call(applied -> applied ? grants.adopt(changed) : Uni.createFrom().voidItem())
                .invoke(applied -> {
                    if (applied) {
                        directory.put(changed);
                        LOG.infof("Mail profile %s now at version %d (%s)", key, changed.version(), changed.smtp());
                    }
                }).replaceWithVoid();
    }

    private Uni<Void> removal(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(Topics.REMOVED_VERSION_HEADER);
        OptionalLong removed = VersionedRemovals.removedVersion(header == null ? null : header.value());
        if (removed.isEmpty()) {
            return directory.ready().chain(() -> repository.markRemoved(key, Instant.now()))
                    .call(() -> grants.forget(key))
                    .invoke(() -> {
                        directory.remove(key);
                        LOG.infof("Mail profile %s removed", key);
                    });
        }
        long version = removed.getAsLong();
        return directory.ready().chain(() -> repository.markRemoved(key, version, Instant.now()))
                .call(applied -> applied ? grants.forget(key) : Uni.createFrom().voidItem()).invoke(applied -> {
            if (applied) {
                directory.remove(key, version);
                LOG.infof("Mail profile %s removed at version %d", key, version);
            } else {
                LOG.infof("Ignoring the removal of mail profile %s at version %d: a newer version is stored", key,
                        version);
            }
        }).replaceWithVoid();
    }
}
