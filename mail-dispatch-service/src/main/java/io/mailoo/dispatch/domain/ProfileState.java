package io.mailoo.dispatch.domain;

/**
 * What the directory knows of a profileRef: present with settings, removed (tombstone) at a last known version,
 * or never seen ({@code profile == null && !removed}).
 */
public record ProfileState(MailProfile profile, boolean removed, long lastKnownVersion) {

    public static final ProfileState UNKNOWN = new ProfileState(null, false, 0);

    public static ProfileState present(MailProfile profile) {
        return new ProfileState(profile, false, profile.version());
    }

    public static ProfileState removed(long lastKnownVersion) {
        return new ProfileState(null, true, lastKnownVersion);
    }
}
