package io.mailoo.dispatch.service;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.dispatch.domain.DispatchOutcome;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * The platform profile: quarkus-mailer configured from GLOBAL_SMTP_* (trusting DISPATCH_SMTP_TRUSTED_CERTIFICATES as
 * the profiles' own client does). Only PLATFORM_NOTIFICATION reaches it (the validator refuses every other purpose
 * on {@code platform}), and it is never used for another profile. Its failures are typed by {@link MailerFailures}
 * and classified as every other profile's.
 */
@ApplicationScoped
public class PlatformMailSender {

    private final ReactiveMailer mailer;
    private final SmtpFailureClassifier classifier;
    private final boolean configured;
    private final String fromAddress;

    public PlatformMailSender(ReactiveMailer mailer, SmtpFailureClassifier classifier,
            @ConfigProperty(name = "mailoo.platform.host") Optional<String> host,
            @ConfigProperty(name = "quarkus.mailer.from") String from) {
        this.mailer = mailer;
        this.fromAddress = new io.vertx.ext.mail.mailencoder.EmailAddress(from).getEmail();
        this.classifier = classifier;
        this.configured = host.filter(h -> !h.isBlank()).isPresent();
    }

    public Uni<DispatchOutcome> send(SendMailRequested request) {
        if (!configured) {
            return Uni.createFrom().item(DispatchOutcome.notConfigured());
        }
        Mail mail = new Mail().setTo(request.to()).setCc(request.cc()).setBcc(request.bcc())
                .setSubject(request.subject()).setText(request.text()).setHtml(request.html());
        if (request.replyTo() != null) {
            mail.setReplyTo(request.replyTo());
        }
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            mail.addHeader(header.getKey(), header.getValue());
        }
        mail.addHeader(MailComposer.MESSAGE_ID_HEADER, request.messageId().toString());
        mail.addHeader("Message-ID", MailComposer.messageIdHeader(request.messageId(), fromAddress));
        return mailer.send(mail)
                .map(ignored -> DispatchOutcome.sent(new SmtpReply(250, null, "accepted")))
                .onFailure().recoverWithItem(failure -> classifier.classify(MailerFailures.typed(failure)));
    }
}
