package io.handraiser.contract.catalogue;

import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CatalogueValuesTest {

    @Test
    void builtInTypesKeepTheirEnumNamesAndCustomOnesAreOpen() {
        assertThat(EngagementType.builtIn()).hasSize(12).first().isEqualTo(EngagementType.PAGE_VIEW);
        assertThat(EngagementType.of("PAGE_VIEW")).isSameAs(EngagementType.PAGE_VIEW);
        assertThat(EngagementType.of("PAGE_VIEW").isBuiltIn()).isTrue();
        assertThat(EngagementType.of("SMS_SENT").isBuiltIn()).isFalse();
        assertThat(EngagementType.of("SMS_SENT")).hasToString("SMS_SENT").isEqualTo(new EngagementType("SMS_SENT"));
        for (String bad : List.of("", "sms_sent", "1SMS", "SMS-SENT", "A".repeat(65))) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> EngagementType.of(bad)).withMessageContaining("type must be");
        }
        assertThatIllegalArgumentException().isThrownBy(() -> EngagementType.of(null));
        EngagementType.of("SMS_SENT").checkDetail(null);
        assertThatIllegalArgumentException().isThrownBy(() -> EngagementType.PAGE_VIEW.checkDetail(EngagementDetail.none()));
    }

    @Test
    void valuesBecomeTheirCanonicalText() {
        assertThat(PropertyType.NUMBER.canonical(" 1200.00 ", List.of(), "seats")).isEqualTo("1200");
        assertThat(PropertyType.NUMBER.canonical("0.50", List.of(), "seats")).isEqualTo("0.5");
        assertThat(PropertyType.NUMBER.canonical("-0.0", List.of(), "seats")).isEqualTo("0");
        assertThat(PropertyType.NUMBER.canonical("1E3", List.of(), "seats")).isEqualTo("1000");
        assertThat(PropertyType.BOOLEAN.canonical("TRUE", List.of(), "vip")).isEqualTo("true");
        assertThat(PropertyType.DATE.canonical("2026-02-01", List.of(), "renewal")).isEqualTo("2026-02-01");
        assertThat(PropertyType.ONE_OF.canonical("pro", List.of("free", "pro"), "plan")).isEqualTo("pro");
        assertThat(PropertyType.TEXT.canonical("  data science ", List.of(), "course")).isEqualTo("data science");
    }

    @Test
    void aValueOfTheWrongTypeNamesItsProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> PropertyType.NUMBER.canonical("many", List.of(), "properties.seats"))
                .withMessage("properties.seats must be a number, got 'many'");
        assertThatIllegalArgumentException().isThrownBy(() -> PropertyType.BOOLEAN.canonical("yes", List.of(), "properties.vip"))
                .withMessageStartingWith("properties.vip");
        assertThatIllegalArgumentException().isThrownBy(() -> PropertyType.DATE.canonical("2026-02-30", List.of(), "properties.renewal"))
                .withMessageStartingWith("properties.renewal");
        assertThatIllegalArgumentException().isThrownBy(() -> PropertyType.ONE_OF.canonical("gold", List.of("free", "pro"), "properties.plan"))
                .withMessage("properties.plan must be one of [free, pro], got 'gold'");
        assertThatIllegalArgumentException().isThrownBy(() -> PropertyType.TEXT.canonical(" ", List.of(), "properties.course"))
                .withMessage("properties.course has no value");
    }

    @Test
    void definitionsRefuseWhatCannotBeStored() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DefineProperty("Plan", PropertyType.TEXT, null, false, null))
                .withMessageStartingWith("name must be");
        assertThatIllegalArgumentException().isThrownBy(() -> new DefineProperty("plan", PropertyType.ONE_OF, List.of(), false, null))
                .withMessage("options are required for a ONE_OF property");
        assertThatIllegalArgumentException().isThrownBy(() -> new DefineProperty("plan", PropertyType.TEXT, List.of("a"), false, null))
                .withMessage("options are only for a ONE_OF property, not TEXT");
        assertThatIllegalArgumentException().isThrownBy(() -> new DefineProperty("plan", PropertyType.ONE_OF, List.of("a", "a"), false, null))
                .withMessageStartingWith("options names a value twice");
        assertThatIllegalArgumentException().isThrownBy(() -> new RegisterActivityType(EngagementType.PAGE_VIEW, null, false, null, null))
                .withMessage("PAGE_VIEW is a built-in type and cannot be registered");
        assertThatIllegalArgumentException().isThrownBy(() -> new RegisterActivityType(EngagementType.of("SMS_SENT"), List.of("Step"), false, null, null))
                .withMessageStartingWith("attributes must be");
        assertThatIllegalArgumentException().isThrownBy(() -> new RegisterActivityType(EngagementType.of("SMS_SENT"), null, false, "sec", null))
                .withMessage("valueUnit is only for a type with a numeric value");
        assertThat(new DefineProperty("plan", PropertyType.TEXT, null, false, null).entryId()).isEqualTo("property:plan");
        assertThat(new RegisterActivityType(EngagementType.of("SMS_SENT"), null, false, null, null).entryId()).isEqualTo("activity-type:SMS_SENT");
    }

    @Test
    void customValueMapsAreOrderedAndChecked() {
        assertThat(CustomValues.copy(Map.of("b", "2", "a", "1"), "properties", false).keySet()).containsExactly("a", "b");
        assertThat(CustomValues.copy(null, "properties", false)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> CustomValues.copy(Map.of("Bad Name", "1"), "properties", false))
                .withMessageStartingWith("properties name must be");
        assertThatIllegalArgumentException().isThrownBy(() -> CustomValues.copy(Map.of("a", "x".repeat(2049)), "attributes", false))
                .withMessage("attributes.a is longer than 2048 characters");
    }
}
