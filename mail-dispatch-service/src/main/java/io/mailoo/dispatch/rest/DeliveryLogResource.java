package io.mailoo.dispatch.rest;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.dispatch.service.DeliveryLog;
import io.mailoo.dispatch.service.DeliveryLogAccess;
import io.mailoo.support.http.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * The delivery log of an integration's or an offer generator's mail profile (project members), with the owner's
 * actions: retry now, cancel, lift a suppressed recipient. docs/dispatch.md, "Delivery log".
 */
@Path("/api/v1/projects/{projectUid}/{kind: integrations|offer-generators}/{ownerId}/delivery")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Delivery log (project members)")
public class DeliveryLogResource {

    private static final String NOT_FOUND = "PROJECT_NOT_FOUND (also when the caller is not a member), "
            + "INTEGRATION_NOT_FOUND or OFFER_GENERATOR_NOT_FOUND (a profile of another project), MAIL_NOT_FOUND";

    private final DeliveryLogAccess access;
    private final DeliveryLog log;
    private final JsonWebToken jwt;

    public DeliveryLogResource(DeliveryLogAccess access, DeliveryLog log, JsonWebToken jwt) {
        this.access = access;
        this.log = log;
        this.jwt = jwt;
    }

    @GET
    @Path("/messages")
    @Operation(summary = "Every mail of the profile, newest first, with each attempt (project members)",
            description = "Final mail stays listed for DISPATCH_RETENTION after its last change (30 days by default); "
                    + "pending mail until it ends.")
    @APIResponse(responseCode = "400", description = "STATUS_INVALID, PURPOSE_INVALID, RECIPIENT_FILTER_INVALID, "
            + "SINCE_INVALID, LIMIT_INVALID or CURSOR_INVALID", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "PROJECT_NOT_YET_VISIBLE: created moments ago and not here yet; "
            + "repeat after Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<DeliveryLogPage> messages(@PathParam("projectUid") String projectUid, @PathParam("kind") String kind,
            @PathParam("ownerId") String ownerId,
            @Parameter(description = "QUEUED, DEFERRED, SENT, FAILED, NOT_CONFIGURED, REJECTED or CANCELLED")
            @QueryParam("status") String status,
            @Parameter(description = "A mail purpose, e.g. WELCOME") @QueryParam("purpose") String purpose,
            @Parameter(description = "Part of a recipient's address, any case") @QueryParam("recipient") String recipient,
            @Parameter(description = "Only mail requested at or after this ISO-8601 instant") @QueryParam("since") String since,
            @Parameter(description = "How many mails, 1-" + DeliveryLogParameters.MAX_LIMIT + " (default "
                    + DeliveryLogParameters.DEFAULT_LIMIT + ")") @QueryParam("limit") String limit,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        var filter = DeliveryLogParameters.filter(status, purpose, recipient, since, cursor);
        int pageSize = DeliveryLogParameters.limit(limit);
        return access.check(projectUid, kind, ownerId, jwt.getSubject(), false)
                .chain(scope -> log.page(scope, filter, pageSize + 1)).map(entries -> {
                    boolean more = entries.size() > pageSize;
                    var shown = more ? entries.subList(0, pageSize) : entries;
                    return new DeliveryLogPage(shown.stream().map(DeliveryLogEntryView::of).toList(),
                            more ? DeliveryLogParameters.cursorAfter(shown.get(pageSize - 1).message()) : null);
                });
    }

    @GET
    @Path("/messages/{messageId}")
    @Operation(summary = "One mail of the profile with each attempt (project members)")
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<DeliveryLogEntryView> message(@PathParam("projectUid") String projectUid,
            @PathParam("kind") String kind, @PathParam("ownerId") String ownerId,
            @PathParam("messageId") String messageId) {
        var id = DeliveryLogParameters.messageId(messageId);
        return access.check(projectUid, kind, ownerId, jwt.getSubject(), false)
                .chain(scope -> log.entry(scope, id)).map(DeliveryLogEntryView::of);
    }

    @POST
    @Path("/messages/{messageId}/retry")
    @Operation(summary = "Attempt a DEFERRED mail again now, within a second (owner)")
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "MAIL_NOT_DEFERRED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<DeliveryLogEntryView> retry(@PathParam("projectUid") String projectUid, @PathParam("kind") String kind,
            @PathParam("ownerId") String ownerId, @PathParam("messageId") String messageId) {
        var id = DeliveryLogParameters.messageId(messageId);
        return access.check(projectUid, kind, ownerId, jwt.getSubject(), true)
                .chain(scope -> log.retryNow(scope, id)).map(DeliveryLogEntryView::of);
    }

    @POST
    @Path("/messages/{messageId}/cancel")
    @Operation(summary = "Cancel a QUEUED or DEFERRED mail (owner): 200 when cancelled, 202 when the process holding "
            + "it was told (cancel.outcome says later whether the cancel or the send came first)")
    @APIResponse(responseCode = "202", description = "The cancel reached a mail in memory; cancel.outcome is PENDING")
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "MAIL_NOT_CANCELLABLE: already sent, failed or cancelled",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> cancel(@PathParam("projectUid") String projectUid, @PathParam("kind") String kind,
            @PathParam("ownerId") String ownerId, @PathParam("messageId") String messageId) {
        var id = DeliveryLogParameters.messageId(messageId);
        return access.check(projectUid, kind, ownerId, jwt.getSubject(), true)
                .chain(scope -> log.cancel(scope, id))
                .map(outcome -> Response.status(outcome.pending() ? 202 : 200)
                        .entity(DeliveryLogEntryView.of(outcome.entry())).build());
    }

    @GET
    @Path("/suppressions")
    @Operation(summary = "Recipients refused permanently (5xx at RCPT), who get no mail of this profile until the "
            + "entry expires or is lifted (project members)")
    @APIResponse(responseCode = "400", description = "LIMIT_INVALID", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<List<SuppressionView>> suppressions(@PathParam("projectUid") String projectUid,
            @PathParam("kind") String kind, @PathParam("ownerId") String ownerId,
            @Parameter(description = "How many entries, 1-" + DeliveryLogParameters.MAX_LIMIT + " (default "
                    + DeliveryLogParameters.DEFAULT_LIMIT + ")") @QueryParam("limit") String limit) {
        int size = DeliveryLogParameters.limit(limit);
        return access.check(projectUid, kind, ownerId, jwt.getSubject(), false)
                .chain(scope -> log.suppressions(scope, size))
                .map(list -> list.stream().map(SuppressionView::of).toList());
    }

    @DELETE
    @Path("/suppressions/{address}")
    @Operation(summary = "Lift a suppressed recipient: the next mail to it is sent again (owner)")
    @APIResponse(responseCode = "204", description = "Lifted")
    @APIResponse(responseCode = "403", description = "OWNER_REQUIRED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = NOT_FOUND + " or SUPPRESSION_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> lift(@PathParam("projectUid") String projectUid, @PathParam("kind") String kind,
            @PathParam("ownerId") String ownerId, @PathParam("address") String address) {
        return access.check(projectUid, kind, ownerId, jwt.getSubject(), true)
                .chain(scope -> log.lift(scope, address)).replaceWith(Response.noContent().build());
    }
}
