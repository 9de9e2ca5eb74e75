package io.mailoo.support.projection;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A versioned removal a projection applied: its row is gone, this remembers the version so a late, older save of
 * the same key is not brought back. Forgotten when a newer save arrives. Table: db/shared/README.md.
 */
@Entity
@Table(name = "projection_removal")
@IdClass(RemovalMarker.Key.class)
public class RemovalMarker extends PanacheEntityBase {

    @Id
    public String topic;

    @Id
    @Column(name = "message_key")
    public String messageKey;

    @Column(nullable = false)
    public long version;

    @Column(name = "removed_at", nullable = false)
    public Instant removedAt;

    static Key key(String topic, String messageKey) {
        Key key = new Key();
        key.topic = topic;
        key.messageKey = messageKey;
        return key;
    }

    /** Composite key (topic, message key). */
    public static class Key implements Serializable {
        public String topic;
        public String messageKey;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(topic, k.topic) && Objects.equals(messageKey, k.messageKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(topic, messageKey);
        }
    }
}
