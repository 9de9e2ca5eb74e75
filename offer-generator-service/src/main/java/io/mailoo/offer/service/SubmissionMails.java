package io.mailoo.offer.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.ids.TimeOrderedIds;
import io.mailoo.offer.config.OfferConfig;
import io.mailoo.offer.domain.Answer;
import io.mailoo.offer.domain.Offer;
import io.mailoo.offer.entity.OfferGenerator;
import io.mailoo.offer.entity.OfferMailSettings;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * Renders the two mails of a submission with the generator's branding and addresses them to the generator's own
 * profile ({@code offer-generator:{id}}) — never to the linked Market integration's or any other.
 */
@ApplicationScoped
public class SubmissionMails {

    public static final String SOURCE_SERVICE = "offer-generator-service";
    public static final String ENTITY_TYPE = "offer-submission";
    static final String DEFAULT_COLOR = "#1f2937";

    @Location("offer/delivery.txt")
    Template deliveryText;

    @Location("offer/delivery.html")
    Template deliveryHtml;

    @Location("offer/internal.txt")
    Template internalText;

    @Location("offer/internal.html")
    Template internalHtml;

    @Inject
    OfferConfig config;

    public record Submitted(UUID submissionId, String customerEmail, String customerName, List<Answer> answers,
            Offer offer) {
    }

    public SendMailRequested delivery(OfferGenerator generator, OfferMailSettings settings, Submitted s) {
        OfferMailModel model = model(generator, settings, s);
        return request(generator, MailPurpose.OFFER_DELIVERY, s, List.of(s.customerEmail()), null,
                "Your offer from " + model.companyName(),
                deliveryText.data("m", model).render(), deliveryHtml.data("m", model).render());
    }

    public SendMailRequested internal(OfferGenerator generator, OfferMailSettings settings, Submitted s) {
        OfferMailModel model = model(generator, settings, s);
        // Replies from the team go to the customer, not to the generator's own address.
        return request(generator, MailPurpose.OFFER_INTERNAL_NOTIFICATION, s,
                List.of(settings.internalNotificationAddress), s.customerEmail(),
                "New offer request: " + generator.name + " (" + model.total() + ")",
                internalText.data("m", model).render(), internalHtml.data("m", model).render());
    }

    private SendMailRequested request(OfferGenerator generator, MailPurpose purpose, Submitted s, List<String> to,
            String replyTo, String subject, String text, String html) {
        Instant now = Instant.now();
        return new SendMailRequested(TimeOrderedIds.next(), generator.profileRef(), generator.mailProfileVersion, purpose,
                generator.projectUid, new MailSource(SOURCE_SERVICE, ENTITY_TYPE, s.submissionId().toString()), to,
                List.of(), List.of(), replyTo, subject, text, html, Map.of(), null, now,
                now.plus(config.mailExpiry()));
    }

    private static OfferMailModel model(OfferGenerator generator, OfferMailSettings settings, Submitted s) {
        String currency = s.offer().currency();
        List<OfferMailModel.Line> lines = s.offer().lines().stream()
                .map(l -> new OfferMailModel.Line(l.label(), l.quantity(), Money.format(l.unitPriceMinor(), currency),
                        Money.format(l.amountMinor(), currency)))
                .toList();
        List<OfferMailModel.AnswerLine> answers = s.answers().stream()
                .map(a -> new OfferMailModel.AnswerLine(a.fieldLabel(), a.displayValue())).toList();
        return new OfferMailModel(settings.companyName != null ? settings.companyName : generator.name,
                settings.logoUrl, settings.primaryColor != null ? settings.primaryColor : DEFAULT_COLOR,
                settings.footerText, generator.name, s.customerName(), s.customerEmail(), lines,
                Money.format(s.offer().total(), currency), answers);
    }
}
