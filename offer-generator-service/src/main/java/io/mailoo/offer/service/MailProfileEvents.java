package io.mailoo.offer.service;

import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.offer.entity.OfferGenerator;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.offer.entity.OfferMailSettings;

/** The {@code offer-generator:{id}} profile as mail-dispatch-service reads it; the password stays sealed. */
final class MailProfileEvents {

    private MailProfileEvents() {
    }

    static MailProfileChanged changed(OfferGenerator generator, OfferMailSettings s) {
        return new MailProfileChanged(generator.profileRef(), generator.projectUid, generator.mailProfileVersion,
                new SmtpServer(s.host, s.port, SmtpSecurity.valueOf(s.security), emptyToNull(s.username),
                        s.password()),
                new Sender(s.fromAddress, emptyToNull(s.fromName)), emptyToNull(s.replyTo),
                new ProfileLimits(null, null));
    }

    /** The binding a password for these (validated) settings is sealed with; context = profileRef or test:{id}. */
    static SecretBinding binding(String context, SmtpSettingsInput smtp) {
        return SecretBinding.smtpPassword(context, smtp.host().strip(), smtp.port(), smtp.security(),
                emptyToNull(smtp.username()));
    }

    static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
