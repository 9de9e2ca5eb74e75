package io.mailoo.offer.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.contracts.validation.HeaderValueValidator;
import io.mailoo.offer.domain.PriceBounds;
import io.mailoo.offer.domain.WizardRules;
import io.mailoo.offer.entity.IntegrationRef;
import io.mailoo.offer.entity.OfferGenerator;
import io.mailoo.offer.rest.CreateGeneratorRequest;
import io.mailoo.support.http.ProblemException;
import io.mailoo.support.projection.ProjectionGrace;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Generators of a project: creation (owner), reading (members), and the lookups other services build on. */
@ApplicationScoped
public class GeneratorService {

    private static final Pattern INTEGRATION_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final String MARKET = "MARKET";
    private static final long MAX_BASE_PRICE = 1_000_000_000_000L;

    public static final String INTEGRATION_NOT_YET_VISIBLE = "INTEGRATION_NOT_YET_VISIBLE";

    @Inject
    ProjectAccessService access;

    @Inject
    ProjectionGrace grace;

    @WithTransaction
    public Uni<OfferGenerator> create(String projectUid, String userId, CreateGeneratorRequest request) {
        return access.requireOwner(projectUid, userId).chain(() -> {
            List<FieldError> errors = validate(request);
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
            return requireMarketOfProject(projectUid, request.marketIntegrationId());
        }).chain(() -> {
            OfferGenerator generator = new OfferGenerator();
            generator.id = UUID.randomUUID();
            generator.projectUid = projectUid;
            generator.name = request.name().strip();
            generator.currency = request.currency();
            generator.basePriceMinor = request.basePriceMinor() == null ? 0 : request.basePriceMinor();
            generator.marketIntegrationId = request.marketIntegrationId();
            generator.wizard = WizardJson.write(request.wizard());
            generator.createdAt = Instant.now();
            return generator.persist().replaceWith(generator);
        });
    }

    /**
     * A link must name a MARKET integration of the same project (as last published by integration-service); an id
     * of an integration created moments ago that is not here yet (or in another project) is 503, not 422.
     */
    private Uni<Void> requireMarketOfProject(String projectUid, String integrationId) {
        if (integrationId == null) {
            return Uni.createFrom().voidItem();
        }
        return IntegrationRef.<IntegrationRef>findById(integrationId).map(ref -> {
            if (ref == null || !ref.projectUid.equals(projectUid)) {
                throw grace.absent(integrationId, INTEGRATION_NOT_YET_VISIBLE, "integration",
                        GeneratorService::noMarketIntegration);
            }
            if (!MARKET.equals(ref.type)) {
                throw noMarketIntegration();
            }
            return null;
        }).replaceWithVoid();
    }

    private static ProblemException noMarketIntegration() {
        return ProblemException.invalid(List.of(new FieldError("marketIntegrationId", "MARKET_INTEGRATION_NOT_FOUND",
                "This project has no MARKET integration with that id.")));
    }

    @WithSession
    public Uni<List<OfferGenerator>> list(String projectUid, String userId) {
        return access.requireMember(projectUid, userId).chain(() -> OfferGenerator
                .<OfferGenerator>find("projectUid = ?1 order by createdAt", projectUid).list());
    }

    @WithSession
    public Uni<OfferGenerator> get(String projectUid, String generatorId, String userId) {
        return access.requireMember(projectUid, userId).chain(() -> inProject(projectUid, generatorId, false));
    }

    /** Owner check then the generator, locked for update when the caller changes what hangs off it. */
    public Uni<OfferGenerator> owned(String projectUid, String generatorId, String userId, boolean lock) {
        return access.requireOwner(projectUid, userId).chain(() -> inProject(projectUid, generatorId, lock));
    }

    private Uni<OfferGenerator> inProject(String projectUid, String generatorId, boolean lock) {
        UUID id = parseId(generatorId);
        Uni<OfferGenerator> found = lock ? OfferGenerator.findById(id, LockModeType.PESSIMISTIC_WRITE)
                : OfferGenerator.findById(id);
        return found.map(g -> {
            if (g == null || !g.projectUid.equals(projectUid)) {
                throw notFound();
            }
            return g;
        });
    }

    /** The public routes know a generator by id alone. */
    public Uni<OfferGenerator> byId(String generatorId) {
        return OfferGenerator.<OfferGenerator>findById(parseId(generatorId)).map(g -> {
            if (g == null) {
                throw notFound();
            }
            return g;
        });
    }

    static UUID parseId(String generatorId) {
        try {
            return UUID.fromString(generatorId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw notFound();
        }
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("OFFER_GENERATOR_NOT_FOUND", "No such offer generator.");
    }

    static List<FieldError> validate(CreateGeneratorRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            errors.add(new FieldError("name", "NAME_REQUIRED", "Enter a name."));
            return errors;
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 100
                || HeaderValueValidator.hasControlCharacter(request.name())) {
            errors.add(new FieldError("name", "NAME_INVALID", "Enter a name of 1 to 100 characters on one line."));
        }
        if (!isCurrency(request.currency())) {
            errors.add(new FieldError("currency", "CURRENCY_INVALID", "Use an ISO 4217 code such as EUR."));
        }
        if (request.basePriceMinor() != null && (request.basePriceMinor() < 0
                || request.basePriceMinor() > MAX_BASE_PRICE)) {
            errors.add(new FieldError("basePriceMinor", "PRICE_INVALID",
                    "The base price is 0 to " + MAX_BASE_PRICE + " minor units."));
        }
        if (request.marketIntegrationId() != null && !INTEGRATION_ID.matcher(request.marketIntegrationId()).matches()) {
            errors.add(new FieldError("marketIntegrationId", "MARKET_INTEGRATION_INVALID",
                    "Give the id of one of this project's MARKET integrations."));
        }
        errors.addAll(WizardRules.validate(request.wizard()));
        if (errors.isEmpty()) {
            errors.addAll(PriceBounds.checkWizard(request.wizard(),
                    request.basePriceMinor() == null ? 0 : request.basePriceMinor()));
        }
        return errors;
    }

    private static boolean isCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
