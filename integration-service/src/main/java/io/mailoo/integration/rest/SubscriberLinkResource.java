package io.mailoo.integration.rest;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.integration.entity.SubscriptionStatus;
import io.mailoo.integration.service.SubscriberLifecycle;
import io.mailoo.integration.service.SubscriberLifecycle.LinkTarget;
import io.mailoo.integration.service.links.LinkPurpose;
import io.mailoo.support.http.ProblemException;
import io.mailoo.support.mail.Escapes;
import io.smallrye.mutiny.Uni;

/**
 * The links of subscriber mail, for anyone holding one (no session, no cookies): the signed token in the path is
 * the only credential. GET shows a page with one button and changes nothing (link scanners fetch links); POST acts —
 * from that button, or from a mail client's RFC 8058 one-click unsubscribe (body {@code List-Unsubscribe=One-Click},
 * which is not needed: the POST itself is the request). A POST answers JSON / problem+json, or a page when the
 * client asks for HTML (the button).
 */
@Path("/api/v1/public/subscriptions")
@PermitAll
@Tag(name = "Public subscriber links")
public class SubscriberLinkResource {

    @Inject
    SubscriberLifecycle lifecycle;

    @GET
    @Path("/unsubscribe/{token}")
    @Produces(MediaType.TEXT_HTML)
    // a page for people (the link in the mail), not part of the API documents
    @Operation(hidden = true, summary = "Unsubscribe page", description = "A page with one button; changes nothing.")
    public Uni<Response> unsubscribePage(@PathParam("token") String token) {
        return page(() -> lifecycle.target(token, LinkPurpose.UNSUBSCRIBE), t -> t.status() == null
                || t.status() == SubscriptionStatus.UNSUBSCRIBED
                        ? SubscriberLinkPages.outcome("You are unsubscribed", "This address gets no more mail from "
                                + "this list.")
                        : SubscriberLinkPages.question("Unsubscribe", "Unsubscribe " + Escapes.html(t.email())
                                + " from " + Escapes.html(t.listName()) + "?", "Unsubscribe"));
    }

    @POST
    @Path("/unsubscribe/{token}")
    @Consumes(MediaType.WILDCARD)
    @Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_HTML })
    @Operation(operationId = "unsubscribe", summary = "Unsubscribe (RFC 8058 one-click)", description = "Unsubscribes "
            + "the subscriber the signed token names; idempotent. Nothing changes on an error. A client asking for "
            + "text/html gets a page instead (the button of the GET page).")
    @APIResponse(responseCode = "200", description = "{status: UNSUBSCRIBED}", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionStateView.class)))
    @APIResponse(responseCode = "404", description = "SUBSCRIPTION_LINK_INVALID: a changed, cut or wrong-purpose token")
    @APIResponse(responseCode = "503", description = "SUBSCRIPTION_LINK_KEY_MISSING")
    public Uni<Response> unsubscribe(@PathParam("token") String token, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return act(() -> lifecycle.unsubscribe(token), accept, "You are unsubscribed",
                "This address gets no more mail from this list.");
    }

    @GET
    @Path("/confirm/{token}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true, summary = "Confirmation page", description = "A page with one button; changes nothing.")
    public Uni<Response> confirmPage(@PathParam("token") String token) {
        return page(() -> lifecycle.target(token, LinkPurpose.CONFIRM), t -> t.status() == SubscriptionStatus.SUBSCRIBED
                ? SubscriberLinkPages.outcome("Subscription confirmed", "The subscription of "
                        + Escapes.html(t.email()) + " to " + Escapes.html(t.listName()) + " is confirmed.")
                : SubscriberLinkPages.question("Confirm your subscription", "Confirm the subscription of "
                        + Escapes.html(t.email()) + " to " + Escapes.html(t.listName()) + "?", "Confirm subscription"));
    }

    @POST
    @Path("/confirm/{token}")
    @Consumes(MediaType.WILDCARD)
    @Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_HTML })
    @Operation(operationId = "confirmSubscription", summary = "Confirm a double opt-in subscription", description =
            "Confirms the subscriber the signed token names and queues the welcome; a repeat sends nothing. Nothing "
            + "changes on an error. A client asking for text/html gets a page instead.")
    @APIResponse(responseCode = "200", description = "{status: SUBSCRIBED}", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionStateView.class)))
    @APIResponse(responseCode = "404", description = "SUBSCRIPTION_LINK_INVALID")
    @APIResponse(responseCode = "409", description = "SUBSCRIBER_UNSUBSCRIBED")
    @APIResponse(responseCode = "410", description = "SUBSCRIPTION_LINK_EXPIRED: past the confirmation window, or "
            + "removed")
    @APIResponse(responseCode = "503", description = "SUBSCRIPTION_LINK_KEY_MISSING")
    public Uni<Response> confirm(@PathParam("token") String token, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return act(() -> lifecycle.confirm(token), accept, "Subscription confirmed",
                "Thank you: the subscription is confirmed.");
    }

    private static Uni<Response> page(Supplier<Uni<? extends LinkTarget>> target, Function<LinkTarget, Response> render) {
        return Uni.createFrom().<LinkTarget>deferred(target).map(render).onFailure(ProblemException.class)
                .recoverWithItem(e -> problemPage((ProblemException) e));
    }

    private static Uni<Response> act(Supplier<Uni<? extends SubscriptionStatus>> action, String accept, String title,
            String sentence) {
        boolean html = accept != null && accept.contains(MediaType.TEXT_HTML);
        Uni<Response> done = Uni.createFrom().<SubscriptionStatus>deferred(action).map(status -> html
                ? SubscriberLinkPages.outcome(title, sentence)
                : Response.ok(new SubscriptionStateView(status.name()), MediaType.APPLICATION_JSON).build());
        return html ? done.onFailure(ProblemException.class).recoverWithItem(e -> problemPage((ProblemException) e))
                : done;
    }

    private static Response problemPage(ProblemException e) {
        return SubscriberLinkPages.problem(e.status(), e.getMessage());
    }
}
