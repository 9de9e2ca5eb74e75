package io.mailoo.offer;

import static io.mailoo.offer.support.OfferApi.as;
import static io.mailoo.offer.support.OfferApi.generators;
import static io.mailoo.offer.support.OfferApi.integration;
import static io.mailoo.offer.support.OfferApi.keep;
import static io.mailoo.offer.support.OfferApi.project;
import static io.mailoo.offer.support.OfferApi.wizardGenerator;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.IntegrationChanged;
import io.mailoo.contracts.events.ProjectChanged;
import io.mailoo.contracts.ids.TimeOrderedIds;
import io.mailoo.offer.support.OfferApi;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.MailooTestStack;
import io.mailoo.testsupport.PartitionedRecords;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The projections of integration-service's topics through the real broker and PostgreSQL: versioned removals in
 * any delivery order (a probe on the same partition shows when every earlier record was handled), and the 503
 * *_NOT_YET_VISIBLE answers for ids created moments ago.
 */
@QuarkusTest
@QuarkusTestResource(value = MailooTestStack.class, restrictToAnnotatedClass = true)
class OfferProjectionsTest {

    enum Projection {
        INTEGRATIONS(Topics.INTEGRATIONS, "select version from integration_ref where integration_id = $1"),
        PROJECTS(Topics.PROJECTS, "select version from project_access where project_uid = $1");

        final String topic;
        final String row;

        Projection(String topic, String row) {
            this.topic = topic;
            this.row = row;
        }

        Object save(String key, long version) {
            return this == INTEGRATIONS
                    ? new IntegrationChanged(key, "p-1", "owner-1", List.of(), "MARKET", "Shop", "pk-" + key, true,
                            version)
                    : new ProjectChanged(key, "Project", "owner-1", List.of(), version);
        }
    }

    static KafkaTestClient kafka;
    static final Map<Projection, PartitionedRecords> TOPICS = new EnumMap<>(Projection.class);

    @Inject
    Pool pool;

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient(Topics.PROJECTS, Topics.INTEGRATIONS);
        for (Projection p : Projection.values()) {
            TOPICS.put(p, new PartitionedRecords(p.topic));
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        TOPICS.values().forEach(PartitionedRecords::close);
        kafka.close();
    }

    // --- versioned removals ------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Projection.class)
    void aLateOlderRemovalLeavesTheSave(Projection p) {
        String key = UUID.randomUUID().toString();
        TOPICS.get(p).save(key, p.save(key, 3));
        TOPICS.get(p).remove(key, 2L);
        handled(p, key);
        assertEquals("v3", state(p, key));
    }

    @ParameterizedTest
    @EnumSource(Projection.class)
    void aLateOlderSaveAfterARemovalStaysRemoved(Projection p) {
        String key = UUID.randomUUID().toString();
        TOPICS.get(p).save(key, p.save(key, 2));
        TOPICS.get(p).remove(key, 4L);
        TOPICS.get(p).save(key, p.save(key, 3));
        handled(p, key);
        assertEquals("removed", state(p, key));
    }

    @ParameterizedTest
    @EnumSource(Projection.class)
    void aNewerSaveAfterARemovalWins(Projection p) {
        String key = UUID.randomUUID().toString();
        TOPICS.get(p).save(key, p.save(key, 3));
        TOPICS.get(p).remove(key, 4L);
        TOPICS.get(p).save(key, p.save(key, 5));
        handled(p, key);
        assertEquals("v5", state(p, key));
    }

    @ParameterizedTest
    @EnumSource(Projection.class)
    void aTombstoneWithoutTheHeaderRemovesAsBefore(Projection p) {
        String key = UUID.randomUUID().toString();
        TOPICS.get(p).save(key, p.save(key, 3));
        TOPICS.get(p).remove(key, null);
        handled(p, key);
        assertEquals("removed", state(p, key));
    }

    @ParameterizedTest
    @EnumSource(Projection.class)
    void aRecordWhoseKeyDisagreesWithItsValueIsSkipped(Projection p) {
        String key = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        TOPICS.get(p).save(key, p.save(other, 1));
        handled(p, key);
        assertEquals("removed", state(p, key));
        assertEquals("removed", state(p, other));
    }

    private void handled(Projection p, String key) {
        String probe = UUID.randomUUID().toString();
        TOPICS.get(p).saveOn(TOPICS.get(p).partitionOf(key), probe, p.save(probe, 1));
        await().atMost(OfferApi.WAIT).until(() -> "v1".equals(state(p, probe)));
    }

    private String state(Projection p, String key) {
        List<Row> rows = new java.util.ArrayList<>();
        pool.preparedQuery(p.row).execute(Tuple.of(key)).await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
        return rows.isEmpty() ? "removed" : "v" + rows.get(0).getLong(0);
    }

    // --- not yet visible -----------------------------------------------------------------------------------------

    private static String fresh() {
        return TimeOrderedIds.next().toString();
    }

    private static String anHourOld() {
        return TimeOrderedIds.at(System.currentTimeMillis() - Duration.ofHours(1).toMillis()).toString();
    }

    private static void notYetVisible(ValidatableResponse response, String code) {
        response.statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                .body("code", equalTo(code));
    }

    @Test
    void aFreshProjectIdIs503WithRetryAfterOlderAndRandomIdsStay404ThenTheProjectArrives() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = fresh();
        notYetVisible(keep(as(owner).get(generators(projectUid))).then(), "PROJECT_NOT_YET_VISIBLE");
        notYetVisible(keep(as(owner).body(wizardGenerator(null)).post(generators(projectUid))).then(),
                "PROJECT_NOT_YET_VISIBLE");
        keep(as(owner).get(generators(anHourOld()))).then().statusCode(404).body("code", equalTo("PROJECT_NOT_FOUND"));
        keep(as(owner).get(generators(UUID.randomUUID().toString()))).then().statusCode(404)
                .body("code", equalTo("PROJECT_NOT_FOUND"));

        kafka.send(Topics.PROJECTS, projectUid, new ProjectChanged(projectUid, "Fresh", owner, List.of(), 1));
        await().atMost(OfferApi.WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> as(owner).get(generators(projectUid)).statusCode() != 503);
        keep(as(owner).get(generators(projectUid))).then().statusCode(200).body("size()", equalTo(0));
        // it exists now, but a stranger still cannot tell it from one that has not arrived
        notYetVisible(keep(as("stranger-" + UUID.randomUUID()).get(generators(projectUid))).then(),
                "PROJECT_NOT_YET_VISIBLE");
    }

    @Test
    void aFreshMarketIntegrationIdIs503UntilItsEventArrivesThenTheGeneratorIsCreated() {
        String owner = "owner-" + UUID.randomUUID();
        String projectUid = project(kafka, owner);
        String integrationId = fresh();
        notYetVisible(keep(as(owner).body(wizardGenerator(integrationId)).post(generators(projectUid))).then(),
                "INTEGRATION_NOT_YET_VISIBLE");
        for (String unknown : List.of(anHourOld(), UUID.randomUUID().toString())) {
            keep(as(owner).body(wizardGenerator(unknown)).post(generators(projectUid))).then().statusCode(422)
                    .body("code", equalTo("MARKET_INTEGRATION_NOT_FOUND"));
        }

        integration(kafka, projectUid, owner, "MARKET", 1, integrationId);
        ValidatableResponse created = await().atMost(OfferApi.WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> keep(as(owner).body(wizardGenerator(integrationId)).post(generators(projectUid))),
                        r -> r.statusCode() != 503)
                .then();
        created.statusCode(201).body("marketIntegrationId", equalTo(integrationId));
    }
}
