package io.mailoo.market.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.market.entity.IntegrationView;
import io.mailoo.market.entity.ProjectAccess;
import io.mailoo.support.http.ProblemException;
import io.mailoo.support.projection.ProjectionGrace;
import io.smallrye.mutiny.Uni;

/**
 * Decides who may use the dashboard routes of a MARKET integration, from the projections of integration-service's
 * events: not a member of the project (or no such project or integration) → 404, so nothing leaks; a member on an
 * owner-only route → 403; an integration of another type → 422. Where the 404 would be for an id created moments
 * ago (ProjectionGrace) it is a 503 *_NOT_YET_VISIBLE with Retry-After instead. Call inside a session.
 */
@ApplicationScoped
public class MarketIntegrationAccess {

    public static final String PROJECT_NOT_YET_VISIBLE = "PROJECT_NOT_YET_VISIBLE";
    public static final String INTEGRATION_NOT_YET_VISIBLE = "INTEGRATION_NOT_YET_VISIBLE";

    private final ProjectionGrace grace;

    public MarketIntegrationAccess(ProjectionGrace grace) {
        this.grace = grace;
    }

    public Uni<IntegrationView> forMember(String projectUid, String integrationId, String userId) {
        return require(projectUid, integrationId, userId, false);
    }

    public Uni<IntegrationView> forOwner(String projectUid, String integrationId, String userId) {
        return require(projectUid, integrationId, userId, true);
    }

    private Uni<IntegrationView> require(String projectUid, String integrationId, String userId, boolean owner) {
        return ProjectAccess.<ProjectAccess>findById(projectUid).chain(project -> {
            if (project == null || !project.isMember(userId)) {
                throw grace.absent(projectUid, PROJECT_NOT_YET_VISIBLE, "project",
                        () -> ProblemException.notFound("PROJECT_NOT_FOUND", "No such project, or you are not a member."));
            }
            return IntegrationView.<IntegrationView>findById(integrationId).map(integration -> {
                if (integration == null || !integration.projectUid.equals(projectUid)) {
                    throw grace.absent(integrationId, INTEGRATION_NOT_YET_VISIBLE, "integration",
                            () -> ProblemException.notFound("INTEGRATION_NOT_FOUND",
                                    "No such integration in this project."));
                }
                if (owner && !project.isOwner(userId)) {
                    throw new ProblemException(403, "OWNER_REQUIRED", "Only the project's owner may do this.");
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

    /**
     * The integrator routes' decision (after the API key check) on an integration market's order path looked up
     * (cached): a MARKET integration, or 404 / the 503 as above.
     */
    public IntegrationView requireMarket(String integrationId, IntegrationView integration) {
        if (integration == null) {
            throw grace.absent(integrationId, INTEGRATION_NOT_YET_VISIBLE, "integration",
                    MarketIntegrationAccess::noMarket);
        }
        if (!integration.isMarket()) {
            throw noMarket();
        }
        return integration;
    }

    private static ProblemException noMarket() {
        return ProblemException.notFound("INTEGRATION_NOT_FOUND", "No such MARKET integration.");
    }
}
