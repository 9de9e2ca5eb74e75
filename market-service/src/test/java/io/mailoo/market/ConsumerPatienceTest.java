package io.mailoo.market;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The consumers' patience comes from service-support's microprofile-config.properties: a record may wait 15 minutes
 * for its database work (an outage waited out by DatabaseRetry) before SmallRye's throttled commit strategy closes
 * the channel. With SmallRye's default, 60 s, a PostgreSQL restart stopped the service's consumers for good.
 */
@QuarkusTest
class ConsumerPatienceTest {

    @Test
    void aRecordMayWaitFifteenMinutesForTheDatabase() {
        assertEquals(900_000, ConfigProvider.getConfig().getValue(
                "mp.messaging.connector.smallrye-kafka.throttled.unprocessed-record-max-age.ms", Integer.class));
    }
}
