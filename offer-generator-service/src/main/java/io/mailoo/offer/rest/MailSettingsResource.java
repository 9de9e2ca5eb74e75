package io.mailoo.offer.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.mailoo.offer.service.MailSettingsService;
import io.mailoo.offer.service.SmtpTestService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** OfferGeneratorMailSettings, owner only. */
@Path("/api/v1/projects/{projectUid}/offer-generators/{generatorId}/mail-settings")
@Authenticated
@Tag(name = "Offer generator mail settings")
@SecurityRequirement(name = "SecurityScheme")
public class MailSettingsResource {

    @Inject
    MailSettingsService settings;

    @Inject
    SmtpTestService tests;

    @Inject
    CurrentUser user;

    @GET
    @Operation(summary = "The saved mail settings (hasSmtpPassword only, never the password)")
    public Uni<MailSettingsView> get(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId) {
        return settings.get(projectUid, generatorId, user.id());
    }

    @PUT
    @Operation(summary = "Save the generator's own SMTP settings, internal notification address and branding")
    public Uni<MailSettingsView> put(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId, MailSettingsRequest body) {
        return settings.save(projectUid, generatorId, user.id(), body);
    }

    @DELETE
    @ResponseStatus(204)
    @Operation(summary = "Remove the mail settings; offers are then NOT_CONFIGURED")
    public Uni<Void> delete(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId) {
        return settings.remove(projectUid, generatorId, user.id());
    }

    @POST
    @Path("test")
    @Operation(summary = "Send one test message with unsaved settings to the caller's own address")
    public Uni<SmtpTestView> test(@PathParam("projectUid") String projectUid,
            @PathParam("generatorId") String generatorId, MailSettingsTestRequest body) {
        return tests.test(projectUid, generatorId, user.id(), user.email(), body);
    }
}
