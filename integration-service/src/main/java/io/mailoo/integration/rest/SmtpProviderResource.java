package io.mailoo.integration.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mailoo.integration.service.ProjectAccess;
import io.mailoo.integration.service.ProjectAccess.Role;
import io.mailoo.support.oauth.OAuthProviderSettings;
import io.mailoo.support.openapi.ApiSecurity;
import io.mailoo.support.smtpprofile.SmtpProviderPresets;
import io.mailoo.support.smtpprofile.SmtpProviderView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The SMTP provider presets the panels offer (integrations' and offer generators' alike); any member. */
@Path("/api/v1/projects/{projectUid}/smtp-providers")
@Authenticated
@SecurityRequirement(name = ApiSecurity.JWT)
@Tag(name = "Projects")
@Produces(MediaType.APPLICATION_JSON)
public class SmtpProviderResource {

    @Inject
    ProjectAccess access;

    @Inject
    OAuthProviderSettings oauth;

    @Inject
    Caller caller;

    @GET
    @WithSession
    @Operation(operationId = "listSmtpProviders", summary = "SMTP provider presets (members)", description = "Host, "
            + "port, security, login kind and published sending limits of each provider the SMTP panel offers; "
            + "available is false for an OAuth2 provider whose platform app is not configured.")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "PROJECT_NOT_FOUND")
    public Uni<List<SmtpProviderView>> list(@PathParam("projectUid") String projectUid) {
        return access.project(projectUid, caller.id(), Role.MEMBER).map(project -> SmtpProviderPresets.views(oauth));
    }
}
