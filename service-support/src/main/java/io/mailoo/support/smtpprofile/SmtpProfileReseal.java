package io.mailoo.support.smtpprofile;

import java.util.function.Supplier;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.support.crypto.LegacySecretResealing.LegacyRow;
import io.smallrye.mutiny.Uni;

/** A stored profile as the startup re-seal step (LegacySecretResealing) handles it. */
public final class SmtpProfileReseal {

    private SmtpProfileReseal() {
    }

    /** @param bumpAndPublish bumps the profile version and puts the MailProfileChanged into the outbox */
    public static LegacyRow row(String profileRef, SmtpProfile profile, Supplier<Uni<Void>> bumpAndPublish) {
        return new LegacyRow() {
            public String profileRef() {
                return profileRef;
            }

            public SealedSecret sealed() {
                return profile.sealedPassword();
            }

            public SecretBinding binding() {
                return profile.secretBinding(profileRef);
            }

            public void store(SealedSecret resealed) {
                profile.sealedPassword(resealed);
            }

            public void markBound() {
                profile.passwordBindingVersion = SecretBinding.VERSION;
            }

            public Uni<Void> bumpAndPublish() {
                return bumpAndPublish.get();
            }
        };
    }

    /** The query of the rows the step re-seals, for an entity that embeds the profile as {@code smtp}. */
    public static final String LEGACY_ROWS = "smtp.passwordBindingVersion < ?1 and smtp.passwordCiphertext is not null";
}
