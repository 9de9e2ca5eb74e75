package io.mailoo.market.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.market.entity.MailProfileState;
import io.mailoo.support.projection.CompactedTopicProjector;
import io.smallrye.mutiny.Uni;

/**
 * mailoo.mail-profiles.v1 → mail_profile_state, for integration profiles only: configured or not, and the version.
 * The SMTP settings and the sealed password in the event are dropped here on purpose.
 */
@ApplicationScoped
public class MailProfileProjector extends CompactedTopicProjector<MailProfileChanged> {

    public MailProfileProjector() {
        super(MailProfileChanged.class);
    }

    @Incoming("mail-profiles")
    @ActivateRequestContext
    public Uni<Void> onRecord(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || !record.key().startsWith(ProfileRef.Kind.INTEGRATION.prefix() + ":")) {
            return Uni.createFrom().voidItem(); // offer generators and the platform are none of our business
        }
        return project(record);
    }

    @Override
    protected String keyOf(MailProfileChanged event) {
        return event.smtp() == null || event.from() == null ? null : event.profileRef();
    }

    @Override
    protected long versionOf(MailProfileChanged event) {
        return event.version();
    }

    @Override
    protected Uni<Long> storedVersion(String key) {
        return MailProfileState.<MailProfileState>findById(key).map(stored -> stored == null ? null : stored.version);
    }

    @Override
    protected Uni<Void> upsert(String key, MailProfileChanged event) {
        return MailProfileState.<MailProfileState>findById(key).chain(stored -> {
            if (stored != null && stored.version > event.version()) {
                return Uni.createFrom().voidItem();
            }
            MailProfileState row = stored == null ? new MailProfileState() : stored;
            row.profileRef = key;
            row.version = event.version();
            row.configured = true;
            return stored == null ? row.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }

    /** The version is kept: a request naming it is then answered NOT_CONFIGURED by dispatch, not waited for. */
    @Override
    protected Uni<Void> remove(String key) {
        return MailProfileState.<MailProfileState>findById(key).chain(stored -> {
            if (stored == null) {
                MailProfileState row = new MailProfileState();
                row.profileRef = key;
                row.version = 0;
                row.configured = false;
                return row.persist().replaceWithVoid();
            }
            stored.configured = false;
            return Uni.createFrom().voidItem();
        });
    }
}
