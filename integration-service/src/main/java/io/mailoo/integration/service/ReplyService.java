package io.mailoo.integration.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailState;
import io.mailoo.integration.entity.InboundMessage;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.OutboundMail;
import io.mailoo.integration.entity.Reply;
import io.mailoo.integration.messaging.DomainEvents;
import io.mailoo.integration.service.ProjectAccess.Role;
import io.mailoo.support.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Inbound messages and *Create reply*, which goes out only through the integration's own outboundMail. */
@ApplicationScoped
public class ReplyService {

    static final int MAX_BODY = 100_000;

    @Inject
    ProjectAccess access;

    @Inject
    DomainEvents events;

    @WithSession
    public Uni<List<InboundMessage>> messages(String projectUid, String integrationId, String userId) {
        return access.integration(projectUid, integrationId, userId, Role.MEMBER)
                .chain(i -> InboundMessage.list("integrationId = ?1 order by receivedAt desc", i.id));
    }

    @WithSession
    public Uni<List<Reply>> replies(String projectUid, String integrationId, String messageId, String userId) {
        return access.integration(projectUid, integrationId, userId, Role.MEMBER)
                .chain(i -> message(i, messageId))
                .chain(m -> Reply.list("inboundMessageId = ?1 order by createdAt", m.id));
    }

    /** 409 OUTBOUND_MAIL_NOT_CONFIGURED without a profile; otherwise the reply and its request commit together. */
    @WithTransaction
    public Uni<Reply> create(String projectUid, String integrationId, String messageId, String userId,
            String subject, String text, String html) {
        InputRules rules = InputRules.check().name("subject", subject, 300)
                .optionalText("text", text, MAX_BODY).optionalText("html", html, MAX_BODY);
        if (isBlank(text) && isBlank(html)) {
            rules.add(new io.mailoo.contracts.smtp.FieldError("text", "BODY_REQUIRED", "Enter text or html."));
        }
        return access.integration(projectUid, integrationId, userId, Role.MEMBER)
                .chain(integration -> message(integration, messageId).chain(message -> {
                    rules.orFail();
                    return OutboundMail.<OutboundMail>findById(integration.id)
                            .chain(mail -> queue(integration, message, mail, userId, subject, text, html));
                }));
    }

    private Uni<Reply> queue(Integration integration, InboundMessage message, OutboundMail mail, String userId,
            String subject, String text, String html) {
        if (mail == null) {
            throw new ProblemException(409, "OUTBOUND_MAIL_NOT_CONFIGURED", "This integration has no outbound "
                    + "email (SMTP) configured; set it up under Connection & settings before replying.");
        }
        Reply reply = new Reply();
        reply.id = UUID.randomUUID();
        reply.inboundMessageId = message.id;
        reply.integrationId = integration.id;
        reply.authorUserId = userId;
        reply.recipient = message.email;
        reply.subject = subject;
        reply.text = isBlank(text) ? null : text;
        reply.html = isBlank(html) ? null : html;
        reply.status = MailState.QUEUED.name();
        reply.createdAt = Instant.now();
        reply.updatedAt = reply.createdAt;
        return reply.<Reply>persist().call(saved -> events.mailRequested(MailRequests.forIntegration(saved.id,
                integration, MailPurpose.INBOUND_REPLY, MailRequests.REPLY, saved.recipient, saved.subject,
                saved.text, saved.html)));
    }

    private static Uni<InboundMessage> message(Integration integration, String messageId) {
        UUID id = Ids.parse(messageId, "MESSAGE_NOT_FOUND", "message");
        return InboundMessage.<InboundMessage>find("id = ?1 and integrationId = ?2", id, integration.id)
                .firstResult().onItem().ifNull()
                .failWith(() -> ProblemException.notFound("MESSAGE_NOT_FOUND", "No such message."));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
