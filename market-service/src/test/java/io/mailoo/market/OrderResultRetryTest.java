package io.mailoo.market;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.market.service.OrderConfirmationMail;
import io.mailoo.market.support.MarketTestBase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A mail result that cannot be written (the database away for longer than a few seconds) is retried with the budget
 * every consumer has (DatabaseRetry, about a minute), not passed over after 6 s: the order still reads SENT once the
 * database answers. Before, five retries over ≈ 6 s and the result was dropped, leaving an order QUEUED whose mail
 * had left. The database being away is played by renaming market_order (real PostgreSQL, real Kafka).
 */
@QuarkusTest
class OrderResultRetryTest extends MarketTestBase {

    /** The sixth failed attempt: the old budget's last (1 + 5 retries); the order is written at a later one. */
    private static final String SIXTH_FAILURE = "order confirmation results failed (attempt 6 of 9)";

    @Test
    void aResultIsKeptUntilTheDatabaseTakesIt() {
        UUID orderId = UUID.randomUUID();
        UUID messageId = UUID.randomUUID();
        fixtures.query("INSERT INTO market_order (id, integration_id, project_uid, api_key_id, request_hash, "
                + "buyer_email, currency, total_minor, lines, mail_message_id, mail_status, created_at, updated_at) "
                + "VALUES ($1, $2, 'retry-project', $3, 'hash', 'buyer@retry.test', 'EUR', 100, '[]', $4, 'QUEUED', "
                + "now(), now())", orderId, "retry-" + orderId, UUID.randomUUID(), messageId);
        long sixthFailuresBefore = SERVICE_LOG.count(SIXTH_FAILURE);

        fixtures.query("ALTER TABLE market_order RENAME TO market_order_away");
        try {
            kafka.send(Topics.MAIL_RESULTS, "profile-retry", new MailDispatchResult(messageId, "profile-retry",
                    MailPurpose.ORDER_CONFIRMATION, new MailSource(OrderConfirmationMail.SOURCE_SERVICE,
                            OrderConfirmationMail.ENTITY_TYPE, orderId.toString()),
                    MailStatus.SENT, 1, null, null, null, Instant.now()),
                    Map.of(Topics.RESULT_SOURCE_SERVICE_HEADER, OrderConfirmationMail.SOURCE_SERVICE));
            await("the sixth failed attempt").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> SERVICE_LOG.count(SIXTH_FAILURE) > sixthFailuresBefore);
        } finally {
            fixtures.query("ALTER TABLE market_order_away RENAME TO market_order");
        }

        await("the result written").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> "SENT".equals(fixtures.query("SELECT mail_status FROM market_order WHERE id = $1",
                        orderId).get(0).getString(0)));
    }
}
