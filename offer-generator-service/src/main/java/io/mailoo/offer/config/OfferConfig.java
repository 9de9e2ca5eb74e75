package io.mailoo.offer.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "mailoo.offer")
public interface OfferConfig {

    /** Public submissions accepted per generator and minute (shared by all replicas). */
    int submissionsPerMinute();

    /** Customer deliveries per recipient address, per generator and hour (shared by all replicas). */
    int deliveriesPerRecipientPerHour();

    /** SMTP tests per signed-in user and hour, over all of their generators. */
    int smtpTestsPerUserPerHour();

    /** SMTP tests per project and hour, whoever sends them. */
    int smtpTestsPerProjectPerHour();

    /** How long dispatch keeps retrying an offer mail before it is FAILED. */
    Duration mailExpiry();
}
