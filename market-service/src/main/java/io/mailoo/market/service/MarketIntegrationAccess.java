package io.mailoo.market.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.market.entity.IntegrationView;
import io.mailoo.market.entity.ProjectAccess;
import io.mailoo.support.http.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Decides who may use the dashboard routes of a MARKET integration, from the projections of integration-service's
 * events: not a member of the project (or no such project or integration) → 404, so nothing leaks; a member on an
 * owner-only route → 403; an integration of another type → 422. Call inside a session.
 */
@ApplicationScoped
public class MarketIntegrationAccess {

    public Uni<IntegrationView> forMember(String projectUid, String integrationId, String userId) {
        return require(projectUid, integrationId, userId, false);
    }

    public Uni<IntegrationView> forOwner(String projectUid, String integrationId, String userId) {
        return require(projectUid, integrationId, userId, true);
    }

    private Uni<IntegrationView> require(String projectUid, String integrationId, String userId, boolean owner) {
        return ProjectAccess.<ProjectAccess>findById(projectUid).chain(project -> {
            if (project == null || !project.isMember(userId)) {
                throw ProblemException.notFound("PROJECT_NOT_FOUND", "No such project, or you are not a member.");
            }
            return IntegrationView.<IntegrationView>findById(integrationId).map(integration -> {
                if (integration == null || !integration.projectUid.equals(projectUid)) {
                    throw ProblemException.notFound("INTEGRATION_NOT_FOUND", "No such integration in this project.");
                }
                if (owner && !project.isOwner(userId)) {
                    throw new ProblemException(403, "OWNER_ONLY", "Only the project's owner may do this.");
                }
                if (!integration.isMarket()) {
                    throw new ProblemException(422, "INTEGRATION_NOT_MARKET",
                            "Catalog, API keys and orders exist for MARKET integrations only; this one is "
                                    + integration.type + ".");
                }
                return integration;
            });
        });
    }
}
