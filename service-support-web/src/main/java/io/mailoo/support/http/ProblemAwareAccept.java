package io.mailoo.support.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A client that accepts {@code application/problem+json} but not {@code application/json} (a client generated for a
 * route whose only documented bodies are errors, e.g. a 204 DELETE) would meet 406 on every JSON route: problem+json
 * is the error form of the same JSON API, so such an Accept is read as also taking {@code application/json}. Errors
 * are problem+json whatever the Accept header says ({@link ProblemMappers}).
 */
public class ProblemAwareAccept {

    static final String JSON = "application/json";

    @ServerRequestFilter(preMatching = true)
    public void acceptJsonWithProblems(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && takesProblems(accept) && !takesJson(accept)) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept + ", " + JSON);
        }
    }

    static boolean takesProblems(String accept) {
        for (String range : accept.split(",")) {
            if (mediaType(range).equals(Problem.MEDIA_TYPE)) {
                return true;
            }
        }
        return false;
    }

    static boolean takesJson(String accept) {
        for (String range : accept.split(",")) {
            String type = mediaType(range);
            if (type.equals(JSON) || type.equals("application/*") || type.equals("*/*")) {
                return true;
            }
        }
        return false;
    }

    private static String mediaType(String range) {
        int parameters = range.indexOf(';');
        return (parameters < 0 ? range : range.substring(0, parameters)).trim().toLowerCase(java.util.Locale.ROOT);
    }
}
