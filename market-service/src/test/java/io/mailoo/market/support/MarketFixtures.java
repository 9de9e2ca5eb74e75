package io.mailoo.market.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.crypto.SealedSecret;
import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.IntegrationChanged;
import io.mailoo.contracts.events.MailProfileChanged;
import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.ProjectChanged;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.TenantSmtp;
import io.mailoo.testsupport.TestKeys;
import io.mailoo.testsupport.TestSecrets;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Plays integration-service's part (project, integration and mail-profile events on the real broker) and the
 * owner's (catalog, API keys through the HTTP API), waiting each time until market-service has projected the event.
 */
public final class MarketFixtures {

    public static final Duration WAIT = Duration.ofSeconds(30);
    public static final SmtpSecretCipher CIPHER = SmtpSecretCipher.fromBase64Keys(TestKeys.ENCRYPTION_KEY, null);

    private final KafkaTestClient kafka;
    private final Pool pool;

    public MarketFixtures(KafkaTestClient kafka, Pool pool) {
        this.kafka = kafka;
        this.pool = pool;
    }

    /** A new project (owner + one member) with an active MARKET integration, projected by market-service. */
    public Shop shop(String name) {
        return shopOfType(name, "MARKET");
    }

    public Shop shopOfType(String name, String type) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Shop shop = new Shop("project-" + suffix, UUID.randomUUID().toString(), "owner-" + suffix,
                "member-" + suffix, name);
        kafka.send(Topics.PROJECTS, shop.projectUid(), new ProjectChanged(shop.projectUid(), "Project " + suffix,
                shop.ownerId(), List.of(shop.memberId()), 1));
        kafka.send(Topics.INTEGRATIONS, shop.integrationId(), new IntegrationChanged(shop.integrationId(),
                shop.projectUid(), shop.ownerId(), List.of(shop.memberId()), type, name, "pk-" + suffix, true, 1));
        await().atMost(WAIT).until(() -> count("select count(*) from integration_view where integration_id = $1",
                shop.integrationId()) == 1 && count("select count(*) from project_access where project_uid = $1",
                        shop.projectUid()) == 1);
        return shop;
    }

    /** The integration's outboundMail pointing at a GreenMail server, password sealed for this profileRef. */
    /** The shop's profile on a tenant SMTP server of test-support, with that server's login and password. */
    public void profile(Shop shop, TenantSmtp smtp, String from, long version) {
        profile(shop, smtp.server, smtp.username, smtp.password, from, version);
    }

    public void profile(Shop shop, GreenMail server, String login, String password, String from, long version) {
        TestSecrets.remember(password);
        SealedSecret sealed = CIPHER.seal(password, SecretBinding.smtpPassword(shop.profileRef(), "127.0.0.1",
                server.getSmtp().getPort(), SmtpSecurity.NONE, login));
        TestSecrets.remember(sealed.ciphertext());
        kafka.send(Topics.MAIL_PROFILES, shop.profileRef(), new MailProfileChanged(shop.profileRef(),
                shop.projectUid(), version, new SmtpServer("127.0.0.1", server.getSmtp().getPort(), SmtpSecurity.NONE,
                        login, sealed), new Sender(from, shop.name()), null, new ProfileLimits(4, 600)));
        awaitProfile(shop, true);
    }

    public void removeProfile(Shop shop) {
        kafka.send(Topics.MAIL_PROFILES, shop.profileRef(), (byte[]) null);
        awaitProfile(shop, false);
    }

    private void awaitProfile(Shop shop, boolean configured) {
        await().atMost(WAIT).until(() -> {
            List<Row> rows = query("select configured from mail_profile_state where profile_ref = $1",
                    shop.profileRef());
            return !rows.isEmpty() && rows.get(0).getBoolean(0) == configured;
        });
    }

    public void product(Shop shop, String sku, String name, long priceMinor, String currency) {
        given().auth().oauth2(shop.ownerToken()).contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", name, "priceMinor", priceMinor, "currency", currency))
                .post(shop.ownerPath("products")).then().statusCode(201);
    }

    /** A new API key of the shop; the plaintext is only in this answer. */
    public String apiKey(Shop shop) {
        String key = given().auth().oauth2(shop.ownerToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "web shop")).post(shop.ownerPath("api-keys")).then().statusCode(201).extract()
                .path("key");
        return TestSecrets.remember(key); // a key must never show up in logs or events either
    }

    public long ordersOf(Shop shop) {
        return count("select count(*) from market_order where integration_id = $1", shop.integrationId());
    }

    public long count(String sql, Object param) {
        return query(sql, param).get(0).getLong(0);
    }

    public List<Row> query(String sql, Object... params) {
        List<Row> rows = new java.util.ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10))
                .forEach(rows::add);
        return rows;
    }
}
