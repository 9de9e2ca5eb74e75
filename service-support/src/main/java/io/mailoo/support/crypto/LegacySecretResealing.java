package io.mailoo.support.crypto;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SecretOpenException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The re-seal step both domain services run at startup for passwords sealed before SecretBinding (binding version 1,
 * the profileRef alone): open with the legacy associated data, seal for the row's server, bump the profile version
 * and publish the new MailProfileChanged, all inside the caller's transaction (rows locked by the caller).
 */
public final class LegacySecretResealing {

    private static final Logger LOG = Logger.getLogger(LegacySecretResealing.class);

    /** One secret of a stored profile (its password or OAuth2 refresh token) marked as sealed the old way. */
    public interface LegacyRow {
        String profileRef();

        /** Which secret, for the log: {@code password} or {@code oauth2 refresh token}. */
        default String kind() {
            return "password";
        }

        SealedSecret sealed();

        /** The binding of the row's server, as stored now. */
        SecretBinding binding();

        /** Stores the re-sealed password and marks it as sealed with the current binding version. */
        void store(SealedSecret resealed);

        /** Marks the stored password as sealed with the current binding version, unchanged. */
        void markBound();

        /** Bumps the profile version and puts the MailProfileChanged into the outbox. */
        Uni<Void> bumpAndPublish();
    }

    private LegacySecretResealing() {
    }

    /** Runs {@code step} once at startup; a failure is logged (without detail) and the service starts anyway. */
    public static void atStartup(SmtpSecretCipher cipher, Supplier<Uni<Integer>> step) {
        if (!cipher.canSeal()) {
            LOG.warn("No MAIL_SMTP_ENCRYPTION_KEY: stored SMTP passwords sealed the old way are not re-sealed");
            return;
        }
        try {
            await(step);
        } catch (Throwable e) {
            // the rows stay as they were and the next start tries again
            LOG.errorf("Re-sealing stored SMTP passwords failed: %s", e.getClass().getSimpleName());
        }
    }

    /** Runs {@code step} on a Vert.x context (Hibernate Reactive needs one) and waits for its count. */
    public static int await(Supplier<Uni<Integer>> step) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(step);
    }

    /**
     * Re-seals the stored profiles one after the other; each gives the secrets of it that are marked legacy (its
     * password, its OAuth2 refresh token), all bumping and publishing the same profile, which is done once when any
     * of them was re-sealed. Returns how many profiles were re-sealed and republished.
     */
    public static <T> Uni<Integer> resealAll(SmtpSecretCipher cipher, List<T> rows,
            Function<T, Uni<List<LegacyRow>>> adapt) {
        return Multi.createFrom().<T>iterable(rows).onItem()
                .<Boolean>transformToUniAndConcatenate(stored -> adapt.apply(stored).chain(secrets -> {
                    boolean resealed = false;
                    for (LegacyRow secret : secrets) {
                        resealed |= reseal(cipher, secret);
                    }
                    return resealed ? secrets.get(0).bumpAndPublish().replaceWith(true)
                            : Uni.createFrom().item(false);
                }))
                .collect().asList()
                .map(done -> (int) done.stream().filter(Boolean::booleanValue).count());
    }

    /** True when the secret was opened the legacy way and stored sealed for its binding. */
    private static boolean reseal(SmtpSecretCipher cipher, LegacyRow row) {
        String secret;
        try {
            secret = cipher.openLegacyProfileBound(row.sealed(), row.profileRef());
        } catch (SecretOpenException legacyFailed) {
            alreadyBound(cipher, row);
            return false;
        }
        row.store(cipher.seal(secret, row.binding()));
        LOG.infof("Re-sealed a stored SMTP secret (%s) of %s for its server", row.kind(), row.profileRef());
        return true;
    }

    /** A row marked legacy that opens with the new binding (written during a rolling update) is only re-marked. */
    private static void alreadyBound(SmtpSecretCipher cipher, LegacyRow row) {
        try {
            cipher.open(row.sealed(), row.binding());
            row.markBound();
        } catch (SecretOpenException e) {
            LOG.warnf("The stored SMTP secret (%s) of %s opens with no binding (%s); the owner must enter it again",
                    row.kind(), row.profileRef(), e.keyUnknown() ? "its key is not configured" : "altered");
        }
    }
}
