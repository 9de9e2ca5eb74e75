package io.mailoo.contracts.errors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a Mailoo source tree and reports every place that disagrees with {@link ErrorCode}: a code a service or the
 * gateway can answer that is not catalogued, a status that differs from the catalogue's, a dashboard message for an
 * unknown code, a code a dashboard user meets without a message. A source scan, because a code is a string a handler
 * picks at run time and no test can make every service answer every code.
 */
final class ErrorCodeScan {

    /** One disagreement, with where it is, so the failure message says what to fix. */
    record Finding(String where, String code, String problem) {
        @Override
        public String toString() {
            return where + ": " + code + " " + problem;
        }
    }

    /** Modules whose sources are not a service's answers (test processes and end-to-end tests). */
    private static final Set<String> NOT_SERVICES = Set.of("test-support", "system-tests");

    /**
     * Upper-case string literals in services' sources that are not error codes: mail statuses, enum values, SMTP
     * words, crypto names and configuration variables. A new one goes here only when it is no code.
     */
    static final Set<String> NOT_CODES = Set.of(
            "QUEUED", "SENT", "DEFERRED", "FAILED", "REJECTED", "NONE", "NOT_CONFIGURED", "EXPIRED", "UNKNOWN",
            "SKIPPED_NOT_CONFIGURED", "SKIPPED_RATE_LIMITED",
            "STARTTLS", "SSL_TLS", "MARKET", "OWNER", "MEMBER", "ON_EVENT", "SUBSCRIBER_CREATED", "DISABLED",
            "REQUIRED", "HTTPS", "JWT",
            "AUTH", "LOGIN", "PLAIN", "RSET", "DATA", "ENHANCEDSTATUSCODES",
            "AES", "RSA",
            "GLOBAL_SMTP_SECURITY", "MAIL_SMTP_ALLOW_PRIVATE_HOSTS", "MAIL_SMTP_ENCRYPTION_KEY",
            "MAIL_SMTP_ENCRYPTION_PREVIOUS_KEYS", "SUBSCRIPTION_LINK_KEY",
            // issue 14: login kinds, OAuth2 providers, PKCE method, SMTP provider preset ids (SmtpProviderPresets)
            "PASSWORD", "OAUTH2", "MICROSOFT", "GOOGLE", "GENERIC", "S256",
            "MICROSOFT_365", "OUTLOOK_COM", "GOOGLE_WORKSPACE", "AMAZON_SES", "MAILGUN", "SENDGRID", "POSTMARK",
            "BREVO", "ZOHO", "FASTMAIL", "ICLOUD", "GENERIC_OAUTH2", "CUSTOM");

    private static final Pattern JAVA_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\"");
    private static final Pattern ISO_DURATION = Pattern.compile("PT\\d+[HMS]");
    private static final Pattern JAVA_STATUS = Pattern.compile(
            "ProblemException\\(\\s*(\\d{3}),\\s*\"([A-Z][A-Z0-9_]*)\"|(notFound)\\(\\s*\"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern GATEWAY_ANSWER = Pattern.compile(
            "return\\s+(\\d{3})\\s+'[^']*\"code\":\"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern DASHBOARD_KEY = Pattern.compile("^\\s+([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*):\\s*\\{",
            Pattern.MULTILINE);

    private final Path root;

    ErrorCodeScan(Path root) {
        this.root = root;
    }

    /** Every Java source of a service module (any module with src/main/java but the test ones). */
    List<Path> serviceSources() {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java")))
                    .filter(m -> !NOT_SERVICES.contains(m.getFileName().toString())).sorted().toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(sources::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    /** Codes (and their HTTP statuses, where the source says) that services and the gateway can answer but the catalogue does not match. */
    List<Finding> answeredButNotCatalogued() {
        List<Finding> findings = new ArrayList<>();
        for (Path source : serviceSources()) {
            if (source.endsWith(Path.of("io/mailoo/contracts/errors/ErrorCode.java"))) {
                continue;
            }
            String text = read(source);
            Matcher literal = JAVA_LITERAL.matcher(text);
            while (literal.find()) {
                String code = literal.group(1);
                if (!NOT_CODES.contains(code) && !ISO_DURATION.matcher(code).matches()
                        && ErrorCode.find(code).isEmpty()) {
                    findings.add(new Finding(where(source, text, literal.start()), code, "is not in ErrorCode"));
                }
            }
            Matcher status = JAVA_STATUS.matcher(text);
            while (status.find()) {
                int answered = status.group(1) != null ? Integer.parseInt(status.group(1)) : 404;
                String code = status.group(2) != null ? status.group(2) : status.group(4);
                checkStatus(findings, where(source, text, status.start()), code, answered);
            }
        }
        Path gateway = root.resolve("deploy/gateway/nginx.conf.template");
        if (Files.exists(gateway)) {
            String text = read(gateway);
            Matcher answer = GATEWAY_ANSWER.matcher(text);
            while (answer.find()) {
                String code = answer.group(2);
                String where = where(gateway, text, answer.start());
                if (ErrorCode.find(code).isEmpty()) {
                    findings.add(new Finding(where, code, "is not in ErrorCode"));
                } else {
                    checkStatus(findings, where, code, Integer.parseInt(answer.group(1)));
                }
            }
        }
        return findings;
    }

    /** Catalogued codes no source names any more (a rename that left the old entry behind). */
    List<Finding> cataloguedButNeverAnswered() {
        Set<String> named = new TreeSet<>();
        for (Path source : serviceSources()) {
            Matcher literal = JAVA_LITERAL.matcher(read(source));
            while (literal.find()) {
                named.add(literal.group(1));
            }
        }
        Path gateway = root.resolve("deploy/gateway/nginx.conf.template");
        if (Files.exists(gateway)) {
            Matcher answer = GATEWAY_ANSWER.matcher(read(gateway));
            while (answer.find()) {
                named.add(answer.group(2));
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            if (!named.contains(code.name()) && code != ErrorCode.NETWORK_ERROR) {
                findings.add(new Finding("ErrorCode", code.name(), "is named by no service or gateway source"));
            }
        }
        return findings;
    }

    /** The dashboard's message table against the catalogue: no message for an unknown code, none missing. */
    List<Finding> dashboardDisagreements() {
        List<String> keys = dashboardMessageKeys();
        Set<String> messages = new TreeSet<>(keys);
        List<Finding> findings = new ArrayList<>();
        for (String key : messages) {
            if (keys.indexOf(key) != keys.lastIndexOf(key)) {
                findings.add(new Finding("dashboard/src/messages.ts", key, "has more than one message"));
            }
            if (ErrorCode.find(key).isEmpty()) {
                findings.add(new Finding("dashboard/src/messages.ts", key, "has a message but is not in ErrorCode"));
            }
        }
        for (ErrorCode code : ErrorCode.values()) {
            if (code.audience() == Audience.DASHBOARD && !messages.contains(code.name())) {
                findings.add(new Finding("dashboard/src/messages.ts", code.name(),
                        "is met by dashboard users (Audience.DASHBOARD) but has no message"));
            }
        }
        return findings;
    }

    /** The keys of the dashboard's code-to-message table, in order (a key twice is a mistake the scan reports). */
    List<String> dashboardMessageKeys() {
        Path messages = root.resolve("dashboard/src/messages.ts");
        List<String> keys = new ArrayList<>();
        if (Files.exists(messages)) {
            Matcher key = DASHBOARD_KEY.matcher(read(messages));
            while (key.find()) {
                keys.add(key.group(1));
            }
        }
        return keys;
    }

    private static void checkStatus(List<Finding> findings, String where, String code, int answered) {
        ErrorCode.find(code).filter(c -> c.status() != answered).ifPresent(c -> findings.add(new Finding(where, code,
                "is answered with " + answered + " but ErrorCode says " + c.status())));
    }

    private String where(Path file, String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return root.relativize(file) + ":" + line;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
