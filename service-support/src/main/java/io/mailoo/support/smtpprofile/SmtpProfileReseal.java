package io.mailoo.support.smtpprofile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.support.crypto.LegacySecretResealing.LegacyRow;
import io.smallrye.mutiny.Uni;

/**
 * A stored profile as the startup re-seal step (LegacySecretResealing) handles it: its password and its OAuth2
 * refresh token, each when it is marked as sealed with an older SecretBinding version.
 */
public final class SmtpProfileReseal {

    private SmtpProfileReseal() {
    }

    /**
     * The profile's secrets that are marked legacy.
     *
     * @param bumpAndPublish bumps the profile version and puts the MailProfileChanged into the outbox (once)
     */
    public static List<LegacyRow> rows(String profileRef, SmtpProfile profile, Supplier<Uni<Void>> bumpAndPublish) {
        List<LegacyRow> rows = new ArrayList<>();
        if (profile.hasPassword() && profile.passwordBindingVersion < SecretBinding.VERSION) {
            rows.add(secret(profileRef, "password", profile::sealedPassword, () -> profile.secretBinding(profileRef),
                    profile::sealedPassword, () -> profile.passwordBindingVersion = SecretBinding.VERSION,
                    bumpAndPublish));
        }
        if (profile.hasOAuth2() && profile.oauth2BindingVersion < SecretBinding.VERSION) {
            rows.add(secret(profileRef, "oauth2 refresh token", profile::sealedRefreshToken,
                    () -> profile.oauth2Binding(profileRef), profile::sealedRefreshToken,
                    () -> profile.oauth2BindingVersion = SecretBinding.VERSION, bumpAndPublish));
        }
        return rows;
    }

    private static LegacyRow secret(String profileRef, String kind, Supplier<SealedSecret> sealed,
            Supplier<SecretBinding> binding, Consumer<SealedSecret> store, Runnable markBound,
            Supplier<Uni<Void>> bumpAndPublish) {
        return new LegacyRow() {
            public String profileRef() {
                return profileRef;
            }

            public String kind() {
                return kind;
            }

            public SealedSecret sealed() {
                return sealed.get();
            }

            public SecretBinding binding() {
                return binding.get();
            }

            public void store(SealedSecret resealed) {
                store.accept(resealed);
            }

            public void markBound() {
                markBound.run();
            }

            public Uni<Void> bumpAndPublish() {
                return bumpAndPublish.get();
            }
        };
    }

    /** The query of the rows the step re-seals, for an entity that embeds the profile as {@code smtp}. */
    public static final String LEGACY_ROWS = "(smtp.passwordBindingVersion < ?1 and smtp.passwordCiphertext is not null)"
            + " or (smtp.oauth2BindingVersion < ?1 and smtp.oauth2RefreshCiphertext is not null)";
}
