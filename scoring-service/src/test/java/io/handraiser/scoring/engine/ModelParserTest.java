package io.handraiser.scoring.engine;

import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.Tier;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ModelParserTest {

    @Test
    void theDefaultModelIsValid() {
        ScoringModel model = DefaultModel.parsed();

        assertThat(model.name()).isEqualTo("B2B default");
        assertThat(model.tiers()).extracting(TierRule::tier).containsExactly(Tier.of("A"), Tier.of("B"));
        ActivityRule pricing = model.activityRule("pricing-page-visit");
        assertThat(pricing.type()).isEqualTo(EngagementType.PAGE_VIEW);
        assertThat(pricing.cap()).isEqualTo(new ActivityRule.Cap(3, Duration.ofDays(14)));
        assertThat(model.negativeFit()).extracting(AttributeRule::name).contains("student-address", "free-mail");
        assertThat(model.negativeEngagement()).extracting(ActivityRule::name).containsExactly("unsubscribed", "email-bounced");
    }

    @Test
    void everyProblemIsNamedWithItsPath() {
        String document = """
                {
                  "name": "",
                  "fit": [
                    {"name": "Industry IT", "attribute": "sector", "equals": "Software", "points": 20},
                    {"name": "size", "attribute": "companySize", "pattern": "big", "points": 0},
                    {"name": "title", "attribute": "jobTitle", "pattern": "(head", "oneOf": ["CTO"], "points": 10}
                  ],
                  "engagement": [
                    {"name": "pricing", "type": "PAGE_VISIT", "urlPattern": "/pricing", "points": 15, "cap": {"max": 0, "per": "two weeks"}},
                    {"name": "pricing", "type": "PAGE_VIEW", "points": 5, "decay": {"after": "P30D", "then": "vanish"}, "weight": 2}
                  ],
                  "negative": [{"name": "students", "attribute": "emailDomain", "type": "PAGE_VIEW", "pattern": "edu", "points": -10},
                               {"name": "bounced", "type": "EMAIL_BOUNCED", "points": 10}],
                  "disqualifiers": [{"name": "competitor", "attribute": "emailDomain", "oneOf": [], "reason": "RIVAL"}],
                  "handRaisers": [{"name": "demo", "type": "DEMO_REQUESTED", "points": 50, "cap": {"max": 1, "per": "P1D"}}],
                  "tiers": [{"name": "a", "minFit": 40, "minTotal": 100}, {"name": "B", "minFit": "20", "minTotal": 70},
                            {"name": "B", "minFit": 10, "minTotal": 50}],
                  "tier": []
                }
                """;

        InvalidModel invalid = catchThrowableOfType(InvalidModel.class, () -> ModelParser.parse(document));

        assertThat(invalid.problems()).extracting(InvalidModel.Problem::field).containsExactlyInAnyOrder(
                "tier", "name",
                "fit[0].name", "fit[0].attribute",
                "fit[1].pattern", "fit[1].points",
                "fit[2]",
                "engagement[0].type", "engagement[0].cap.max", "engagement[0].cap.per",
                "engagement[1].weight", "engagement[1].name", "engagement[1].decay.then",
                "negative[0]", "negative[1].points",
                "disqualifiers[0].oneOf", "disqualifiers[0].reason",
                "handRaisers[0].cap",
                "tiers[0].name", "tiers[1].minFit", "tiers[2].name");
        assertThat(invalid.getMessage()).contains("engagement[0].cap.per: \"two weeks\" is not an ISO-8601 duration such as P14D or PT12H",
                                                  "fit[0].attribute: unknown attribute \"sector\"");
    }

    @Test
    void rangeIsOnlyForNumbersAndPatternsOnlyForText() {
        String document = """
                {"name": "m", "tiers": [{"name": "A", "minFit": 0, "minTotal": 10}],
                 "fit": [{"name": "a", "attribute": "industry", "range": {"min": 1}, "points": 1},
                         {"name": "b", "attribute": "companySize", "range": {"min": 500, "max": 50}, "points": 1},
                         {"name": "c", "attribute": "companySize", "oneOf": [10, "many"], "points": 1}]}
                """;

        InvalidModel invalid = catchThrowableOfType(InvalidModel.class, () -> ModelParser.parse(document));

        assertThat(invalid.problems()).extracting(InvalidModel.Problem::field)
                                      .containsExactlyInAnyOrder("fit[0].range", "fit[1].range", "fit[2].oneOf[1]");
    }

    @Test
    void aModelNeedsTiersAndMustBeAJsonObject() {
        assertThatThrownBy(() -> ModelParser.parse("{\"name\": \"m\"}")).isInstanceOf(InvalidModel.class).hasMessageContaining("tiers: tiers are required");
        assertThatThrownBy(() -> ModelParser.parse("{\"name\": \"m\", \"tiers\": []}")).hasMessageContaining("at least one tier");
        assertThatThrownBy(() -> ModelParser.parse("[1, 2]")).hasMessage("$: a model is a JSON object");
        assertThatThrownBy(() -> ModelParser.parse("{\"name\": ")).hasMessageStartingWith("$: not a JSON document");
        assertThatThrownBy(() -> ModelParser.parse("{\"name\": \"a\", \"name\": \"b\"}")).hasMessageContaining("Duplicate field 'name'");
    }

    @Test
    void aMinimalModelIsEnough() {
        ScoringModel model = ModelParser.parse("{\"name\": \"demo only\", \"handRaisers\": [{\"name\": \"demo\", \"type\": \"demo_requested\", \"points\": 1}],"
                                               + " \"tiers\": [{\"name\": \"A\", \"minFit\": 0, \"minTotal\": 1000}]}");

        assertThat(model.handRaisers()).singleElement().satisfies(rule -> assertThat(rule.type()).isEqualTo(EngagementType.DEMO_REQUESTED));
        assertThat(model.fit()).isEmpty();
    }
}
