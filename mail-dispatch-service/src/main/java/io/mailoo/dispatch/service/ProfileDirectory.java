package io.mailoo.dispatch.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.dispatch.domain.MailProfile;
import io.mailoo.dispatch.domain.ProfileState;
import io.mailoo.dispatch.repository.MailProfileRepository;
import io.mailoo.dispatch.repository.MailProfileRepository.StoredProfile;
import io.smallrye.mutiny.Uni;

/**
 * The profiles dispatch knows, in memory for the hot path; PostgreSQL holds the same (see MailProfileProjector).
 * Listeners hear of every change so a profile's client is replaced when its settings change.
 */
@ApplicationScoped
public class ProfileDirectory {

    private final Map<String, ProfileState> states = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final Uni<Void> loaded;

    public ProfileDirectory(MailProfileRepository repository) {
        this.loaded = repository.loadAll().invoke(all -> all.forEach(this::load)).replaceWithVoid()
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).indefinitely()
                .memoize().indefinitely();
    }

    /** Completes once the stored profiles are in memory; consumers wait for it before their first record. */
    public Uni<Void> ready() {
        return loaded;
    }

    public ProfileState get(String profileRef) {
        return states.getOrDefault(profileRef, ProfileState.UNKNOWN);
    }

    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    void load(StoredProfile stored) {
        if (stored.removed() || stored.settings() == null) {
            states.put(stored.profileRef(), ProfileState.removed(stored.version()));
        } else {
            states.put(stored.profileRef(),
                    ProfileState.present(toProfile(stored.settings(), stored.suspendedAt() != null)));
        }
    }

    public void put(MailProfileChanged changed) {
        states.put(changed.profileRef(), ProfileState.present(toProfile(changed, false)));
        notifyListeners(changed.profileRef());
    }

    public void remove(String profileRef) {
        long last = get(profileRef).lastKnownVersion();
        states.put(profileRef, ProfileState.removed(last));
        notifyListeners(profileRef);
    }

    /** A versioned removal: the profile is gone as of {@code removedVersion}. */
    public void remove(String profileRef, long removedVersion) {
        states.put(profileRef, ProfileState.removed(Math.max(removedVersion, get(profileRef).lastKnownVersion())));
        notifyListeners(profileRef);
    }

    /** Suspends the given version only: a newer version saved meanwhile stays usable. */
    public void suspend(String profileRef, long version) {
        states.computeIfPresent(profileRef, (ref, state) -> state.profile() != null
                && state.profile().version() == version ? ProfileState.present(state.profile().withSuspended(true))
                        : state);
    }

    public int size() {
        return states.size();
    }

    private void notifyListeners(String profileRef) {
        listeners.forEach(listener -> listener.accept(profileRef));
    }

    static MailProfile toProfile(MailProfileChanged c, boolean suspended) {
        return new MailProfile(c.profileRef(), c.projectUid(), c.version(), c.smtp(), c.from(), c.replyTo(),
                c.limits(), c.profileRef(), suspended);
    }
}
