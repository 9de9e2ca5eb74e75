package io.mailoo.integration.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.ws.rs.core.Response;

import io.mailoo.support.mail.Escapes;

/**
 * The small HTML pages behind the links of subscriber mail, for a person in a browser: a page with one button
 * (a GET never changes anything, since link scanners fetch every link of a mail), the outcome, or what is wrong with
 * the link. No script; the one inline style is allowed by its hash; the page may not be framed, sends no referrer
 * (the token is in its URL) and is not cached.
 */
final class SubscriberLinkPages {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;"
            + "padding:0 1rem;line-height:1.5;color:#1b1b1b}button{font:inherit;padding:.5rem 1.25rem;"
            + "border-radius:.3rem;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer}";
    private static final String CSP = "default-src 'none'; style-src '" + sha256(STYLE) + "'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private SubscriberLinkPages() {
    }

    /** A question with one button that POSTs to the page's own URL (RFC 8058's body, so one handler serves both). */
    static Response question(String title, String sentence, String button) {
        return page(200, title, "<p>" + sentence + "</p>\n<form method=\"post\">"
                + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\">" + Escapes.html(button) + "</button></form>");
    }

    static Response outcome(String title, String sentence) {
        return page(200, title, "<p>" + sentence + "</p>");
    }

    static Response problem(int status, String detail) {
        return page(status, "This link does not work", "<p>" + Escapes.html(detail) + "</p>");
    }

    private static Response page(int status, String title, String body) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + Escapes.html(title) + "</title><style>" + STYLE
                + "</style></head>\n<body><h1>" + Escapes.html(title) + "</h1>\n" + body + "\n</body></html>\n";
        return Response.status(status).type("text/html; charset=utf-8").entity(html)
                .header("Content-Security-Policy", CSP).header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff").build();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
