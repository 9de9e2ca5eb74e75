package io.mailoo.apiclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The errors the gateway answers itself (404 ROUTE_NOT_FOUND, 413, 429, 502, 504: literal bodies in its nginx template)
 * read as the documents' Problem model by every generated client, like the services' own problems.
 */
class GatewayProblemsTest {

    private static final Pattern PROBLEM = Pattern.compile("return (\\d{3}) '(\\{\"type\".*?\\})';");

    private static List<String[]> gatewayProblems() throws Exception {
        String template = Files.readString(Path.of("..", "deploy", "gateway", "nginx.conf.template"));
        List<String[]> found = new ArrayList<>();
        Matcher m = PROBLEM.matcher(template);
        while (m.find()) {
            String body = m.group(2).replace("$mailoo_request_id", "req-1").replaceAll("\\$\\{MAILOO_[A-Z_]+\\}", "1");
            found.add(new String[] { m.group(1), body });
        }
        assertTrue(found.size() >= 5, "the gateway's problem bodies were not found in its template: " + found.size());
        return found;
    }

    @Test
    void theGatewaysOwnProblemsAreTheProblemModelOfEveryClient() throws Exception {
        List<ObjectMapper> mappers = List.of(new io.mailoo.client.mailoo.ApiClient().getObjectMapper(),
                new io.mailoo.client.integrator.ApiClient().getObjectMapper(),
                new io.mailoo.client.integration.ApiClient().getObjectMapper(),
                new io.mailoo.client.market.ApiClient().getObjectMapper(),
                new io.mailoo.client.offer.ApiClient().getObjectMapper());
        for (String[] problem : gatewayProblems()) {
            int status = Integer.parseInt(problem[0]);
            var merged = mappers.get(0).readValue(problem[1], io.mailoo.client.mailoo.model.Problem.class);
            assertEquals(status, merged.getStatus(), problem[1]);
            assertNotNull(merged.getCode(), problem[1]);
            assertNotNull(merged.getTitle(), problem[1]);
            assertEquals(merged.getCode(), mappers.get(1).readValue(problem[1],
                    io.mailoo.client.integrator.model.Problem.class).getCode());
            assertEquals(merged.getCode(), mappers.get(2).readValue(problem[1],
                    io.mailoo.client.integration.model.Problem.class).getCode());
            assertEquals(merged.getCode(), mappers.get(3).readValue(problem[1],
                    io.mailoo.client.market.model.Problem.class).getCode());
            assertEquals(merged.getCode(), mappers.get(4).readValue(problem[1],
                    io.mailoo.client.offer.model.Problem.class).getCode());
        }
    }
}
