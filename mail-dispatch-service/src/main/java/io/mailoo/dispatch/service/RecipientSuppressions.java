package io.mailoo.dispatch.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.repository.SuppressionRepository;
import io.smallrye.mutiny.Uni;

/**
 * Each profile's suppression list as its lane checks it before a send (docs/dispatch.md, "Suppression list"). The
 * lane reads a copy held here, reloaded from PostgreSQL when older than {@link #REFRESH_MILLIS}, so the check costs no
 * round trip per message. A refusal this process saw is in its copy at once (a profile sends from one replica);
 * a lift on this replica too, on another one within the refresh.
 */
@ApplicationScoped
public class RecipientSuppressions {

    static final long REFRESH_MILLIS = 5_000;
    private static final Logger LOG = Logger.getLogger(RecipientSuppressions.class);

    /** A profile's active addresses as loaded at {@code loadedAt} (System.currentTimeMillis). */
    record Copy(Set<String> addresses, long loadedAt) {
    }

    private final ConcurrentHashMap<String, Copy> copies = new ConcurrentHashMap<>();
    private final SuppressionRepository repository;
    private final DispatchSettings settings;

    public RecipientSuppressions(SuppressionRepository repository, DispatchSettings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    /** The form an address is listed and compared in. */
    public static String normalise(String address) {
        return address == null ? null : address.trim().toLowerCase(Locale.ROOT);
    }

    /** The profile's active addresses if the copy is fresh, otherwise null (call {@link #reload} first). */
    Set<String> fresh(String profileRef, long nowMillis) {
        Copy copy = copies.get(profileRef);
        return copy == null || nowMillis - copy.loadedAt() >= REFRESH_MILLIS ? null : copy.addresses();
    }

    Uni<Void> reload(String profileRef) {
        long startedAt = System.currentTimeMillis();
        return repository.activeAddresses(profileRef)
                .invoke(addresses -> copies.put(profileRef, new Copy(copyOf(addresses), startedAt)))
                .replaceWithVoid();
    }

    private static Set<String> copyOf(Set<String> addresses) {
        Set<String> copy = ConcurrentHashMap.newKeySet();
        copy.addAll(addresses);
        return copy;
    }

    /** The server refused {@code address} permanently: listed for DISPATCH_SUPPRESSION_DURATION from now. */
    void suppress(String profileRef, String address, UUID messageId, SmtpReply reply) {
        String normalised = normalise(address);
        Copy copy = copies.get(profileRef);
        if (copy != null) {
            copy.addresses().add(normalised);
        }
        Instant now = Instant.now();
        repository.suppress(profileRef, normalised, messageId, reply, now, now.plus(settings.suppressionDuration()))
                .onFailure().retry().withBackOff(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(5))
                .atMost(5)
                .subscribe().with(ok -> LOG.infof("A recipient of %s is suppressed after a permanent refusal (%s)",
                        profileRef, reply == null ? "no reply" : reply.code()),
                        f -> LOG.errorf("Could not store a suppression of %s: %s", profileRef,
                                FailureDescription.of(f)));
    }

    /**
     * The request without its suppressed recipients: itself when none is listed, null when every recipient is (the
     * mail ends FAILED RECIPIENT_SUPPRESSED without a connection).
     */
    static SendMailRequested deliverable(SendMailRequested r, Set<String> suppressed) {
        if (suppressed.isEmpty()) {
            return r;
        }
        List<String> to = unlisted(r.to(), suppressed);
        List<String> cc = unlisted(r.cc(), suppressed);
        List<String> bcc = unlisted(r.bcc(), suppressed);
        int kept = to.size() + cc.size() + bcc.size();
        if (kept == r.to().size() + r.cc().size() + r.bcc().size()) {
            return r;
        }
        if (kept == 0) {
            return null;
        }
        return new SendMailRequested(r.messageId(), r.profileRef(), r.minProfileVersion(), r.purpose(),
                r.projectUid(), r.source(), to, cc, bcc, r.replyTo(), r.subject(), r.text(), r.html(), r.headers(),
                r.inlineProfile(), r.requestedAt(), r.expiresAt());
    }

    private static List<String> unlisted(List<String> addresses, Set<String> suppressed) {
        return addresses.stream().filter(a -> !suppressed.contains(normalise(a))).toList();
    }

    /** Lifts an entry; false when the address was not (or no longer) listed. */
    public Uni<Boolean> lift(String profileRef, String address) {
        String normalised = normalise(address);
        return repository.lift(profileRef, normalised).invoke(() -> {
            Copy copy = copies.get(profileRef);
            if (copy != null) {
                copy.addresses().remove(normalised);
            }
        });
    }
}
