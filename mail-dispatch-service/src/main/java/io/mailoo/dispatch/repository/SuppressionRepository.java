package io.mailoo.dispatch.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.events.SmtpReply;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** recipient_suppression: each profile's recipients that refused a mail permanently, until their entry expires. */
@ApplicationScoped
public class SuppressionRepository {

    /** One entry as the owner's list shows it. */
    public record Suppression(String address, UUID messageId, SmtpReply smtp, Instant suppressedAt,
            Instant expiresAt) {
    }

    private final Pool pool;

    public SuppressionRepository(Pool pool) {
        this.pool = pool;
    }

    /** Adds (or renews) an entry; a later refusal moves its expiry on. */
    public Uni<Void> suppress(String profileRef, String address, UUID messageId, SmtpReply reply, Instant at,
            Instant expiresAt) {
        return pool.preparedQuery("INSERT INTO recipient_suppression (profile_ref, address, message_id, smtp_code, "
                + "smtp_enhanced_code, smtp_message, suppressed_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                + "ON CONFLICT (profile_ref, address) DO UPDATE SET message_id = $3, smtp_code = $4, "
                + "smtp_enhanced_code = $5, smtp_message = $6, suppressed_at = $7, expires_at = $8")
                .execute(Tuple.tuple().addString(profileRef).addString(address).addUUID(messageId)
                        .addInteger(reply == null ? null : reply.code())
                        .addString(reply == null ? null : reply.enhancedCode())
                        .addString(reply == null ? null : reply.message())
                        .addOffsetDateTime(DispatchMessageRepository.odt(at))
                        .addOffsetDateTime(DispatchMessageRepository.odt(expiresAt)))
                .replaceWithVoid();
    }

    /** The addresses that count now (not expired). */
    public Uni<Set<String>> activeAddresses(String profileRef) {
        return pool.preparedQuery("SELECT address FROM recipient_suppression WHERE profile_ref = $1 "
                + "AND expires_at > now()").execute(Tuple.of(profileRef)).map(rows -> {
                    Set<String> addresses = new HashSet<>();
                    rows.forEach(row -> addresses.add(row.getString(0)));
                    return addresses;
                });
    }

    /** The entries that count now, newest first. */
    public Uni<List<Suppression>> active(String profileRef, int limit) {
        return pool.preparedQuery("SELECT address, message_id, smtp_code, smtp_enhanced_code, smtp_message, "
                + "suppressed_at, expires_at FROM recipient_suppression WHERE profile_ref = $1 AND expires_at > now() "
                + "ORDER BY suppressed_at DESC, address LIMIT $2").execute(Tuple.of(profileRef, limit)).map(rows -> {
                    List<Suppression> out = new ArrayList<>();
                    for (Row row : rows) {
                        out.add(new Suppression(row.getString("address"), row.getUUID("message_id"),
                                DispatchMessageRepository.reply(row),
                                DispatchMessageRepository.instant(row.getOffsetDateTime("suppressed_at")),
                                DispatchMessageRepository.instant(row.getOffsetDateTime("expires_at"))));
                    }
                    return out;
                });
    }

    /** How many entries count now (operators see the number, not the addresses). */
    public Uni<Long> countActive(String profileRef) {
        return pool.preparedQuery("SELECT count(*) FROM recipient_suppression WHERE profile_ref = $1 "
                + "AND expires_at > now()").execute(Tuple.of(profileRef))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Removes an entry; false when there was none that counted. */
    public Uni<Boolean> lift(String profileRef, String address) {
        return pool.preparedQuery("DELETE FROM recipient_suppression WHERE profile_ref = $1 AND address = $2 "
                + "RETURNING expires_at > now() AS active").execute(Tuple.of(profileRef, address))
                .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean("active"));
    }
}
