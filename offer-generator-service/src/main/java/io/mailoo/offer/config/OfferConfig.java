package io.mailoo.offer.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "mailoo.offer")
public interface OfferConfig {

    /** Public submissions accepted per generator and minute (per replica). */
    int submissionsPerMinute();

    /** How long dispatch keeps retrying an offer mail before it is FAILED. */
    Duration mailExpiry();
}
