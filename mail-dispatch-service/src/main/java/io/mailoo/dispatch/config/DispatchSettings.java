package io.mailoo.dispatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of mail-dispatch-service; every value has an environment variable (see README). */
@ConfigMapping(prefix = "mailoo.dispatch")
public interface DispatchSettings {

    /** Allow SMTP hosts on loopback/private/link-local addresses (dev and test only). */
    @WithDefault("false")
    boolean allowPrivateHosts();

    /** Ports a tenant profile may use unless private hosts are allowed. */
    List<Integer> allowedPorts();

    /** EHLO name; set so the client never does a blocking local hostname lookup. */
    String ownHostname();

    /** Lifetime of a request without its own expiresAt. */
    Duration defaultExpiry();

    /** How long a request waits for the profile version it names before it is NOT_CONFIGURED. */
    Duration profileGrace();

    int defaultMaxConnections();

    int defaultMessagesPerMinute();

    Duration connectTimeout();

    /**
     * A pooled SMTP connection unused this long is not reused but closed with QUIT (servers drop idle connections
     * after a while, and a send on a dropped one would be deferred); 0 = reuse as long as the server keeps it open.
     */
    Duration socketIdleTimeout();

    /**
     * PEM files of the certificate authorities that tenant SMTP servers' certificates must chain to, instead of the
     * JVM's trust store (for private CAs); none = the JVM's trust store.
     */
    Optional<List<String>> trustedCertificates();

    /** The longest one send may take, connection and dialogue included, before it is deferred as SMTP_TIMEOUT. */
    Duration sendTimeout();

    /** A profile's client unused this long is closed. */
    Duration idleClientTimeout();

    /** Messages one profile may hold in memory; more wait in PostgreSQL. */
    int laneQueueLimit();

    /** Messages all profiles together may hold in memory. */
    int inMemoryLimit();

    /**
     * How long a message taken into memory is reserved against other processes; renewed every third of it while
     * held, so a dead process's messages are taken over about this long after it died.
     */
    Duration lease();

    /** How often this process writes its heartbeat row (dispatch_instance). */
    Duration heartbeatInterval();

    /**
     * A process whose heartbeat is older than this is dead: the replica that owns the partition takes its leases at
     * once instead of waiting for them to run out. The process itself stops starting sends when its own last
     * heartbeat is older than this minus two intervals, so a live process cut off from PostgreSQL never sends what
     * another has taken.
     */
    Duration instanceTimeout();

    /** Consecutive authentication failures after which a profile is suspended. */
    int authFailuresBeforeSuspension();

    /** Where suspension notices go (through the platform SMTP); none configured = notices are only logged. */
    Optional<String> operatorAddress();

    /** Backoff steps after network errors and "busy" 4xx replies; the last step repeats. */
    List<Duration> quickRetryLadder();

    /** Backoff steps after other 4xx replies; the last step repeats. */
    List<Duration> slowRetryLadder();

    /** How often PostgreSQL is polled for due retries (a Quarkus scheduler interval such as "1s"). */
    String pollInterval();

    /** Lines one SMTP reply may have (EHLO lists a dozen); past it the connection is closed, SMTP_PROTOCOL_ERROR. */
    @WithDefault("100")
    int maxReplyLines();

    /** Bytes one SMTP reply may have, CRLFs included; past it the connection is closed, SMTP_PROTOCOL_ERROR. */
    @WithDefault("65536")
    int maxReplyBytes();

    /** The longest an SMTP_TEST inline profile may live after requestedAt. */
    Duration testMaxLifetime();

    /** How long a recipient refused permanently (5xx at RCPT) stays on its profile's suppression list. */
    Duration suppressionDuration();

    /**
     * A final message and its attempts are deleted this long after their last change (DISPATCH_RETENTION); never less
     * than a day, the window of the daily recipient cap, which counts SENT rows.
     */
    Duration retention();

    /** How often the retention runs (DISPATCH_RETENTION_INTERVAL; read by the scheduler). */
    String retentionInterval();

    /** An access token is refreshed this long before it expires (at least 5 minutes; DISPATCH_OAUTH_REFRESH_MARGIN). */
    Duration oauthRefreshMargin();

    /** A grant unused (no refresh) this long is refreshed to keep it alive, or reported (DISPATCH_OAUTH_IDLE_WARNING). */
    Duration oauthIdleWarning();

    /** Bounds one call of a token endpoint, connect and answer (DISPATCH_OAUTH_TOKEN_TIMEOUT). */
    Duration oauthTokenTimeout();

    /** How often idle grants are looked for (DISPATCH_OAUTH_IDLE_CHECK_INTERVAL; read by the scheduler). */
    String oauthIdleCheckInterval();
}
