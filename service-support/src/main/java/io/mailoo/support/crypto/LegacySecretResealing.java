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

    /** One stored profile whose password is marked as sealed the old way. */
    public interface LegacyRow {
        String profileRef();

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

    /** Re-seals the rows one after the other; returns how many were re-sealed and republished. */
    public static <T> Uni<Integer> resealAll(SmtpSecretCipher cipher, List<T> rows,
            Function<T, Uni<LegacyRow>> adapt) {
        return Multi.createFrom().<T>iterable(rows).onItem()
                .<Boolean>transformToUniAndConcatenate(stored -> adapt.apply(stored).chain(row -> reseal(cipher, row)))
                .collect().asList()
                .map(done -> (int) done.stream().filter(Boolean::booleanValue).count());
    }

    private static Uni<Boolean> reseal(SmtpSecretCipher cipher, LegacyRow row) {
        String password;
        try {
            password = cipher.openLegacyProfileBound(row.sealed(), row.profileRef());
        } catch (SecretOpenException legacyFailed) {
            return Uni.createFrom().item(alreadyBound(cipher, row));
        }
        row.store(cipher.seal(password, row.binding()));
        LOG.infof("Re-sealed the SMTP password of %s for its server", row.profileRef());
        return row.bumpAndPublish().replaceWith(true);
    }

    /** A row marked legacy that opens with the new binding (written during a rolling update) is only re-marked. */
    private static boolean alreadyBound(SmtpSecretCipher cipher, LegacyRow row) {
        try {
            cipher.open(row.sealed(), row.binding());
            row.markBound();
        } catch (SecretOpenException e) {
            LOG.warnf("The stored SMTP password of %s opens with no binding (%s); the owner must enter it again",
                    row.profileRef(), e.keyUnknown() ? "its key is not configured" : "altered");
        }
        return false;
    }
}
