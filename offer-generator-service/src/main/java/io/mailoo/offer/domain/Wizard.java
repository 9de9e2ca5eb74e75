package io.mailoo.offer.domain;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The steps of an offer generator's wizard, as the owner defines them. */
@Schema(requiredProperties = "steps")
public record Wizard(List<Step> steps) {

    @Schema(name = "WizardStep", requiredProperties = { "id", "title", "fields" })
    public record Step(String id, String title, List<Field> fields) {
    }

    /**
     * One question. {@code type} is CHOICE, NUMBER or TEXT (kept as text so a wrong value is a 422 naming the
     * field, not a 400). {@code required} defaults to true. NUMBER: whole numbers in [min, max], each unit priced
     * {@code unitPriceMinor} (0 when absent). TEXT: at most {@code maxLength} characters (default 1000).
     */
    @Schema(name = "WizardField", requiredProperties = { "id", "label", "type" })
    public record Field(String id, String label, @Schema(implementation = FieldType.class) String type,
            @Schema(nullable = true, description = "Default true.") Boolean required,
            @Schema(nullable = true, description = "CHOICE only.") List<Option> options,
            @Schema(nullable = true, description = "NUMBER only.") Long min,
            @Schema(nullable = true, description = "NUMBER only.") Long max,
            @Schema(nullable = true, description = "NUMBER only; 0 when absent.") Long unitPriceMinor,
            @Schema(nullable = true, description = "TEXT only; default 1000.") Integer maxLength) {

        public boolean isRequired() {
            return required == null || required;
        }

        public Optional<Option> option(String optionId) {
            return options == null ? Optional.empty()
                    : options.stream().filter(o -> o.id() != null && o.id().equals(optionId)).findFirst();
        }
    }

    @Schema(name = "WizardOption", requiredProperties = { "id", "label" })
    public record Option(String id, String label, @Schema(nullable = true) Long priceMinor) {
    }

    public Stream<Field> fields() {
        return steps == null ? Stream.empty()
                : steps.stream().filter(s -> s != null && s.fields() != null).flatMap(s -> s.fields().stream());
    }

    public Optional<Field> field(String fieldId) {
        return fields().filter(f -> f != null && fieldId.equals(f.id())).findFirst();
    }
}
