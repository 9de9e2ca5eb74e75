package io.mailoo.support.smtpprofile;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The connected OAuth2 account of a profile: who, with whom, since when; never a token. */
@Schema(name = "OAuth2Connection", requiredProperties = { "provider", "account", "connectedAt" })
public record OAuth2ConnectionView(@Schema(enumeration = { "MICROSOFT", "GOOGLE", "GENERIC" }) String provider,
        @Schema(description = "The mailbox the grant belongs to (also the SMTP username).") String account,
        Instant connectedAt) {

    static OAuth2ConnectionView of(SmtpProfile p) {
        return p.hasOAuth2() ? new OAuth2ConnectionView(p.oauth2Provider, p.oauth2Account, p.oauth2ConnectedAt)
                : null;
    }
}
