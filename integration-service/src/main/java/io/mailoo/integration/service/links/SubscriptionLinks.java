package io.mailoo.integration.service.links;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.mailoo.integration.config.SubscriptionConfig;
import io.mailoo.support.config.CryptoConfig;
import io.quarkus.runtime.Startup;

/**
 * Makes and checks the links of subscriber mail: the confirmation link of double opt-in and the unsubscribe link
 * with its RFC 8058 headers. Keys are read once at startup (a malformed key stops the service).
 */
@ApplicationScoped
@Startup
public class SubscriptionLinks {

    public static final String ROUTE = "/api/v1/public/subscriptions/";
    private static final Logger LOG = Logger.getLogger(SubscriptionLinks.class);

    @Inject
    SubscriptionConfig config;

    @Inject
    CryptoConfig crypto;

    private LinkKeys keys;
    private String base;

    @PostConstruct
    void readKeys() {
        keys = LinkKeys.of(config.linkKey().orElse(null), config.linkPreviousKeys().orElse(null),
                crypto.key().orElse(null), crypto.previousKeys().orElse(null));
        base = config.publicBaseUrl().replaceAll("/+$", "");
        if (!keys.present()) {
            LOG.warnf("Neither %s nor MAIL_SMTP_ENCRYPTION_KEY is set: welcome mail goes without unsubscribe links "
                    + "and double opt-in confirmations fail (SUBSCRIPTION_LINK_KEY_MISSING)", LinkKeys.KEY_VARIABLE);
        }
    }

    /** Whether links can be signed at all. */
    public boolean available() {
        return keys.present();
    }

    /** The confirmation link, valid until {@code confirmBy}. Only when {@link #available()}. */
    public String confirmUrl(UUID subscriberId, Instant confirmBy) {
        return url(LinkPurpose.CONFIRM, LinkTokens.sign(keys, LinkPurpose.CONFIRM, subscriberId, confirmBy));
    }

    /** The unsubscribe link; it does not expire (unsubscribing must keep working from old mail). */
    public String unsubscribeUrl(UUID subscriberId) {
        return url(LinkPurpose.UNSUBSCRIBE, LinkTokens.sign(keys, LinkPurpose.UNSUBSCRIBE, subscriberId, null));
    }

    /** RFC 2369 List-Unsubscribe with RFC 8058 one-click, or no headers when no key is configured. */
    public Map<String, String> unsubscribeHeaders(UUID subscriberId) {
        if (!available()) {
            return Map.of();
        }
        return Map.of("List-Unsubscribe", "<" + unsubscribeUrl(subscriberId) + ">",
                "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    /** The subscriber a token of this purpose names; throws {@link LinkTokens.RefusedException}. */
    public LinkTokens.Link verify(String token, LinkPurpose purpose) {
        return LinkTokens.verify(keys, token, purpose, Instant.now());
    }

    private String url(LinkPurpose purpose, String token) {
        return base + ROUTE + purpose.pathSegment() + "/" + token;
    }
}
