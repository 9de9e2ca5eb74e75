package io.mailoo.dispatch.messaging;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.mailoo.contracts.Topics;
import io.mailoo.dispatch.service.DispatchEngine;
import io.mailoo.dispatch.service.OwnedPartitions;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Keeps {@link OwnedPartitions} equal to the request consumer's assignment (channel attribute
 * consumer-rebalance-listener.name). A partition that leaves for good — revoked and not assigned back by the end of
 * the rebalance, or lost — is let go: its queued messages leave memory and their leases are given up, so the new
 * owner sends them under its own limits. Runs on the consumer's polling thread, so it only hands work over.
 */
@ApplicationScoped
@Identifier(RequestPartitionListener.NAME)
public class RequestPartitionListener implements KafkaConsumerRebalanceListener {

    public static final String NAME = "mail-requests-partitions";
    private static final Logger LOG = Logger.getLogger(RequestPartitionListener.class);

    private final OwnedPartitions owned;
    private final DispatchEngine engine;
    private final Set<Integer> revoked = new HashSet<>();

    public RequestPartitionListener(OwnedPartitions owned, DispatchEngine engine) {
        this.owned = owned;
        this.engine = engine;
    }

    @Override
    public synchronized void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        owned.add(requestPartitions(partitions));
        // the eager protocol revokes everything and assigns most of it back; only what did not come back is gone
        Set<Integer> gone = new HashSet<>(revoked);
        gone.removeAll(owned.current());
        revoked.clear();
        LOG.infof("Request partitions now owned: %s", owned.current());
        engine.letGo(gone);
    }

    @Override
    public synchronized void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<Integer> numbers = requestPartitions(partitions);
        owned.remove(numbers);
        revoked.addAll(numbers);
    }

    @Override
    public synchronized void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<Integer> numbers = requestPartitions(partitions);
        owned.remove(numbers);
        LOG.warnf("Request partitions lost: %s", numbers);
        engine.letGo(Set.copyOf(numbers));
    }

    private static List<Integer> requestPartitions(Collection<TopicPartition> partitions) {
        return partitions.stream().filter(tp -> Topics.MAIL_REQUESTS.equals(tp.topic()))
                .map(TopicPartition::partition).toList();
    }
}
