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

    /**
     * How often the API keys' {@code last_used_at} is written (one batched UPDATE for every key used since): the
     * owner's view is at most this old, and no order waits on the key's row.
     */
    @WithDefault("5s")
    Duration apiKeyLastUsedFlushInterval();

    /** How long an API key looked up by an order is trusted without reading it again (other replicas' revocations). */
    @WithDefault("2s")
    Duration lookupCacheTtl();

    /**
     * How many order inserts may run at once. Orders arriving while all run wait and share the next statement (group
     * commit, OrderInsertQueue): fewer statements at once means bigger groups under load and less work for PostgreSQL.
     */
    @WithDefault("2")
    int orderInsertStatements();

    /** The most orders one insert statement takes. */
    @WithDefault("64")
    int orderInsertMaxRows();
}
