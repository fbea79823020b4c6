package io.handraiser.scoring.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.Tier;
import io.handraiser.scoring.engine.ActivityRule.Cap;
import io.handraiser.scoring.engine.ActivityRule.Decay;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a model document (JSON) and checks all of it before anything is built: every problem is reported with its
 * path, so marketing fixes a draft in one round. Unknown fields are problems too, because a misspelt {@code "cap"}
 * would otherwise silently score without a cap.
 */
public final class ModelParser {

    public static final int MAX_RULES = 500;
    static final int MAX_POINTS = 1_000;
    static final int MAX_PATTERN_LENGTH = 500;
    static final int MAX_OPTIONS = 1_000;
    private static final Pattern RULE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Set<String> ROOT_FIELDS = Set.of("name", "description", "fit", "engagement", "negative", "disqualifiers",
                                                          "handRaisers", "tiers");
    private static final Set<String> CONDITIONS = Set.of("equals", "oneOf", "pattern", "range");
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final List<InvalidModel.Problem> problems = new ArrayList<>();
    private final Set<String> ruleNames = new HashSet<>();
    private final Set<Tier> tierNames = new HashSet<>();

    private ModelParser() {
    }

    /** @throws InvalidModel naming every problem, when the document is not a usable model */
    public static ScoringModel parse(String document) {
        JsonNode root;
        try {
            root = document == null || document.isBlank() ? null : JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new InvalidModel(List.of(new InvalidModel.Problem("$", "not a JSON document: " + e.getOriginalMessage())));
        }
        return new ModelParser().model(root);
    }

    private ScoringModel model(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidModel(List.of(new InvalidModel.Problem("$", "a model is a JSON object")));
        }
        onlyKnownFields(root, "", ROOT_FIELDS);
        String name = text(root, "", "name", true, 100);
        String description = text(root, "", "description", false, 2_000);
        List<AttributeRule> fit = list(root, "fit", (path, node) -> attributeRule(path, node, true));
        List<ActivityRule> engagement = list(root, "engagement", (path, node) -> activityRule(path, node, true, Set.of()));
        List<AttributeRule> negativeFit = new ArrayList<>();
        List<ActivityRule> negativeEngagement = new ArrayList<>();
        each(root, "negative", (path, node) -> {
            if (node.has("attribute") == node.has("type")) {
                problem(path, "a negative rule names either an attribute (about the profile) or a type (about behaviour)");
            } else if (node.has("attribute")) {
                add(negativeFit, attributeRule(path, node, false));
            } else {
                add(negativeEngagement, activityRule(path, node, false, Set.of()));
            }
            return null;
        });
        List<Disqualifier> disqualifiers = list(root, "disqualifiers", this::disqualifier);
        List<ActivityRule> handRaisers = list(root, "handRaisers", (path, node) -> activityRule(path, node, true, Set.of("cap")));
        List<TierRule> tiers = list(root, "tiers", this::tier);
        if (root.path("tiers").isArray() && root.path("tiers").isEmpty()) {
            problem("tiers", "at least one tier is needed, or no contact could ever qualify");
        }
        if (!problems.isEmpty()) {
            throw new InvalidModel(problems);
        }
        return new ScoringModel(name, description, fit, engagement, negativeFit, negativeEngagement, disqualifiers, handRaisers, tiers);
    }

    private AttributeRule attributeRule(String path, JsonNode node, boolean positive) {
        onlyKnownFields(node, path, union(Set.of("name", "attribute", "points"), CONDITIONS));
        String name = ruleName(path, node);
        Attribute attribute = attribute(path, node);
        Condition condition = attribute == null ? null : condition(path, node, attribute);
        Integer points = points(path, node, positive);
        return name == null || attribute == null || condition == null || points == null ? null
                : new AttributeRule(name, attribute, condition, points);
    }

    private Disqualifier disqualifier(String path, JsonNode node) {
        onlyKnownFields(node, path, union(Set.of("name", "attribute", "reason"), CONDITIONS));
        String name = ruleName(path, node);
        Attribute attribute = attribute(path, node);
        Condition condition = attribute == null ? null : condition(path, node, attribute);
        DisqualificationReason reason = enumValue(path, node, "reason", DisqualificationReason.class);
        return name == null || attribute == null || condition == null || reason == null ? null
                : new Disqualifier(name, attribute, condition, reason);
    }

    private ActivityRule activityRule(String path, JsonNode node, boolean positive, Set<String> forbidden) {
        Set<String> allowed = new HashSet<>(Set.of("name", "type", "urlPattern", "assetPattern", "points", "cap", "decay"));
        allowed.removeAll(forbidden);
        onlyKnownFields(node, path, allowed);
        String name = ruleName(path, node);
        EngagementType type = engagementType(path, node, "type");
        Pattern url = pattern(path, node, "urlPattern");
        Pattern asset = pattern(path, node, "assetPattern");
        Integer points = points(path, node, positive);
        Cap cap = node.has("cap") ? cap(join(path, "cap"), node.get("cap")) : null;
        Decay decay = node.has("decay") ? decay(join(path, "decay"), node.get("decay")) : null;
        boolean capValid = !node.has("cap") || cap != null;
        boolean decayValid = !node.has("decay") || decay != null;
        return name == null || type == null || points == null || !capValid || !decayValid
               || node.has("urlPattern") && url == null || node.has("assetPattern") && asset == null ? null
                : new ActivityRule(name, type, url, asset, points, cap, decay);
    }

    private Cap cap(String path, JsonNode node) {
        if (!node.isObject()) {
            problem(path, "a cap is an object such as {\"max\": 3, \"per\": \"P14D\"}");
            return null;
        }
        onlyKnownFields(node, path, Set.of("max", "per"));
        Integer max = integer(path, node, "max", 1, 10_000);
        Duration per = duration(path, node, "per");
        return max == null || per == null ? null : new Cap(max, per);
    }

    private Decay decay(String path, JsonNode node) {
        if (!node.isObject()) {
            problem(path, "a decay is an object such as {\"after\": \"P30D\", \"then\": \"halve\"}");
            return null;
        }
        onlyKnownFields(node, path, Set.of("after", "then"));
        Duration after = duration(path, node, "after");
        JsonNode then = node.get("then");
        Decay.Mode mode = null;
        if (then == null || !then.isTextual()) {
            problem(join(path, "then"), "then is required: \"expire\" or \"halve\"");
        } else {
            mode = switch (then.asText()) {
                case "expire" -> Decay.Mode.EXPIRE;
                case "halve" -> Decay.Mode.HALVE;
                default -> {
                    problem(join(path, "then"), "then must be \"expire\" or \"halve\", not \"" + then.asText() + "\"");
                    yield null;
                }
            };
        }
        return after == null || mode == null ? null : new Decay(after, mode);
    }

    private TierRule tier(String path, JsonNode node) {
        onlyKnownFields(node, path, Set.of("name", "minFit", "minTotal"));
        Tier tier = null;
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual()) {
            problem(join(path, "name"), "name is required, an upper-case tier name such as A or B");
        } else {
            try {
                tier = Tier.of(name.asText());
                if (!tierNames.add(tier)) {
                    problem(join(path, "name"), "tier " + tier + " is defined twice");
                }
            } catch (IllegalArgumentException e) {
                problem(join(path, "name"), e.getMessage());
            }
        }
        Integer minFit = integer(path, node, "minFit", -100_000, 100_000);
        Integer minTotal = integer(path, node, "minTotal", -100_000, 100_000);
        return tier == null || minFit == null || minTotal == null ? null : new TierRule(tier, minFit, minTotal);
    }

    private Condition condition(String path, JsonNode node, Attribute attribute) {
        List<String> given = CONDITIONS.stream().filter(node::has).sorted().toList();
        if (given.size() != 1) {
            problem(path, "a rule tests its attribute with exactly one of equals, oneOf, pattern or range"
                          + (given.isEmpty() ? "" : "; this one has " + given));
            return null;
        }
        String kind = given.get(0);
        String at = join(path, kind);
        JsonNode value = node.get(kind);
        switch (kind) {
            case "equals" -> {
                if (attribute.isNumeric()) {
                    if (!value.canConvertToLong() || !value.isIntegralNumber()) {
                        return problem(at, attribute.key() + " is a number: equals needs a whole number");
                    }
                    return new Condition.EqualsNumber(value.asLong());
                }
                if (!value.isTextual() || value.asText().isBlank()) {
                    return problem(at, "equals needs a non-blank text");
                }
                return new Condition.EqualsText(value.asText().trim());
            }
            case "oneOf" -> {
                if (!value.isArray() || value.isEmpty() || value.size() > MAX_OPTIONS) {
                    return problem(at, "oneOf needs a list of 1 to " + MAX_OPTIONS + " values");
                }
                List<String> texts = new ArrayList<>();
                List<Long> numbers = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    JsonNode option = value.get(i);
                    if (attribute.isNumeric() ? !option.isIntegralNumber() : !option.isTextual() || option.asText().isBlank()) {
                        problem(at + "[" + i + "]", attribute.isNumeric() ? "must be a whole number" : "must be a non-blank text");
                    } else if (attribute.isNumeric()) {
                        numbers.add(option.asLong());
                    } else {
                        texts.add(option.asText().trim());
                    }
                }
                if (texts.size() + numbers.size() != value.size()) {
                    return null;
                }
                return attribute.isNumeric() ? new Condition.OneOfNumber(numbers) : new Condition.OneOfText(texts);
            }
            case "pattern" -> {
                if (attribute.isNumeric()) {
                    return problem(at, attribute.key() + " is a number: use equals, oneOf or range");
                }
                Pattern pattern = pattern(path, node, "pattern");
                return pattern == null ? null : new Condition.Matches(pattern);
            }
            default -> {
                if (!attribute.isNumeric()) {
                    return problem(at, "range applies to numbers only (companySize), not to " + attribute.key());
                }
                if (!value.isObject()) {
                    return problem(at, "a range is an object such as {\"min\": 50, \"max\": 5000}");
                }
                onlyKnownFields(value, at, Set.of("min", "max"));
                Long min = optionalLong(at, value, "min");
                Long max = optionalLong(at, value, "max");
                if (!value.has("min") && !value.has("max")) {
                    return problem(at, "a range needs min, max or both");
                }
                if (min != null && max != null && min > max) {
                    return problem(at, "min " + min + " is above max " + max);
                }
                boolean valid = (!value.has("min") || min != null) && (!value.has("max") || max != null);
                return valid ? new Condition.Range(min, max) : null;
            }
        }
    }

    private String ruleName(String path, JsonNode node) {
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual() || !RULE_NAME.matcher(name.asText()).matches()) {
            return problem(join(path, "name"), "name is required: lower-case letters, digits and dashes, up to 64, e.g. pricing-page-visit");
        }
        if (!ruleNames.add(name.asText())) {
            return problem(join(path, "name"), "rule name \"" + name.asText() + "\" is used twice; explanations name rules, so names must be unique");
        }
        return name.asText();
    }

    private Attribute attribute(String path, JsonNode node) {
        JsonNode attribute = node.get("attribute");
        String known = Arrays.stream(Attribute.values()).map(Attribute::key).toList().toString();
        if (attribute == null || !attribute.isTextual()) {
            return problem(join(path, "attribute"), "attribute is required, one of " + known);
        }
        return Attribute.byKey(attribute.asText())
                        .orElseGet(() -> problem(join(path, "attribute"), "unknown attribute \"" + attribute.asText() + "\", use one of " + known));
    }

    private Integer points(String path, JsonNode node, boolean positive) {
        return positive ? integer(path, node, "points", 1, MAX_POINTS) : integer(path, node, "points", -MAX_POINTS, -1);
    }

    private Integer integer(String path, JsonNode node, String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            return problem(join(path, field), field + " must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    private Long optionalLong(String path, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            return problem(join(path, field), field + " must be a whole number, 0 or more");
        }
        return value.asLong();
    }

    private Duration duration(String path, JsonNode node, String field) {
        JsonNode value = node.get(field);
        String at = join(path, field);
        if (value == null || !value.isTextual()) {
            return problem(at, field + " is required, an ISO-8601 duration such as P14D or PT12H");
        }
        try {
            Duration duration = Duration.parse(value.asText());
            if (duration.isNegative() || duration.isZero()) {
                return problem(at, field + " must be longer than zero");
            }
            if (duration.compareTo(Duration.ofDays(3_650)) > 0) {
                return problem(at, field + " must be at most ten years (P3650D)");
            }
            return duration;
        } catch (DateTimeParseException e) {
            return problem(at, "\"" + value.asText() + "\" is not an ISO-8601 duration such as P14D or PT12H");
        }
    }

    private Pattern pattern(String path, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        String at = join(path, field);
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_PATTERN_LENGTH) {
            return problem(at, field + " must be a non-blank regular expression of at most " + MAX_PATTERN_LENGTH + " characters");
        }
        try {
            return Pattern.compile(value.asText(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            return problem(at, "not a regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    private EngagementType engagementType(String path, JsonNode node, String field) {
        JsonNode value = node.get(field);
        List<EngagementType> known = EngagementType.builtIn();
        if (value == null || !value.isTextual()) {
            return problem(join(path, field), field + " is required, one of " + known);
        }
        String name = value.asText().toUpperCase(Locale.ROOT);
        return known.stream().filter(type -> type.name().equals(name)).findFirst()
                .orElseGet(() -> problem(join(path, field), "unknown " + field + " \"" + value.asText() + "\", use one of " + known));
    }

    private <E extends Enum<E>> E enumValue(String path, JsonNode node, String field, Class<E> type) {
        JsonNode value = node.get(field);
        List<String> known = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (value == null || !value.isTextual()) {
            return problem(join(path, field), field + " is required, one of " + known);
        }
        try {
            return Enum.valueOf(type, value.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return problem(join(path, field), "unknown " + field + " \"" + value.asText() + "\", use one of " + known);
        }
    }

    private String text(JsonNode node, String path, String field, boolean required, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return required ? problem(join(path, field), field + " is required") : null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > maxLength) {
            return problem(join(path, field), field + " must be a non-blank text of at most " + maxLength + " characters");
        }
        return value.asText().trim();
    }

    private <T> List<T> list(JsonNode root, String field, RuleReader<T> reader) {
        List<T> rules = new ArrayList<>();
        each(root, field, (path, node) -> {
            add(rules, reader.read(path, node));
            return null;
        });
        return rules;
    }

    private void each(JsonNode root, String field, RuleReader<Void> reader) {
        JsonNode list = root.get(field);
        if (list == null || list.isNull()) {
            if (field.equals("tiers")) {
                problem(field, "tiers are required: at least one, such as {\"name\": \"A\", \"minFit\": 40, \"minTotal\": 100}");
            }
            return;
        }
        if (!list.isArray()) {
            problem(field, field + " must be a list");
            return;
        }
        if (list.size() > MAX_RULES) {
            problem(field, field + " may hold at most " + MAX_RULES + " entries");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String path = field + "[" + i + "]";
            if (!list.get(i).isObject()) {
                problem(path, "each entry is a JSON object");
            } else {
                reader.read(path, list.get(i));
            }
        }
    }

    private static <T> void add(List<T> list, T rule) {
        if (rule != null) {
            list.add(rule);
        }
    }

    private void onlyKnownFields(JsonNode node, String path, Set<String> known) {
        for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!known.contains(field)) {
                problem(join(path, field), "unknown field \"" + field + "\"; expected " + known.stream().sorted().toList());
            }
        }
    }

    private <T> T problem(String field, String message) {
        problems.add(new InvalidModel.Problem(field, message));
        return null;
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    @FunctionalInterface
    private interface RuleReader<T> {
        T read(String path, JsonNode node);
    }
}
