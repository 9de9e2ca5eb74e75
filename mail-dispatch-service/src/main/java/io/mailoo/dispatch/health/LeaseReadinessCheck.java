package io.mailoo.dispatch.health;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.mailoo.dispatch.service.MessageLeases;
import io.mailoo.dispatch.service.OwnedPartitions;

/**
 * Always UP; tells operators (and the replica tests) which instance this is, which request partitions it owns and
 * how many message leases it holds.
 */
@Readiness
@ApplicationScoped
public class LeaseReadinessCheck implements HealthCheck {

    private final MessageLeases leases;
    private final OwnedPartitions partitions;

    public LeaseReadinessCheck(MessageLeases leases, OwnedPartitions partitions) {
        this.leases = leases;
        this.partitions = partitions;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("dispatch-leases").up()
                .withData("instance", leases.instanceId().toString())
                .withData("requestPartitions", partitions.current().stream().map(String::valueOf)
                        .collect(Collectors.joining(",")))
                .withData("leasesHeld", leases.count())
                .build();
    }
}
