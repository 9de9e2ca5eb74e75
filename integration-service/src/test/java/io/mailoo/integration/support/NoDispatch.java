package io.mailoo.integration.support;

import java.util.Map;

import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The service with the test keys but no dispatcher around it: for what never leaves the service. */
public class NoDispatch implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return TestKeys.serviceConfig();
    }
}
