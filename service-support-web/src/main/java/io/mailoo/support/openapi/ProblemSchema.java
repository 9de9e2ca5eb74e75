package io.mailoo.support.openapi;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.mailoo.support.http.Problem;

/**
 * The one schema of every error answer ({@link Problem}, RFC 9457 with Mailoo's stable {@code code}) and of its
 * field errors, written here once so that every document describes it alike and a generated client has one model.
 */
final class ProblemSchema {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";

    private ProblemSchema() {
    }

    static Schema problem() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An error (RFC 9457 problem details, application/problem+json) with a stable code from "
                        + "Mailoo's error catalogue; invalid input (422) names every field at fault in errors.")
                .required(List.of("type", "title", "status", "code"))
                .addProperty("type", text("A URI naming the kind of problem: https://mailoo.dev/problems/<code>.")
                        .format("uri"))
                .addProperty("title", text("The HTTP status' reason phrase."))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("The HTTP status code."))
                .addProperty("code", text("The stable code a client decides on, e.g. PROJECT_NOT_FOUND."))
                .addProperty("detail", text("A sentence for a person; absent when there is nothing to add."))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("The fields at fault (422); absent when none.")
                        .items(OASFactory.createSchema().ref(FIELD_ERROR)));
    }

    static Schema fieldError() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT).description("One invalid field.")
                .required(List.of("field", "code", "message"))
                .addProperty("field", text("The field's JSON name, e.g. host or items[0].quantity."))
                .addProperty("code", text("The field's stable code, e.g. EMAIL_INVALID."))
                .addProperty("message", text("A sentence for a person."));
    }

    static Schema reference() {
        return OASFactory.createSchema().ref(PROBLEM);
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
