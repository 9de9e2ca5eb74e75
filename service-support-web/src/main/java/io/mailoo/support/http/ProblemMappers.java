package io.mailoo.support.http;

import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error leaves as application/problem+json with a stable code; internals never reach the client. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** How long a client waits after DATABASE_UNAVAILABLE: an overload or a restart is over in seconds. */
    static final int OUTAGE_RETRY_AFTER_SECONDS = 2;
    private static final int OUTAGE_WARNING_INTERVAL_SECONDS = 10;
    /** One warning per interval while the database is away, not one per request. */
    private static final EveryFewSeconds OUTAGE_WARNINGS = new EveryFewSeconds(OUTAGE_WARNING_INTERVAL_SECONDS);

    @Inject
    Instance<DependencyOutage> outages;

    /** A 429 or 503 says when to come back (Retry-After), so well-behaved clients wait instead of retrying at once. */
    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response response = response(e.status(), e.code(), e.getMessage(), e.errors());
        return e.retryAfterSeconds() <= 0 ? response
                : Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build();
    }

    /**
     * A value of the wrong type (e.g. a fraction for a quantity) arrives as Jackson's MismatchedInputException, which
     * Quarkus would answer with its own non-problem body; this mapper has precedence over it.
     */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e) {
        return malformedJson();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return malformedJson();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return response(401, "UNAUTHORIZED", "Sign in: send a valid bearer token.", null);
    }

    /**
     * A missing, expired, badly signed or wrong-audience token: 401 problem+json (where auth is not proactive the
     * failure reaches the REST layer instead of leaving as an empty 401).
     */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return Response.fromResponse(response(401, "UNAUTHORIZED", "Sign in: send a valid bearer token.", null))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return response(403, "FORBIDDEN", "You may not do this.", null);
    }

    /** Quarkus REST's Jackson reader wraps a body that is not JSON in a 400 WebApplicationException. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response webApplication(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException) {
                return malformedJson();
            }
        }
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "REQUEST_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> RateLimitedException.CODE;
            default -> "HTTP_" + status;
        };
        Response response = response(status, code, Response.Status.fromStatusCode(status) == null ? code
                : Response.Status.fromStatusCode(status).getReasonPhrase(), null);
        return status != 429 ? response : Response.fromResponse(response).header("Retry-After",
                retryAfter(e.getResponse().getHeaderString("Retry-After"))).build();
    }

    /**
     * A database that refuses connections (too many clients) or is restarting is not the request's fault and not a
     * bug: 503 DATABASE_UNAVAILABLE with Retry-After, logged as a warning with the failure's class only (its message
     * may quote SQL), at most once every 10 s with the count of the answers in between. Anything else is a 500.
     * Checked exceptions too: a reactive pool's "connection refused" is an IOException, and before it left as
     * Quarkus' own 500 without a problem body.
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        Throwable outage = outageIn(e);
        if (outage != null) {
            String cause = outage.getClass().getName();
            OUTAGE_WARNINGS.event(skipped -> LOG.warnf("Answering 503 DATABASE_UNAVAILABLE: %s (%d more such answers "
                    + "in the %d s before, not logged one by one)", cause, skipped, OUTAGE_WARNING_INTERVAL_SECONDS));
            return Response.fromResponse(response(503, "DATABASE_UNAVAILABLE",
                    "The service's database is overloaded or restarting; nothing was stored. Retry after Retry-After.",
                    null)).header("Retry-After", OUTAGE_RETRY_AFTER_SECONDS).build();
        }
        LOG.errorf(e, "Unexpected error");
        return response(500, "INTERNAL_ERROR", "Something went wrong on our side; it has been logged.", null);
    }

    private Throwable outageIn(Throwable failure) {
        if (outages == null) {
            return null;
        }
        for (DependencyOutage outage : outages) {
            Throwable found = outage.foundIn(failure);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** A 429 thrown by a library keeps its Retry-After when it had one (in seconds), else says 1 s. */
    private static long retryAfter(String header) {
        try {
            return header == null ? 1 : Math.max(1, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Response malformedJson() {
        return response(400, "JSON_MALFORMED", "The request body is not valid JSON of the expected shape.", null);
    }

    static Response response(int status, String code, String detail, List<io.mailoo.contracts.smtp.FieldError> errors) {
        String title = Response.Status.fromStatusCode(status) == null ? code
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, code, title, detail, errors)).build();
    }
}
