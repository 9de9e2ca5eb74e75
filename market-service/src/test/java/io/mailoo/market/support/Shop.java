package io.mailoo.market.support;

import java.util.Set;

import io.mailoo.testsupport.TestKeys;

/** A project with one MARKET integration, as integration-service would have published it. */
public record Shop(String projectUid, String integrationId, String ownerId, String memberId, String name) {

    public String ownerToken() {
        return TestKeys.token(ownerId, ownerId + "@owners.test", Set.of("user"));
    }

    public String memberToken() {
        return TestKeys.token(memberId, memberId + "@members.test", Set.of("user"));
    }

    public String profileRef() {
        return "integration:" + integrationId;
    }

    public String ownerPath(String rest) {
        return "/api/v1/projects/" + projectUid + "/integrations/" + integrationId + "/market/" + rest;
    }

    public String ordersPath() {
        return "/api/v1/market/" + integrationId + "/orders";
    }
}
