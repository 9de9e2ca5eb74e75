package io.mailoo.integration.support;

import java.util.Map;

import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The service with the test keys but no dispatcher around it: for what never leaves the service. */
public class NoDispatch implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mailoo.crypto.key", TestKeys.ENCRYPTION_KEY,
                "mp.jwt.verify.publickey.location", TestKeys.publicKeyLocation(),
                "mp.jwt.verify.issuer", TestKeys.ISSUER);
    }
}
