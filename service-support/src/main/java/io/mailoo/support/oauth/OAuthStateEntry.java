package io.mailoo.support.oauth;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One started OAuth2 connect, waiting for its {@code complete} (at most 10 minutes, used once): who started it for
 * which profile, the provider, the PKCE verifier (sealed) and the SMTP settings given at start (no password). The
 * state itself is stored only as its SHA-256.
 */
@Entity
@Table(name = "oauth_state")
public class OAuthStateEntry extends PanacheEntityBase {

    @Id
    @Column(name = "state_hash")
    public String stateHash;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "profile_ref", nullable = false)
    public String profileRef;

    @Column(nullable = false)
    public String provider;

    @Column(name = "verifier_key_id", nullable = false)
    public String verifierKeyId;

    @Column(name = "verifier_ciphertext", nullable = false)
    public String verifierCiphertext;

    /** The settings object as given at start (JSON, without password). */
    @Column(nullable = false)
    public String settings;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Override
    public String toString() {
        return "OAuthStateEntry[profileRef=" + profileRef + ", provider=" + provider + "]";
    }
}
