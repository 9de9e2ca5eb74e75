package io.mailoo.market;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

import io.mailoo.market.support.MarketTestBase;
import io.mailoo.support.db.DatabaseConnectOptions;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * A database out of connections or restarting is answered 503 DATABASE_UNAVAILABLE with Retry-After through the
 * real REST layer (ProblemMappers asking service-support's PostgresOutage), also when the failure arrives wrapped, as
 * Hibernate Reactive and Mutiny hand it over; a statement's own error stays a 500 that does not quote the SQL error.
 * The failures are played by a route of this test (a real 53300 is produced in service-support's PostgresOutageTest).
 */
@QuarkusTest
class DatabaseUnavailableTest extends MarketTestBase {

    /** Fails the way a repository's call does when PostgreSQL answers with this SQLState. */
    @Path("/test/database-failure")
    public static class FailingRoute {

        @Inject
        DatabaseConnectOptions database;

        /** As the reactive pool fails while PostgreSQL is stopped: Netty's checked "connection refused". */
        @GET
        @Path("/refused/{which}")
        @Operation(hidden = true)
        public Uni<String> refused(@PathParam("which") String which) {
            String address = "database".equals(which)
                    ? database.get().getHost() + ":" + database.get().getPort()
                    : "oauth.provider.test:443";
            return Uni.createFrom().failure(new ConnectException("Connection refused: /" + address));
        }

        @GET
        @Path("/{state}")
        @Operation(hidden = true)
        public Uni<String> fail(@PathParam("state") String state) {
            PgException pg = new PgException("sorry, too many clients already (secret-detail)", "FATAL", state, null);
            return Uni.createFrom().failure(new CompletionException(new IllegalStateException("wrapped", pg)));
        }
    }

    @Test
    void tooManyClientsIsA503WithRetryAfter() {
        given().get("/test/database-failure/53300").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "2")
                .body("code", equalTo("DATABASE_UNAVAILABLE"))
                .body(not(containsString("secret-detail")));
    }

    @Test
    void aDatabaseStartingUpIsA503() {
        given().get("/test/database-failure/57P03").then().statusCode(503)
                .body("code", equalTo("DATABASE_UNAVAILABLE"));
    }

    @Test
    void aStoppedDatabaseIsA503() {
        given().get("/test/database-failure/refused/database").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "2")
                .body("code", equalTo("DATABASE_UNAVAILABLE"));
    }

    @Test
    void anotherAddressThatRefusesIsAProblem500() {
        given().get("/test/database-failure/refused/other").then().statusCode(500)
                .contentType("application/problem+json").body("code", equalTo("INTERNAL_ERROR"))
                .body(not(containsString("oauth.provider.test")));
    }

    @Test
    void aStatementErrorStaysA500WithoutTheDatabaseText() {
        given().get("/test/database-failure/23505").then().statusCode(500)
                .contentType("application/problem+json").header("Retry-After", (String) null)
                .body("code", equalTo("INTERNAL_ERROR"))
                .body(not(containsString("secret-detail")));
    }
}
