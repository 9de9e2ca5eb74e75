package io.mailoo.dispatch.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SecretOpenException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.InlineProfile;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.OAuth2Login;
import io.mailoo.contracts.events.OAuth2Provider;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.ErrorCodes;
import io.mailoo.dispatch.messaging.OperatorNoticePublisher;
import io.mailoo.dispatch.oauth.OAuthGrantException.Reason;
import io.mailoo.dispatch.repository.DispatchMessageRepository;
import io.mailoo.dispatch.repository.OAuthGrantRepository;
import io.mailoo.dispatch.repository.OAuthGrantRepository.Decision;
import io.mailoo.dispatch.repository.OAuthGrantRepository.GrantChange;
import io.mailoo.dispatch.repository.OAuthGrantRepository.GrantState;
import io.mailoo.dispatch.repository.OAuthGrantRepository.StoredGrant;
import io.mailoo.dispatch.smtp.OAuthTokenSource;
import io.smallrye.mutiny.Uni;

/**
 * The one place that refreshes OAuth2 grants (the domain services never do after connect). Access tokens are kept
 * in memory per grant and handed to the profile's connections while they have more than
 * {@code DISPATCH_OAUTH_REFRESH_MARGIN} left; otherwise — or when a server refused the token — the grant's row is
 * locked, re-read (another replica may have refreshed meanwhile: its token is used), and only then is the token
 * endpoint called; a rotated refresh token is committed with the new access token before the lock is released.
 * One refresh per grant at a time in this process too. {@code invalid_grant} marks the grant RECONNECT_REQUIRED
 * (committed once, so operators are told once); a new grantId from the profile topic replaces it.
 */
@ApplicationScoped
public class OAuthGrants {

    private static final Logger LOG = Logger.getLogger(OAuthGrants.class);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(10);

    private record CachedToken(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "CachedToken[expiresAt=" + expiresAt + "]";
        }
    }

    /** A refresh's result inside the lock: a token, or why there is none. */
    private record Got(CachedToken token, OAuthGrantException failure) {
        @Override
        public String toString() {
            return "Got[" + (failure == null ? "token" : failure.getMessage()) + "]";
        }
    }

    private final OAuthGrantRepository repository;
    private final DispatchMessageRepository messages;
    private final OAuthTokenEndpoint endpoint;
    private final SmtpSecretCipher cipher;
    private final DispatchSettings settings;
    private final OperatorNoticePublisher notices;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> refreshing = new ConcurrentHashMap<>();
    private final Map<String, Instant> touched = new ConcurrentHashMap<>();
    private final Set<String> reconnectRequired = ConcurrentHashMap.newKeySet();

    public OAuthGrants(OAuthGrantRepository repository, DispatchMessageRepository messages,
            OAuthTokenEndpoint endpoint, SmtpSecretCipher cipher, DispatchSettings settings,
            OperatorNoticePublisher notices) {
        this.repository = repository;
        this.messages = messages;
        this.endpoint = endpoint;
        this.cipher = cipher;
        this.settings = settings;
        this.notices = notices;
    }

    /** True once this process saw the grant refused (invalid_grant): its mail need not even connect. */
    public boolean knownReconnectRequired(String grantId) {
        return reconnectRequired.contains(grantId);
    }

    /**
     * A profile version from the topic: a grantId not stored yet is stored with the event's refresh token (a known
     * one keeps dispatch's own, rotated token), the profile's other grants are forgotten, and mail that waited for
     * a reconnect is due again. A password login (or none) forgets the profile's grants.
     */
    public Uni<Void> adopt(MailProfileChanged changed) {
        OAuth2Login login = changed.smtp().oauth2();
        if (login == null || login.grantId() == null || login.refreshToken() == null) {
            return repository.deleteOthers(changed.profileRef(), null).replaceWithVoid();
        }
        Instant now = Instant.now();
        return repository.insertIfAbsent(login.grantId(), changed.profileRef(), provider(login).name(),
                        login.account() == null ? "" : login.account(), login.refreshToken(), null, null, now)
                .chain(inserted -> repository.deleteOthers(changed.profileRef(), login.grantId())
                        .chain(deleted -> inserted || deleted > 0
                                ? messages.makeDue(changed.profileRef(), ErrorCodes.OAUTH_RECONNECT_REQUIRED, now)
                                        .invoke(due -> {
                                            if (due > 0) {
                                                LOG.infof("Profile %s has a new OAuth2 grant: %d mail waiting for "
                                                        + "a reconnect are due again", changed.profileRef(), due);
                                            }
                                        }).replaceWithVoid()
                                : Uni.createFrom().voidItem()));
    }

    /** The profile was removed: its grants go with it. */
    public Uni<Void> forget(String profileRef) {
        return repository.deleteOthers(profileRef, null).replaceWithVoid();
    }

    /** A source naming the grant's account and fetching tokens with {@code fetch}. */
    private record Source(String account, Function<String, CompletionStage<String>> fetch)
            implements OAuthTokenSource {
        @Override
        public CompletionStage<String> accessToken(String refused) {
            return fetch.apply(refused);
        }
    }

    /**
     * Checked before a profile version connects anywhere: the grant's refresh token (the stored one, else the
     * event's) opens for this profile and the server the event names, and the grant is this profile's. Null when it
     * may connect; FAILED SMTP_PASSWORD_UNREADABLE (a token moved to another server or profile) or DEFERRED
     * ENCRYPTION_KEY_MISSING otherwise. A grant already refused by the provider is remembered, so its mail is
     * deferred without connecting.
     */
    public Uni<DispatchOutcome> verify(String profileRef, SmtpServer smtp) {
        OAuth2Login login = smtp.oauth2();
        SecretBinding binding = SecretBinding.oauth2Token(profileRef, smtp);
        return repository.find(login.grantId()).map(stored -> {
            try {
                if (stored == null) {
                    open(login.refreshToken(), binding);
                    return null;
                }
                if (!stored.profileRef().equals(profileRef) || !stored.provider().equals(provider(login).name())) {
                    throw new OAuthGrantException(Reason.UNREADABLE, "grant of another profile");
                }
                open(stored.refreshToken(), binding);
                if (stored.state() == GrantState.RECONNECT_REQUIRED) {
                    reconnectRequired.add(stored.grantId());
                }
                return null;
            } catch (OAuthGrantException e) {
                LOG.warnf("The OAuth2 grant of %s does not open for %s:%d (%s): nothing connects", profileRef,
                        smtp.host(), smtp.port(), e.reason());
                return e.outcome(Instant.now());
            }
        });
    }

    /** The token source of a saved profile's connections (context = profileRef). */
    public OAuthTokenSource source(String profileRef, SmtpServer smtp) {
        return new Source(smtp.oauth2().account(), refused -> token(profileRef, smtp, refused));
    }

    /**
     * The token source of an SMTP test (contract): the grant store for a grantId it holds (for that profile),
     * else the inline tokens sealed for {@code test:{messageId}}; what such a test refreshes is stored under the
     * grantId for the profile, so the saved profile's event later finds the rotated token.
     */
    public OAuthTokenSource inlineSource(UUID messageId, String profileRef, SmtpServer smtp) {
        OAuth2Login login = smtp.oauth2();
        return new Source(login.account(), refused -> repository.find(login.grantId()).subscribeAsCompletionStage()
                .thenCompose(stored -> {
                    if (stored != null) {
                        return token(profileRef, smtp, refused);
                    }
                    String context = InlineProfile.associatedData(messageId);
                    if (refused == null && login.accessToken() != null) {
                        return CompletableFuture.completedFuture(
                                open(login.accessToken(), SecretBinding.oauth2Token(context, smtp)));
                    }
                    return seedFromTest(profileRef, smtp, open(login.refreshToken(),
                            SecretBinding.oauth2Token(context, smtp)));
                }));
    }

    private CompletionStage<String> seedFromTest(String profileRef, SmtpServer smtp, String refreshToken) {
        OAuth2Login login = smtp.oauth2();
        SecretBinding binding = SecretBinding.oauth2Token(profileRef, smtp);
        Instant now = Instant.now();
        return endpoint.refresh(provider(login), refreshToken).toCompletionStage().thenCompose(answer -> {
            SealedSecret refresh = cipher.seal(answer.refreshToken() != null ? answer.refreshToken() : refreshToken,
                    binding);
            Instant expires = now.plus(answer.expiresIn());
            return repository.insertIfAbsent(login.grantId(), profileRef, provider(login).name(),
                            login.account() == null ? "" : login.account(), refresh,
                            cipher.seal(answer.accessToken(), binding), expires, now)
                    .map(ignored -> answer.accessToken()).subscribeAsCompletionStage();
        });
    }

    private CompletionStage<String> token(String profileRef, SmtpServer smtp, String refused) {
        String grantId = smtp.oauth2().grantId();
        Instant now = Instant.now();
        CachedToken cached = tokens.get(grantId);
        if (cached != null && usable(cached, now) && !cached.token().equals(refused)) {
            touch(grantId, now);
            return CompletableFuture.completedFuture(cached.token());
        }
        CompletableFuture<String> started = new CompletableFuture<>();
        CompletableFuture<String> running = refreshing.putIfAbsent(grantId, started);
        if (running != null) {
            return running;
        }
        refreshLocked(profileRef, smtp, refused, null).subscribe().with(token -> {
            refreshing.remove(grantId, started);
            started.complete(token);
        }, failure -> {
            refreshing.remove(grantId, started);
            started.completeExceptionally(failure);
        });
        return started;
    }

    /**
     * Refreshes an idle grant to keep it alive (providers expire refresh tokens unused for long: Microsoft after 90
     * days) unless, under the lock, it turns out refreshed since {@code staleBefore} (by another replica). Null
     * when nothing was to do; fails like a send's refresh.
     */
    public Uni<String> keepAlive(String profileRef, SmtpServer smtp, Instant staleBefore) {
        return refreshLocked(profileRef, smtp, null, staleBefore);
    }

    /**
     * Refreshes the grant under its row lock unless, re-read under the lock, it already holds a usable token that
     * is not the refused one (or, with {@code staleBefore}, was refreshed since then).
     */
    private Uni<String> refreshLocked(String profileRef, SmtpServer smtp, String refused, Instant staleBefore) {
        OAuth2Login login = smtp.oauth2();
        String grantId = login.grantId();
        SecretBinding binding = SecretBinding.oauth2Token(profileRef, smtp);
        return repository.<Got>locked(grantId,
                        stored -> decide(stored, profileRef, login, binding, refused, staleBefore))
                .map(locked -> {
                    Got got = locked.result();
                    if (got.token() == null && got.failure() == null) {
                        return null;
                    }
                    if (got.failure() != null) {
                        if (got.failure().reason() == Reason.RECONNECT_REQUIRED) {
                            reconnectRequired.add(grantId);
                            tokens.remove(grantId);
                            if (locked.stateChanged()) {
                                announceReconnect(profileRef, login);
                            }
                        }
                        throw got.failure();
                    }
                    reconnectRequired.remove(grantId);
                    tokens.put(grantId, got.token());
                    touched.put(grantId, Instant.now());
                    return got.token().token();
                });
    }

    private Uni<Decision<Got>> decide(StoredGrant stored, String profileRef, OAuth2Login login,
            SecretBinding binding, String refused, Instant staleBefore) {
        if (stored == null) {
            return failure(Reason.TOKEN_UNAVAILABLE, "grant not stored yet");
        }
        if (!stored.profileRef().equals(profileRef) || !stored.provider().equals(provider(login).name())) {
            // a grantId named by another profile, or another provider: its tokens are not this profile's
            LOG.warnf("Profile %s names OAuth2 grant %s stored for another profile or provider", profileRef,
                    stored.grantId());
            return failure(Reason.UNREADABLE, "grant of another profile");
        }
        if (stored.state() == GrantState.RECONNECT_REQUIRED) {
            return failure(Reason.RECONNECT_REQUIRED, "invalid_grant earlier");
        }
        Instant now = Instant.now();
        if (staleBefore != null) {
            Instant last = stored.refreshedAt() != null ? stored.refreshedAt() : stored.createdAt();
            if (!last.isBefore(staleBefore)) {
                return Uni.createFrom().item(new Decision<>(null, new Got(null, null)));
            }
        }
        try {
            if (staleBefore == null && stored.accessToken() != null && stored.accessExpiresAt() != null) {
                CachedToken current = new CachedToken(cipher.open(stored.accessToken(), binding),
                        stored.accessExpiresAt());
                if (usable(current, now) && !current.token().equals(refused)) {
                    // refreshed by another replica (or send) meanwhile: use the token it stored
                    return Uni.createFrom().item(new Decision<>(null, new Got(current, null)));
                }
            }
            String refreshToken = cipher.open(stored.refreshToken(), binding);
            return Uni.createFrom().completionStage(() -> endpoint.refresh(provider(login), refreshToken)
                            .toCompletionStage())
                    .map(answer -> {
                        Instant at = Instant.now();
                        CachedToken fresh = new CachedToken(answer.accessToken(), at.plus(answer.expiresIn()));
                        // a rotated refresh token replaces the old one in the same commit as the access token
                        SealedSecret refresh = answer.refreshToken() == null ? stored.refreshToken()
                                : cipher.seal(answer.refreshToken(), binding);
                        LOG.infof("Refreshed OAuth2 grant %s of %s (rotated: %s, valid for %s)", stored.grantId(),
                                profileRef, answer.refreshToken() != null, answer.expiresIn());
                        return new Decision<>(new GrantChange.Refreshed(refresh,
                                cipher.seal(answer.accessToken(), binding), fresh.expiresAt(), at),
                                new Got(fresh, null));
                    })
                    .onFailure(OAuthGrantException.class).recoverWithItem(e -> {
                        OAuthGrantException failure = (OAuthGrantException) e;
                        return new Decision<>(failure.reason() == Reason.RECONNECT_REQUIRED
                                ? new GrantChange.ReconnectRequired(Instant.now()) : null, new Got(null, failure));
                    });
        } catch (SecretOpenException e) {
            LOG.warnf("Cannot open the OAuth2 tokens of grant %s for profile %s: %s", stored.grantId(), profileRef,
                    e.getMessage());
            return failure(e.keyUnknown() ? Reason.KEY_MISSING : Reason.UNREADABLE, null);
        }
    }

    private static Uni<Decision<Got>> failure(Reason reason, String detail) {
        return Uni.createFrom().item(new Decision<>(null, new Got(null, new OAuthGrantException(reason, detail))));
    }

    private boolean usable(CachedToken token, Instant now) {
        return token.expiresAt().isAfter(now.plus(margin()));
    }

    private Duration margin() {
        Duration configured = settings.oauthRefreshMargin();
        return configured.compareTo(Duration.ofMinutes(5)) < 0 ? Duration.ofMinutes(5) : configured;
    }

    private void touch(String grantId, Instant now) {
        Instant last = touched.get(grantId);
        if (last != null && last.plus(TOUCH_EVERY).isAfter(now)) {
            return;
        }
        touched.put(grantId, now);
        repository.touch(grantId, now).subscribe().with(ok -> {
        }, failure -> LOG.debugf("Could not note the use of grant %s", grantId));
    }

    private String open(SealedSecret sealed, SecretBinding binding) {
        if (sealed == null) {
            throw new OAuthGrantException(Reason.UNREADABLE, "no token");
        }
        try {
            return cipher.open(sealed, binding);
        } catch (SecretOpenException e) {
            throw new OAuthGrantException(e.keyUnknown() ? Reason.KEY_MISSING : Reason.UNREADABLE, null);
        }
    }

    private static OAuth2Provider provider(OAuth2Login login) {
        return login.provider() == null ? OAuth2Provider.UNKNOWN : login.provider();
    }

    private void announceReconnect(String profileRef, OAuth2Login login) {
        LOG.warnf("The provider refused OAuth2 grant %s of profile %s (invalid_grant): its mail waits for the owner "
                + "to connect again (OAUTH_RECONNECT_REQUIRED)", login.grantId(), profileRef);
        settings.operatorAddress().filter(a -> !a.isBlank()).ifPresent(address -> notices.notify(address,
                "Mailoo: SMTP profile " + profileRef + " must be reconnected",
                "The " + login.provider() + " account " + login.account() + " of mail profile " + profileRef
                        + " no longer accepts Mailoo's OAuth2 grant (invalid_grant: revoked, expired after "
                        + "inactivity, or the password was reset). Its mail is DEFERRED with "
                        + "OAUTH_RECONNECT_REQUIRED and fails at its expiry unless the owner clicks Reconnect in the "
                        + "SMTP settings. Nothing is sent through any other profile.",
                new MailSource("mail-dispatch-service", "MailProfile", profileRef)));
    }
}
