package io.mailoo.contracts.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A mail profile reference: {@code integration:{id}}, {@code offer-generator:{id}} or {@code platform}.
 */
public record ProfileRef(Kind kind, String ownerId) {

    public enum Kind {
        INTEGRATION("integration"),
        OFFER_GENERATOR("offer-generator"),
        PLATFORM("platform");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public static final String PLATFORM_VALUE = "platform";
    /** Compiled once: a reference is built for every order and every mail, and String.matches compiles per call. */
    private static final Pattern OWNER_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public ProfileRef {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.PLATFORM) {
            ownerId = null;
        } else if (ownerId == null || ownerId.isBlank() || !OWNER_ID.matcher(ownerId).matches()) {
            throw new IllegalArgumentException("a profile reference needs an id of letters, digits, '.', '_' or '-'");
        }
    }

    public static ProfileRef integration(String integrationId) {
        return new ProfileRef(Kind.INTEGRATION, integrationId);
    }

    public static ProfileRef offerGenerator(String generatorId) {
        return new ProfileRef(Kind.OFFER_GENERATOR, generatorId);
    }

    public static ProfileRef platform() {
        return new ProfileRef(Kind.PLATFORM, null);
    }

    /** Parses a profileRef string; throws {@link IllegalArgumentException} for anything else. */
    public static ProfileRef parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("profileRef is missing");
        }
        if (PLATFORM_VALUE.equals(value)) {
            return platform();
        }
        int colon = value.indexOf(':');
        if (colon > 0) {
            String prefix = value.substring(0, colon);
            String id = value.substring(colon + 1);
            for (Kind kind : Kind.values()) {
                if (kind != Kind.PLATFORM && kind.prefix.equals(prefix)) {
                    return new ProfileRef(kind, id);
                }
            }
        }
        throw new IllegalArgumentException("profileRef must be integration:{id}, offer-generator:{id} or platform");
    }

    public boolean isPlatform() {
        return kind == Kind.PLATFORM;
    }

    @Override
    public String toString() {
        return kind == Kind.PLATFORM ? PLATFORM_VALUE : kind.prefix + ":" + ownerId;
    }
}
