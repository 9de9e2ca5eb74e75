package io.mailoo.market.support;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.mailoo.contracts.Topics;
import io.mailoo.testsupport.KafkaTestClient;
import io.mailoo.testsupport.ServiceLog;
import io.vertx.mutiny.sqlclient.Pool;

/** What every integration test class needs: a Kafka client recording mail requests and results, and fixtures. */
public abstract class MarketTestBase {

    protected static KafkaTestClient kafka;
    /** The service's log (%test.quarkus.log.file.path). */
    protected static final ServiceLog SERVICE_LOG = new ServiceLog(java.nio.file.Path.of("target", "market-test.log"));

    @Inject
    protected Pool pool;

    protected MarketFixtures fixtures;

    @BeforeAll
    static void startKafkaClient() {
        kafka = new KafkaTestClient(Topics.MAIL_REQUESTS, Topics.MAIL_RESULTS);
    }

    @AfterAll
    static void closeKafkaClient() throws Exception {
        kafka.close();
    }

    @BeforeEach
    void createFixtures() {
        fixtures = new MarketFixtures(kafka, pool);
    }
}
