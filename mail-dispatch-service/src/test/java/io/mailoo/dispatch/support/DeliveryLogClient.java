package io.mailoo.dispatch.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.ProjectChanged;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.ids.TimeOrderedIds;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.TestKeys;
import io.restassured.specification.RequestSpecification;

/**
 * A project as the delivery log sees it: its owner and one member (tokens), published on mailoo.projects.v1, and
 * the log's routes for one of its profiles.
 */
public final class DeliveryLogClient {

    /**
     * Minted ten minutes ago, past PROJECTION_GRACE: a stranger's request is then 404 at once rather than the 503
     * every id of the last 30 s gets, member or not (ProjectionGrace tells nobody whether it exists).
     */
    public final String projectUid = TimeOrderedIds.at(System.currentTimeMillis() - 600_000).toString();
    public final String owner;
    public final String member;
    private final KafkaTestClient kafka;

    public DeliveryLogClient(KafkaTestClient kafka, String name) {
        this.kafka = kafka;
        this.owner = name + "-owner";
        this.member = name + "-member";
        kafka.send(Topics.PROJECTS, projectUid, new ProjectChanged(projectUid, name, owner, List.of(member), 1));
    }

    public static String token(String userId) {
        return TestKeys.token(userId, userId + "@mailoo.test", Set.of("user"));
    }

    public RequestSpecification as(String userId) {
        return given().auth().oauth2(token(userId));
    }

    /** The path of the delivery log of {@code profileRef} ("integration:x" → …/integrations/x/delivery) in this project. */
    public String log(String profileRef) {
        return log(projectUid, profileRef);
    }

    public static String log(String projectUid, String profileRef) {
        int colon = profileRef.indexOf(':');
        String kind = profileRef.startsWith("integration:") ? "integrations" : "offer-generators";
        return "/api/v1/projects/" + projectUid + "/" + kind + "/" + profileRef.substring(colon + 1) + "/delivery";
    }

    /** Waits until dispatch has projected the project (its owner reads the log). */
    public DeliveryLogClient visible(String profileRef) {
        await().atMost(Duration.ofSeconds(30)).until(() -> as(owner).get(log(profileRef) + "/messages")
                .statusCode() == 200);
        return this;
    }

    /**
     * SMTP settings for {@code server} in this project, with a login (the server is told to accept it), so the
     * suite's leak check has a password to look for.
     */
    public MailProfileChanged owns(ScriptedSmtpServer server, String ref, long version, String from) {
        server.script("AUTH", "235 2.7.0 Authentication successful");
        return owns(Profiles.profile(ref, version, server.port(), SmtpSecurity.NONE, "shop",
                "pw-" + java.util.UUID.randomUUID(), from, "Shop", null));
    }

    /** The profile, as its settings event says, in this project. */
    public MailProfileChanged owns(MailProfileChanged p) {
        MailProfileChanged mine = new MailProfileChanged(p.profileRef(), projectUid, p.version(), p.smtp(), p.from(),
                p.replyTo(), p.limits());
        kafka.send(Topics.MAIL_PROFILES, mine.profileRef(), mine);
        return mine;
    }

    /** Publishes the request as one of this project's mails. */
    public SendMailRequested send(SendMailRequested r) {
        SendMailRequested mine = new SendMailRequested(r.messageId(), r.profileRef(), r.minProfileVersion(),
                r.purpose(), projectUid, r.source(), r.to(), r.cc(), r.bcc(), r.replyTo(), r.subject(), r.text(),
                r.html(), r.headers(), r.inlineProfile(), r.requestedAt(), r.expiresAt());
        kafka.send(Topics.MAIL_REQUESTS, mine.profileRef(), mine);
        return mine;
    }

    /** One entry of the log as a map (for assertions on its JSON). */
    public Map<String, Object> entry(String profileRef, SendMailRequested mail) {
        return as(member).get(log(profileRef) + "/messages/" + mail.messageId()).then().statusCode(200).extract()
                .jsonPath().getMap("");
    }
}
