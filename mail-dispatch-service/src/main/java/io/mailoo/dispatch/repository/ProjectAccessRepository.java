package io.mailoo.dispatch.repository;

import java.io.IOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;

import io.mailoo.contracts.json.EventCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads project_access (the projection of mailoo.projects.v1) through the SQL client, as the rest of dispatch does. */
@ApplicationScoped
public class ProjectAccessRepository {

    /** A project's owner and members. */
    public record Access(String ownerUserId, List<String> memberUserIds) {

        public boolean isOwner(String userId) {
            return ownerUserId.equals(userId);
        }

        public boolean isMember(String userId) {
            return isOwner(userId) || memberUserIds.contains(userId);
        }
    }

    private static final TypeReference<List<String>> USER_IDS = new TypeReference<>() {
    };

    private final Pool pool;

    public ProjectAccessRepository(Pool pool) {
        this.pool = pool;
    }

    /** The project's access, or a null item when it is not projected (unknown, removed or not arrived yet). */
    public Uni<Access> find(String projectUid) {
        return pool.preparedQuery("SELECT owner_user_id, member_user_ids FROM project_access WHERE project_uid = $1")
                .execute(Tuple.of(projectUid)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    try {
                        return new Access(row.getString("owner_user_id"),
                                EventCodec.mapper().readValue(row.getString("member_user_ids"), USER_IDS));
                    } catch (IOException e) {
                        throw new IllegalStateException("project_access.member_user_ids is not a JSON array", e);
                    }
                });
    }
}
