package io.mailoo.market;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mailoo.market.support.MarketTestBase;
import io.mailoo.market.support.Shop;
import io.mailoo.testsupport.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With JWT_AUDIENCE set (mp.jwt.verify.audiences, the same line in all four services), a bearer token must name it
 * in aud: a token for another audience or without aud is 401 problem+json, the right one is let in. Without the
 * setting (every other test) aud is not checked. No dispatch needed: nothing is mailed.
 */
@QuarkusTest
@TestProfile(JwtAudienceTest.Audience.class)
class JwtAudienceTest extends MarketTestBase {

    static final String AUDIENCE = "mailoo-api-test";

    /** The service with an audience (and without the suite's dispatch process and GreenMail). */
    public static class Audience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestKeys.serviceConfig("mp.jwt.verify.audiences", AUDIENCE);
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = fixtures.shop("Audience Shop");
    }

    private String ownerToken(String audience) {
        return TestKeys.token(shop.ownerId(), shop.ownerId() + "@owners.test", Set.of("user"), audience);
    }

    @Test
    void aTokenForThisAudienceIsLetIn() {
        given().auth().oauth2(ownerToken(AUDIENCE)).get(shop.ownerPath("products")).then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void aTokenForAnotherAudienceOrWithoutOneIs401() {
        for (String token : new String[] {ownerToken("another-api"), ownerToken(null)}) {
            given().auth().oauth2(token).get(shop.ownerPath("products")).then().statusCode(401)
                    .contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        }
    }
}
