package io.mailoo.contracts;

/** Kafka topic names of the public contract (DESIGN §3). */
public final class Topics {
    public static final String PROJECTS = "mailoo.projects.v1";
    public static final String INTEGRATIONS = "mailoo.integrations.v1";
    public static final String MAIL_PROFILES = "mailoo.mail-profiles.v1";
    public static final String MAIL_REQUESTS = "mailoo.mail-requests.v1";
    public static final String MAIL_RESULTS = "mailoo.mail-results.v1";
    public static final String MAIL_REQUESTS_DLQ = "mailoo.mail-requests.v1.dlq";
    public static final String MAIL_REQUESTS_REPLIES = "mailoo.mail-requests.v1-replies";

    /**
     * Header on every {@code mailoo.mail-results.v1} record carrying {@code source.service} of the result, so a
     * service following the topic can skip the results of other services without decoding their JSON.
     */
    public static final String RESULT_SOURCE_SERVICE_HEADER = "mailoo-source-service";

    /**
     * Header on a {@code mailoo.mail-results.v1} record whose result has an {@code errorCode}, carrying it: a service
     * that owns a profile other services also send through (integration-service and {@code integration:*}, used by
     * market-service's order confirmations) can spot a {@code PROFILE_SUSPENDED} among their results undecoded.
     */
    public static final String RESULT_ERROR_CODE_HEADER = "mailoo-error-code";

    /**
     * Header on a tombstone of a compacted topic (projects, integrations, mail profiles) carrying the version of the
     * removal, so a projector ignores a removal older than what it holds and a late save older than the removal
     * (rules: {@link io.mailoo.contracts.events.VersionedRemovals}). Tombstones without it are from before it.
     */
    public static final String REMOVED_VERSION_HEADER = "mailoo-removed-version";

    private Topics() {
    }
}
