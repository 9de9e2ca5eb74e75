package io.mailoo.integration.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.integration.service.ReplyService;
import io.mailoo.support.openapi.ApiSecurity;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Inbound messages of an integration and *Create reply*. */
@Path("/api/v1/projects/{projectUid}/integrations/{integrationId}/messages")
@Authenticated
@SecurityRequirement(name = ApiSecurity.JWT)
@Tag(name = "Inbound messages")
@jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
@jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
public class MessageResource {

    @Inject
    ReplyService replies;

    @Inject
    Caller caller;

    @GET
    @Operation(operationId = "listMessages", summary = "Inbound messages, newest first (members)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND")
    public Uni<List<MessageView>> messages(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId) {
        return replies.messages(projectUid, integrationId, caller.id())
                .map(list -> list.stream().map(MessageView::of).toList());
    }

    @POST
    @Path("/{messageId}/replies")
    @Operation(operationId = "createReply", summary = "Create reply", description = "202 {replyId, status: QUEUED}, "
            + "sent through the integration's own outboundMail; 409 OUTBOUND_MAIL_NOT_CONFIGURED when it has none.")
    @APIResponse(responseCode = "202", description = "Queued; GET …/replies shows what became of it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReplyCreated.class)))
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND, MESSAGE_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "OUTBOUND_MAIL_NOT_CONFIGURED: the integration has no "
            + "outboundMail")
    @APIResponse(responseCode = "422", description = "BODY_REQUIRED, or the code of the subject, text or html field "
            + "at fault; VALIDATION_FAILED for more than one (errors[] names the fields)")
    public Uni<Response> reply(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, @PathParam("messageId") String messageId,
            ReplyRequest request) {
        ReplyRequest r = request == null ? new ReplyRequest(null, null, null) : request;
        return replies.create(projectUid, integrationId, messageId, caller.id(), r.subject(), r.text(), r.html())
                .map(reply -> Response.accepted(new ReplyCreated(reply.id.toString(), reply.status)).build());
    }

    @GET
    @Path("/{messageId}/replies")
    @Operation(operationId = "listReplies", summary = "The replies to a message with their mail state (members)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND, INTEGRATION_NOT_FOUND, MESSAGE_NOT_FOUND")
    public Uni<List<ReplyView>> replies(@PathParam("projectUid") String projectUid,
            @PathParam("integrationId") String integrationId, @PathParam("messageId") String messageId) {
        return replies.replies(projectUid, integrationId, messageId, caller.id())
                .map(list -> list.stream().map(ReplyView::of).toList());
    }
}
