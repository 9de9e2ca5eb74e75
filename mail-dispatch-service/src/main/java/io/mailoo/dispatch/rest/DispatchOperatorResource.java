package io.mailoo.dispatch.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.repository.DispatchMessageRepository;
import io.mailoo.dispatch.repository.OAuthGrantRepository;
import io.mailoo.dispatch.repository.OAuthGrantRepository.StoredGrant;
import io.mailoo.dispatch.repository.MailProfileRepository;
import io.mailoo.dispatch.repository.MailProfileRepository.StoredProfile;
import io.mailoo.dispatch.repository.SuppressionRepository;
import io.mailoo.support.http.ProblemException;
import io.smallrye.mutiny.Uni;

/** The operators' view of dispatch (JWT group {@code operator}). */
@Path("/api/v1/dispatch")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
public class DispatchOperatorResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final DispatchMessageRepository messages;
    private final MailProfileRepository profiles;
    private final SuppressionRepository suppressions;
    private final OAuthGrantRepository grants;
    private final DispatchSettings settings;

    public DispatchOperatorResource(DispatchMessageRepository messages, MailProfileRepository profiles,
            SuppressionRepository suppressions,
            OAuthGrantRepository grants, DispatchSettings settings) {
        this.grants = grants;
        this.settings = settings;
        this.messages = messages;
        this.profiles = profiles;
        this.suppressions = suppressions;
    }

    /** Messages, newest first, filtered by profile, status (QUEUED, DEFERRED, SENT, …) and last change. */
    @GET
    @Path("/messages")
    public Uni<List<MessageView>> messages(@QueryParam("profileRef") String profileRef,
            @QueryParam("status") String status, @QueryParam("since") String since,
            @QueryParam("limit") Integer limit) {
        if (profileRef != null) {
            validProfileRef(profileRef);
        }
        if (status != null && !status.equals(DispatchMessageRepository.QUEUED)) {
            try {
                if (MailStatus.valueOf(status) == MailStatus.UNKNOWN) {
                    throw new IllegalArgumentException("no row has the status UNKNOWN");
                }
            } catch (IllegalArgumentException e) {
                throw badParameter("status", "STATUS_INVALID",
                        "status must be one of " + String.join(", ", DeliveryLogParameters.STATUSES));
            }
        }
        Instant sinceInstant = null;
        if (since != null) {
            try {
                sinceInstant = Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw badParameter("since", "SINCE_INVALID", "since must be an ISO-8601 instant, e.g. "
                        + "2026-11-24T10:00:00Z");
            }
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw badParameter("limit", "LIMIT_INVALID", "limit must be between 1 and " + MAX_LIMIT);
        }
        return messages.search(profileRef, status, sinceInstant, limit == null ? DEFAULT_LIMIT : limit)
                .map(rows -> rows.stream().map(MessageView::of).toList());
    }

    @GET
    @Path("/profiles/{profileRef}")
    public Uni<ProfileView> profile(@PathParam("profileRef") String profileRef) {
        validProfileRef(profileRef);
        return profiles.find(profileRef).chain(stored -> messages.countsByStatus(profileRef).chain(rows -> {
            Map<String, Long> counts = new TreeMap<>();
            rows.forEach(row -> counts.put(row.getString("status"), row.getLong("n")));
            if (stored == null && counts.isEmpty()) {
                throw new ProblemException(404, "PROFILE_UNKNOWN", "dispatch has no profile and no message for "
                        + profileRef);
            }
            String grantId = stored == null || stored.settings() == null || stored.settings().smtp().oauth2() == null
                    ? null : stored.settings().smtp().oauth2().grantId();
            return messages.lastError(profileRef).chain(last -> suppressions.countActive(profileRef)
                    .chain(suppressed -> (grantId == null ? Uni.createFrom().<StoredGrant>nullItem()
                            : grants.find(grantId)).map(grant -> view(profileRef, stored, counts,
                                    last == null ? null : MessageView.of(last), suppressed,
                                    grant == null ? null : OAuthGrantView.of(grant, settings.oauthIdleWarning(),
                                            Instant.now())))));
        }));
    }

    private static ProfileView view(String ref, StoredProfile stored, Map<String, Long> counts, MessageView last,
            long suppressed, OAuthGrantView grant) {
        if (stored == null || stored.settings() == null) {
            return new ProfileView(ref, false, stored != null && stored.removed(),
                    stored == null ? null : stored.version(), null, null, null, false, null, 0, counts, last,
                    suppressed, null);
        }
        var smtp = stored.settings().smtp();
        return new ProfileView(ref, true, false, stored.version(), smtp.host(), smtp.port(),
                smtp.security() == null ? null : smtp.security().name(), stored.suspendedAt() != null,
                stored.suspendedAt(), stored.consecutiveAuthFailures(), counts, last, suppressed, grant);
    }

    private static void validProfileRef(String profileRef) {
        try {
            ProfileRef.parse(profileRef);
        } catch (IllegalArgumentException e) {
            throw badParameter("profileRef", "PROFILE_REF_INVALID", e.getMessage());
        }
    }

    private static ProblemException badParameter(String parameter, String code, String message) {
        return DeliveryLogParameters.bad(parameter, code, message);
    }
}
