package io.mailoo.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.mailoo.testsupport.ServiceProcess;
import io.mailoo.testsupport.TestDatabases;

/**
 * What the services stored and logged about orders whose confirmation did not reach SENT, in one line: a failure of
 * the system run must say where the result stopped (dispatch never recorded it, recorded but never published, or
 * published and not applied by market), since CI keeps only the test's message.
 */
final class StuckOrders {

    private static final int SHOWN = 5;
    private static final Pattern NOTEWORTHY = Pattern.compile(
            "Passing over|Gave up|again|Could not|failed|ERROR|TooManyMessagesWithoutAck|Rebalanc|revoked",
            Pattern.CASE_INSENSITIVE);

    /** The broker outage fills the logs with these; they say nothing about one result. */
    private static final Pattern KAFKA_CONNECTION = Pattern.compile("NetworkClient|producer.internals.Sender");

    private StuckOrders() {
    }

    static String describe(SystemStack stack, Collection<String> orderIds) {
        List<String> shown = orderIds.stream().limit(SHOWN).toList();
        StringBuilder text = new StringBuilder().append(orderIds.size()).append(" orders not SENT");
        for (String orderId : shown) {
            text.append("; order ").append(orderId).append(": market ");
            var orders = TestDatabases.query(stack.marketDatabase,
                    "SELECT mail_message_id, mail_status, updated_at FROM market_order WHERE id = ?",
                    UUID.fromString(orderId));
            text.append(orders);
            if (!orders.isEmpty() && orders.get(0).get("mail_message_id") != null) {
                text.append(", dispatch ").append(TestDatabases.query(stack.dispatchDatabase,
                        "SELECT status, attempt, d.kafka_partition, lease_owner, updated_at, "
                                + "u.since AS result_unpublished_since FROM dispatch_message d "
                                + "LEFT JOIN dispatch_result_unpublished u USING (message_id) WHERE message_id = ?",
                        UUID.fromString(orders.get(0).get("mail_message_id"))));
            }
        }
        List<ServiceProcess> services = new ArrayList<>(stack.market);
        services.addAll(stack.dispatch);
        for (ServiceProcess service : services) {
            text.append("; ").append(service.log().getFileName()).append(": ").append(noteworthyLines(service));
        }
        return text.toString();
    }

    /** The last few log lines that tell of a dropped, retried or re-published result or a consumer's rebalance. */
    private static List<String> noteworthyLines(ServiceProcess service) {
        try (Stream<String> lines = Files.lines(service.log())) {
            List<String> found = lines.filter(line -> NOTEWORTHY.matcher(line).find() && !KAFKA_CONNECTION.matcher(line).find())
                    .map(line -> line.length() > 240 ? line.substring(0, 240) : line).toList();
            return found.subList(Math.max(0, found.size() - SHOWN), found.size());
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("(log unreadable: " + e + ")");
        }
    }
}
