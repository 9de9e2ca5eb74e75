package io.mailoo.market.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** market-service settings (application.properties, each from an env variable). */
@ConfigMapping(prefix = "mailoo.market")
public interface MarketSettings {

    /** Orders one API key may place per minute (a token bucket: this many at once, refilled evenly). */
    @WithDefault("120")
    int ordersPerKeyPerMinute();

    /** How long dispatch keeps trying a confirmation before it is FAILED. */
    @WithDefault("PT24H")
    Duration confirmationExpiry();
}
