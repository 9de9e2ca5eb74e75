package io.mailoo.dispatch.service;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The partitions of mailoo.mail-requests.v1 this process's consumer is assigned. A profile's requests are keyed by
 * its profileRef, so they all sit in one partition: sending only the mail of owned partitions (new and retried)
 * keeps all of a profile's sends in one process, where its lane enforces maxConnections and messagesPerMinute.
 * Rows stored before partitions were recorded (partition unknown, -1) belong to everyone.
 */
@ApplicationScoped
public class OwnedPartitions {

    private volatile Set<Integer> owned = Set.of();

    public boolean owns(int partition) {
        return partition < 0 || owned.contains(partition);
    }

    /** The owned partitions, for the poller's query. */
    public Integer[] asArray() {
        return owned.toArray(Integer[]::new);
    }

    public Set<Integer> current() {
        return new TreeSet<>(owned);
    }

    public synchronized void add(Collection<Integer> partitions) {
        Set<Integer> next = new HashSet<>(owned);
        next.addAll(partitions);
        owned = Set.copyOf(next);
    }

    public synchronized void remove(Collection<Integer> partitions) {
        Set<Integer> next = new HashSet<>(owned);
        next.removeAll(partitions);
        owned = Set.copyOf(next);
    }
}
