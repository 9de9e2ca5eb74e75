package io.mailoo.support.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SecretOpenException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.OAuth2Provider;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.smtp.SmtpSettingsInput;
import io.mailoo.contracts.smtp.SmtpSettingsRules;
import io.mailoo.contracts.validation.MailAddressValidator;
import io.mailoo.support.http.ProblemException;
import io.mailoo.support.smtpprofile.SmtpProviderPresets;
import io.mailoo.support.smtpprofile.SmtpSettingsCheck;
import io.mailoo.support.smtpprofile.SmtpSettingsJson;
import io.mailoo.support.smtpprofile.StrictJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The OAuth2 authorization code flow of an SMTP profile, once the service has checked that the caller owns it:
 * {@link #start} (PKCE S256, a state stored hashed with the user, the profile, the provider, the sealed verifier and
 * the settings; 10 minutes, used once), {@link #take} (the state of this user and this profile, consumed) and
 * {@link #exchange} (the code for a refresh token and the account, outside any transaction). The service then saves the
 * profile with {@code SmtpProfile.connectOAuth2} and publishes the new version in its own transaction.
 */
@ApplicationScoped
public class OAuthConnect {

    public static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    public static final String PROVIDER_INVALID = "OAUTH_PROVIDER_INVALID";
    public static final String PROVIDER_NOT_CONFIGURED = "OAUTH_PROVIDER_NOT_CONFIGURED";
    public static final String STATE_INVALID = "OAUTH_STATE_INVALID";
    public static final String CODE_REQUIRED = "OAUTH_CODE_REQUIRED";
    public static final String CODE_EXCHANGE_FAILED = "OAUTH_CODE_EXCHANGE_FAILED";
    static final List<String> PROVIDERS = List.of("MICROSOFT", "GOOGLE", "GENERIC");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_STATE = 256;
    private static final int MAX_CODE = 4096;

    @Inject
    OAuthProviderSettings settings;

    @Inject
    Instance<SmtpSecretCipher> cipher;

    @Inject
    Vertx vertx;

    /** MAIL_SMTP_ALLOW_PRIVATE_HOSTS: false refuses a login without TLS. */
    @ConfigProperty(name = "mailoo.smtp.allow-private-hosts", defaultValue = "false")
    boolean allowPrivateHosts;

    private volatile OAuthTokenClient client;

    /** A started connect taken back by its complete: the provider, the PKCE verifier and the settings given then. */
    public record Pending(OAuth2Provider provider, String codeVerifier, SmtpSettingsInput settings) {
        @Override
        public String toString() {
            return "Pending[provider=" + provider + "]";
        }
    }

    /** A connected grant: the account (SMTP username), a new grant id and the refresh token (never printed). */
    public record Grant(OAuth2Provider provider, String account, String grantId, String refreshToken,
            SmtpSettingsInput settings) {
        @Override
        public String toString() {
            return "Grant[provider=" + provider + ", account=" + account + ", grantId=" + grantId + "]";
        }
    }

    /**
     * Reads and checks the start body ({@code provider}, {@code settings} without password), stores the state and
     * answers where to send the browser. Call inside a transaction, after the owner check.
     */
    public Uni<OAuthStartView> start(String userId, String profileRef, JsonNode body) {
        StrictJson.requireObject(body);
        List<FieldError> errors = new ArrayList<>();
        StrictJson.unknownFields(body, List.of("provider", "settings"), "", errors);
        String providerName = StrictJson.text(body, "provider", "", errors);
        if (providerName == null || !PROVIDERS.contains(providerName)) {
            errors.add(new FieldError("provider", PROVIDER_INVALID, "provider must be MICROSOFT, GOOGLE or GENERIC."));
        }
        SmtpSettingsInput in = null;
        JsonNode node = body.get("settings");
        if (node == null || node.isNull()) {
            errors.add(SmtpSettingsJson.settingsRequired("settings"));
        } else {
            in = SmtpSettingsJson.read(node, "settings", errors);
            if (in != null && in.password() != null) {
                errors.add(new FieldError("password", StrictJson.FIELD_UNKNOWN,
                        "An OAuth2 connection takes no password; leave it out."));
            }
        }
        StrictJson.throwIfAny(errors);
        OAuth2Provider provider = OAuth2Provider.valueOf(providerName);
        OAuthProviderSettings.App app = configured(provider);
        errors.addAll(settingsErrors(in, "oauth@connect.invalid", null));
        StrictJson.throwIfAny(errors);
        SmtpSecretCipher sealer = cipher.get();
        if (!sealer.canSeal()) {
            throw SmtpSettingsCheck.keyMissing();
        }
        String state = Pkce.randomToken();
        String verifier = Pkce.randomToken();
        OAuthStateEntry entry = new OAuthStateEntry();
        entry.stateHash = Pkce.hash(state);
        entry.userId = userId;
        entry.profileRef = profileRef;
        entry.provider = provider.name();
        SealedSecret sealed = sealer.seal(verifier, verifierBinding(entry.stateHash, userId, profileRef));
        entry.verifierKeyId = sealed.keyId();
        entry.verifierCiphertext = sealed.ciphertext();
        entry.settings = node.toString();
        entry.createdAt = Instant.now();
        entry.expiresAt = entry.createdAt.plus(STATE_LIFETIME);
        String url = authorizationUrl(provider, app, state, Pkce.challenge(verifier));
        return OAuthStateEntry.delete("expiresAt < ?1", entry.createdAt)
                .chain(() -> entry.persist())
                .map(v -> new OAuthStartView(url, entry.expiresAt));
    }

    /**
     * The field errors of settings to connect with: the settings' rules with the account's place held by
     * {@code account} (username) and {@code fromAddress} when the settings have none.
     */
    private List<FieldError> settingsErrors(SmtpSettingsInput in, String account, String fromAddress) {
        String from = in.fromAddress() == null || in.fromAddress().isBlank()
                ? (fromAddress == null ? account : fromAddress) : in.fromAddress();
        SmtpSettingsInput asConnected = new SmtpSettingsInput(in.host(), in.port(), in.security(), account, null, from,
                in.fromName(), in.replyTo(), in.provider(), in.limits());
        List<FieldError> errors = new ArrayList<>(SmtpSettingsRules.validate(asConnected, allowPrivateHosts));
        errors.addAll(SmtpProviderPresets.validate(in.provider(), in.limits()));
        return errors;
    }

    /** The app of a provider when the operator configured it; 422 OAUTH_PROVIDER_NOT_CONFIGURED otherwise. */
    private OAuthProviderSettings.App configured(OAuth2Provider provider) {
        Optional<OAuthProviderSettings.App> app = settings.configured(provider);
        if (app.isEmpty() || settings.redirectUri().filter(u -> !u.isBlank()).isEmpty()) {
            throw new ProblemException(422, PROVIDER_NOT_CONFIGURED, "This platform has no OAuth app configured for "
                    + provider.name() + "; use another provider or a password login.");
        }
        return app.get();
    }

    private String authorizationUrl(OAuth2Provider provider, OAuthProviderSettings.App app, String state,
            String challenge) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", app.clientId().orElseThrow());
        query.put("redirect_uri", settings.redirectUri().orElseThrow());
        query.put("scope", app.scope().orElseThrow());
        query.put("state", state);
        query.put("code_challenge", challenge);
        query.put("code_challenge_method", "S256");
        if (provider == OAuth2Provider.GOOGLE) {
            // Google gives a refresh token only for offline access, and again on a reconnect only with consent
            query.put("access_type", "offline");
            query.put("prompt", "consent");
        }
        String base = app.authorizationUrl().orElseThrow();
        return base + (base.contains("?") ? "&" : "?") + query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    /** Reads the complete body: {@code state} and {@code code} (400 OAUTH_STATE_INVALID / 422 OAUTH_CODE_REQUIRED). */
    public static Completion completion(JsonNode body) {
        StrictJson.requireObject(body);
        List<FieldError> errors = new ArrayList<>();
        StrictJson.unknownFields(body, List.of("state", "code"), "", errors);
        String state = StrictJson.text(body, "state", "", errors);
        String code = StrictJson.text(body, "code", "", errors);
        if (code == null || code.isBlank() || code.length() > MAX_CODE) {
            errors.add(new FieldError("code", CODE_REQUIRED, "Send the authorization code the provider returned."));
        }
        StrictJson.throwIfAny(errors);
        if (state == null || state.isEmpty() || state.length() > MAX_STATE) {
            throw stateInvalid();
        }
        return new Completion(state, code);
    }

    /** The complete body; never printed. */
    public record Completion(String state, String code) {
        @Override
        public String toString() {
            return "Completion[<hidden>]";
        }
    }

    /**
     * Takes the state back, in a transaction of its own: it must exist, be younger than 10 minutes, and have been
     * started by {@code userId} for {@code profileRef}; it is then deleted (used once). Anything else is 400
     * OAUTH_STATE_INVALID and changes nothing (a foreign caller does not use up the owner's state).
     */
    public Uni<Pending> take(String state, String userId, String profileRef) {
        String hash = Pkce.hash(state);
        return Panache.withTransaction(() -> OAuthStateEntry.<OAuthStateEntry>find("stateHash", hash)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .chain(entry -> {
                    if (entry == null || !entry.userId.equals(userId) || !entry.profileRef.equals(profileRef)) {
                        return Uni.createFrom().<Pending>failure(stateInvalid());
                    }
                    if (!entry.expiresAt.isAfter(Instant.now())) {
                        return Uni.createFrom().<Pending>failure(stateInvalid()); // removed by the next start
                    }
                    Pending pending = pending(entry);
                    // committed before the exchange: a second complete with the same state finds nothing
                    return entry.delete().replaceWith(pending);
                }));
    }

    private Pending pending(OAuthStateEntry entry) {
        String verifier;
        try {
            verifier = cipher.get().open(new SealedSecret(entry.verifierKeyId, entry.verifierCiphertext),
                    verifierBinding(entry.stateHash, entry.userId, entry.profileRef));
        } catch (SecretOpenException e) {
            throw stateInvalid();
        }
        List<FieldError> errors = new ArrayList<>();
        SmtpSettingsInput in;
        try {
            in = SmtpSettingsJson.read(JSON.readTree(entry.settings), "settings", errors);
        } catch (Exception e) {
            throw stateInvalid();
        }
        if (in == null || !errors.isEmpty()) {
            throw stateInvalid();
        }
        return new Pending(OAuth2Provider.valueOf(entry.provider), verifier, in);
    }

    /**
     * Exchanges the code at the provider's token URL (client secret, code_verifier, redirect_uri) and reads the
     * account from the ID token: 502 OAUTH_CODE_EXCHANGE_FAILED when the provider refuses, gives no refresh token or
     * no account, or does not answer in time; 422 with the settings' field errors when the account cannot be the
     * profile's username or sender.
     */
    public Uni<Grant> exchange(Pending pending, String code) {
        OAuthProviderSettings.App app = configured(pending.provider());
        io.vertx.core.Context caller = Vertx.currentContext();
        Uni<OAuthTokenClient.Tokens> answer = client().exchange(app.tokenUrl().orElseThrow(), app.clientId().orElseThrow(),
                app.clientSecret().orElse(null), settings.redirectUri().orElseThrow(), code, pending.codeVerifier());
        // the answer arrives on the HTTP client's context; the save after it needs the request's (Hibernate Reactive)
        if (caller != null) {
            answer = answer.emitOn(task -> caller.runOnContext(v -> task.run()));
        }
        return answer.onFailure(OAuthTokenClient.ExchangeFailed.class).transform(e -> exchangeFailed(
                        ((OAuthTokenClient.ExchangeFailed) e).reason()))
                .map(tokens -> {
                    String account = IdTokenAccount.of(tokens.idToken());
                    if (account == null) {
                        throw exchangeFailed("the provider's ID token names no account (ask for the openid and "
                                + "email scopes)");
                    }
                    SmtpSettingsInput in = pending.settings();
                    boolean fromGiven = in.fromAddress() != null && !in.fromAddress().isBlank();
                    if (!fromGiven && !MailAddressValidator.isValid(account)) {
                        throw ProblemException.invalid(List.of(new FieldError("fromAddress", "FROM_ADDRESS_REQUIRED",
                                "The connected account " + account + " is not a mail address: enter the sender "
                                        + "address and connect again.")));
                    }
                    StrictJson.throwIfAny(settingsErrors(in, account, null));
                    return new Grant(pending.provider(), account, UUID.randomUUID().toString(),
                            tokens.refreshToken(), in);
                });
    }

    private OAuthTokenClient client() {
        OAuthTokenClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = new OAuthTokenClient(vertx, OAuthTokenClient.DEADLINE, OAuthTokenClient.MAX_ANSWER_BYTES);
                }
                c = client;
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    /** The PKCE verifier is sealed for its state, user and profile only. */
    static SecretBinding verifierBinding(String stateHash, String userId, String profileRef) {
        return SecretBinding.smtpPassword("oauth-state:" + stateHash, "", 0, (String) null, null)
                .with("secret", "pkce-verifier").with("user", userId).with("profile", profileRef);
    }

    public static ProblemException stateInvalid() {
        return new ProblemException(400, STATE_INVALID, "This connect is unknown, already completed, older than "
                + STATE_LIFETIME.toMinutes() + " minutes, or was started by someone else or for other settings: "
                + "click Connect again.");
    }

    static ProblemException exchangeFailed(String reason) {
        return new ProblemException(502, CODE_EXCHANGE_FAILED, "The provider did not complete the connection: "
                + reason + ". Nothing was saved; click Connect again.");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
