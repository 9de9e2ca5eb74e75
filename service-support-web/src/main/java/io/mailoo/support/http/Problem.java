package io.mailoo.support.http;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mailoo.contracts.smtp.FieldError;

/** RFC 9457 problem details with Mailoo's stable {@code code} and, for invalid input, the fields at fault. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String code, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail, List<FieldError> errors) {
        return new Problem("https://mailoo.dev/problems/" + code.toLowerCase().replace('_', '-'), title, status, code,
                detail, errors == null ? List.of() : errors);
    }
}
