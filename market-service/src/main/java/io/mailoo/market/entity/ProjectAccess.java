package io.mailoo.market.entity;

import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.fasterxml.jackson.core.type.TypeReference;

import io.mailoo.contracts.json.EventCodec;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Who owns a project and who is a member, as integration-service last published it (mailoo.projects.v1). */
@Entity
@Table(name = "project_access")
public class ProjectAccess extends PanacheEntityBase {

    @Id
    @Column(name = "project_uid")
    public String projectUid;

    @Column(name = "owner_user_id", nullable = false)
    public String ownerUserId;

    @Column(name = "member_user_ids", nullable = false)
    public String memberUserIdsJson = "[]";

    @Column(nullable = false)
    public long version;

    public boolean isOwner(String userId) {
        return ownerUserId.equals(userId);
    }

    public boolean isMember(String userId) {
        return isOwner(userId) || memberUserIds().contains(userId);
    }

    public List<String> memberUserIds() {
        try {
            return EventCodec.mapper().readValue(memberUserIdsJson, new TypeReference<List<String>>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("project_access.member_user_ids is not a JSON array", e);
        }
    }

    public void setMemberUserIds(List<String> members) {
        memberUserIdsJson = EventCodec.encodeToString(members == null ? List.of() : members);
    }
}
