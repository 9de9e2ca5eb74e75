package io.mailoo.contracts.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.errors.ErrorCodeScan.Finding;

/** The catalogue is the one vocabulary: services, gateway and dashboard agree with it, and its names follow the rule. */
class ErrorCodeCatalogueTest {

    /** The repository root: Maven runs a module's tests in the module's folder. */
    private static final ErrorCodeScan REPOSITORY = new ErrorCodeScan(Path.of("..").toAbsolutePath().normalize());

    /** Problem words may not open a code: the subject comes first (EMAIL_INVALID, not INVALID_EMAIL). */
    private static final Pattern PROBLEM_FIRST = Pattern.compile(
            "(INVALID|UNKNOWN|MISSING|MALFORMED|DUPLICATE|MIXED|TOO_MANY|TOO_LARGE|ALREADY|NO|ONLY)_.*");

    @Test
    void theRepositoryIsWhereTheTestLooks() {
        assertTrue(Files.isDirectory(Path.of("../deploy/gateway")) && Files.isRegularFile(Path.of("../dashboard/src/messages.ts")),
                "run from the shared-contracts module folder");
        assertTrue(REPOSITORY.serviceSources().size() > 100, "found the services' sources");
    }

    @Test
    void everyCodeAServiceOrTheGatewayAnswersIsCataloguedWithItsStatus() {
        assertEquals(List.of(), REPOSITORY.answeredButNotCatalogued(),
                "add the code to shared-contracts ErrorCode (or, if it is no error code, to ErrorCodeScan.NOT_CODES)");
    }

    @Test
    void everyCataloguedCodeIsStillAnswered() {
        assertEquals(List.of(), REPOSITORY.cataloguedButNeverAnswered(), "remove the code from ErrorCode");
    }

    @Test
    void theDashboardHasAMessageForEveryCodeItsUsersMeetAndNoneForUnknownCodes() {
        assertEquals(List.of(), REPOSITORY.dashboardDisagreements(), "fix dashboard/src/messages.ts");
    }

    @Test
    void everyCodeIsUpperSnakeCaseWithTheSubjectFirst() {
        List<String> offending = Arrays.stream(ErrorCode.values()).map(Enum::name)
                .filter(name -> !name.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*") || PROBLEM_FIRST.matcher(name).matches())
                .toList();
        assertEquals(List.of(), offending);
    }

    @Test
    void everyCodeHasASentenceAndAStatusThatIsAnErrorOrNone() {
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(code.meaning().endsWith(".") && code.meaning().length() > 15, code + " needs a sentence");
            assertTrue(code.status() == 0 || (code.status() >= 400 && code.status() < 600), code + " status");
        }
    }

    /** Abuse case: a bogus code in a service, a wrong status, a gateway code, a stale and missing dashboard message. */
    @Test
    void theScanCatchesAnUncataloguedCodeAWrongStatusAndDashboardGaps() throws URISyntaxException {
        ErrorCodeScan fixture = new ErrorCodeScan(
                Path.of(getClass().getResource("/error-code-scan-fixture").toURI()));

        List<String> answered = fixture.answeredButNotCatalogued().stream().map(Finding::toString).toList();
        assertEquals(List.of(
                "shop-service/src/main/java/shop/ShopRules.java:6: BOGUS_CODE is not in ErrorCode",
                "shop-service/src/main/java/shop/ShopRules.java:10: LIMIT_INVALID is answered with 500 but ErrorCode says 400",
                "deploy/gateway/nginx.conf.template:2: TEAPOT_BREWING is not in ErrorCode"), answered);

        List<Finding> dashboard = fixture.dashboardDisagreements();
        assertTrue(dashboard.contains(new Finding("dashboard/src/messages.ts", "KEY_MISSING",
                "has a message but is not in ErrorCode")), dashboard.toString());
        assertTrue(dashboard.contains(new Finding("dashboard/src/messages.ts", "SMTP_AUTH_FAILED",
                "is met by dashboard users (Audience.DASHBOARD) but has no message")), dashboard.toString());
        assertTrue(dashboard.contains(new Finding("dashboard/src/messages.ts", "UNAUTHORIZED",
                "has more than one message")), dashboard.toString());
        assertTrue(dashboard.stream().noneMatch(f -> f.code().equals("FORBIDDEN")));
        assertTrue(dashboard.stream().noneMatch(f -> f.code().equals("EMAIL_INVALID")), "field codes need no message");

        assertTrue(fixture.cataloguedButNeverAnswered().stream().anyMatch(f -> f.code().equals("SMTP_AUTH_FAILED")));
        assertTrue(fixture.cataloguedButNeverAnswered().stream().noneMatch(f -> f.code().equals("REQUEST_TOO_LARGE")));
    }
}
