package io.mailoo.dispatch.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.mailoo.contracts.crypto.EncryptionKeyMissingException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;

/** Not ready without MAIL_SMTP_ENCRYPTION_KEY: no tenant profile with a password could be used. */
@Readiness
@ApplicationScoped
public class EncryptionKeyReadinessCheck implements HealthCheck {

    private final SmtpSecretCipher cipher;

    public EncryptionKeyReadinessCheck(SmtpSecretCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("smtp-encryption-key");
        if (cipher.canSeal()) {
            return builder.up().withData("keyId", cipher.currentKeyId().orElse("")).build();
        }
        return builder.down().withData("reason", EncryptionKeyMissingException.MESSAGE).build();
    }
}
