package io.mailoo.integration.rest;

/** {userId, email}: adds a member. */
public record MemberRequest(String userId, String email) {
}
