package io.mailoo.integration.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.integration.entity.Campaign;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * At startup, switches off every active campaign whose templates the sandbox refuses (saved when Qute rendered
 * them), with the reason on the campaign, so the owner sees why instead of welcome mails failing one by one.
 * Idempotent: a campaign already switched off is not touched again; replicas running it at once agree.
 */
@ApplicationScoped
public class CampaignTemplateCheck {

    private static final Logger LOG = Logger.getLogger(CampaignTemplateCheck.class);

    void onStart(@Observes StartupEvent event) throws Throwable {
        int switchedOff = VertxContextSupport.subscribeAndAwait(this::deactivateInvalid);
        if (switchedOff > 0) {
            LOG.warnf("Deactivated %d campaign(s) whose templates use more than {name}, {email} and {fields.<id>}",
                    switchedOff);
        }
    }

    /** @return how many campaigns it switched off */
    public Uni<Integer> deactivateInvalid() {
        return Panache.withTransaction(() -> Campaign.<Campaign>list("active = true").map(this::deactivate));
    }

    private int deactivate(List<Campaign> active) {
        int count = 0;
        for (Campaign campaign : active) {
            FieldError problem = WelcomeTemplates.firstProblem(campaign.subject, campaign.bodyTemplate);
            if (problem != null) {
                campaign.active = false;
                campaign.deactivatedReasonCode = problem.code();
                campaign.deactivatedReason = "The " + problem.field() + " template is no longer accepted: "
                        + problem.message();
                LOG.infof("Campaign %s of integration %s deactivated: %s", campaign.id, campaign.integrationId,
                        problem.code());
                count++;
            }
        }
        return count;
    }
}
