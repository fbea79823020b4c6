package io.handraiser.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.handraiser.local.DevelopmentTokens;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Malformed and hostile requests for every public endpoint of the gateway, generated from a seed so that a failure
 * can be sent again. Each request is refused by construction: besides its hostile part it names an id nothing has
 * (a contact, handoff, model version, ... that does not exist) or carries one field or parameter that is invalid for
 * certain (its anchor). So whatever the hostile part does, a correct suite answers 4xx and stores nothing, and a 2xx
 * is as much a finding as a 5xx. The one exception is the engagement batch, whose API answers per item: there an
 * item-level problem may be a 200 in which no item was accepted.
 * <p>
 * Endpoints come in turn, so that each gets its share; what is done to one is drawn from the families that apply
 * to it (its body, its query, its path id, its token, its method).
 */
final class HostileRequests {

    enum Expect {
        /** 4xx with a problem+json body */
        REFUSED,
        /** REFUSED, or 200 with a batch result that accepted nothing */
        ITEMS_REFUSED
    }

    enum Family { WRONG_TYPE, MISSING, HUGE, DEEP, INVALID_UTF8, UNKNOWN_ENUM, NUMBERS, INJECTION, OPERATOR_KEYS, MALFORMED_JSON,
                  CONTENT_TYPE, QUERY, QUERY_ENCODING, PATH_ID, NO_TOKEN, BAD_TOKEN, WRONG_ROLE, ODD_SUBJECT, METHOD, CSV, MULTIPART,
                  SIGNATURE }

    /**
     * @param role          whose token to send (a token of its own per subject); null for none or for {@code authorization}
     * @param authorization the Authorization header's value as is, when the token itself is the hostile part
     * @param status        the one status a correct suite answers, or 0 for any 4xx
     */
    record Request(int index, String group, String endpoint, Family family, String variant, String method, String target, String role,
                   String authorization, Map<String, String> headers, byte[] body, Expect expect, int status) {

        @Override
        public String toString() {
            return "#" + index + " " + family + "/" + variant + " " + method + " " + RawHttp.abbreviated(target)
                   + (role != null ? " as " + role : authorization != null ? " with a hostile token" : " without a token")
                   + (body == null ? "" : ", " + body.length + " bytes: "
                                          + RawHttp.abbreviated(new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ")));
        }
    }

    /** Strings that mean something to some interpreter: MongoDB, SQL, HTML, Log4j, Spring, shells, CSV, LDAP, templates. */
    private static final List<String> INJECTIONS = List.of(
            "{\"$gt\":\"\"}", "{\"$ne\":null}", "'; DROP TABLE contacts; --", "\" OR \"1\"=\"1", "' OR 1=1 --", "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>", "${jndi:ldap://127.0.0.1:1/a}", "${${::-j}ndi:rmi://127.0.0.1:1/b}",
            "${env:HANDRAISER_SECURITY_JWT_SECRET}", "#{T(java.lang.Runtime).getRuntime().exec('id')}", "{{7*7}}", "<%= 7*7 %>",
            "../../etc/passwd", "..\\..\\windows\\win.ini", "/../../../../etc/shadow", "file:///etc/passwd",
            "http://169.254.169.254/latest/meta-data/", "$(touch /tmp/pwned)", "`id`", "| cat /etc/passwd", "; rm -rf / #",
            "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "*)(uid=*))(|(uid=*", "%s%s%s%s%n", "\r\nX-Injected: 1",
            "this.constructor.constructor('return process')()", "db.contacts.drop()", "'; return true; var x='",
            "\u202Egnp.exe", "\u200B\u200B\u200B", "\uD83D\uDE00\uD83D\uDD25", "ｓｃｒｉｐｔ", "null", "undefined", "NaN", "-0", "true",
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", "\u0000", "a\u0000b", "$where", "__proto__");

    /** Path segments and ids no endpoint takes: traversal, encodings that hide separators or NUL, overlong, odd. */
    private static final List<String> HOSTILE_IDS = List.of(
            "..", ".", "..%2f..%2fetc%2fpasswd", "%2e%2e", "%2e%2e%2f%2e%2e", "..%5c..%5cwindows", "%00", "x%00y", "%252e%252e",
            "%252f", ";jsessionid=1", "a;b", "%c0%ae%c0%ae", "%ff%fe", "%zz", "%", "\u00e9", "%E2%80%AE", "%F0%9F%98%80", "{{7*7}}",
            "<script>", "%3Cscript%3E", "%7B%22%24gt%22%3A%22%22%7D", "$where", "'%20OR%20'1'='1", "-1", "0", "99999999999999999999",
            "9223372036854775808", "1e3", "0x10", "NaN", "null", "undefined", "%20", "%09", "a/b", "~root", "*", "C:%5Cwindows",
            "x.json", "%2Fetc%2Fpasswd", "..;", "a\\b", "%u002e%u002e");

    private static final List<String> STAGES = List.of("SUBSCRIBER", "LEAD", "MQL", "SQL", "OPPORTUNITY", "CUSTOMER", "EVANGELIST", "OTHER");
    private static final List<String> ENGAGEMENT_TYPES = List.of("PAGE_VIEW", "CONTENT_DOWNLOAD", "WEBINAR_REGISTERED", "WEBINAR_ATTENDED",
                                                                 "EMAIL_OPENED", "EMAIL_CLICKED", "DEMO_REQUESTED");
    private static final List<String> RETURN_REASONS = List.of("NOT_READY", "NO_BUDGET", "BAD_FIT", "NO_RESPONSE", "SLA_EXPIRED", "DUPLICATE",
                                                               "OTHER");
    private static final List<String> DISQUALIFICATIONS = List.of("COMPETITOR", "STUDENT", "SPAM", "BAD_FIT", "ANALYST", "OTHER");
    /** What every endpoint has besides its input: who calls, and how. */
    private static final Set<Family> EDGE = EnumSet.of(Family.NO_TOKEN, Family.BAD_TOKEN, Family.WRONG_ROLE, Family.ODD_SUBJECT, Family.METHOD);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int DEEP = 10_000;
    private static final int HUGE = 100 * 1024;
    private static final int BODY_OVER_LIMIT = 2 * 1024 * 1024;

    private final Random random;
    private final String secret;
    private final List<Endpoint> endpoints = catalogue();
    private int placeholders;

    HostileRequests(long seed, String secret) {
        this.random = new Random(seed);
        this.secret = secret;
    }

    List<String> endpoints() {
        return endpoints.stream().map(Endpoint::name).toList();
    }

    /**
     * Four in five requests to an endpoint that takes input attack the input (body, query, path id); the rest, and
     * every request to an endpoint without input, its token or its method.
     */
    List<Request> generate(int count) {
        List<Request> requests = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            Endpoint endpoint = endpoints.get(index % endpoints.size());
            List<Family> families = endpoint.families();
            List<Family> input = families.stream().filter(family -> !EDGE.contains(family)).toList();
            List<Family> pool = !input.isEmpty() && random.nextInt(5) > 0 ? input : families;
            requests.add(generate(index, endpoint, pool.get(random.nextInt(pool.size()))));
        }
        return requests;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The endpoints, as the gateway's routes and access rules and the services' controllers define them

    private enum Id {
        NONE, CONTACT, HANDOFF, DELIVERY, REP, VERSION, JOB, GROUP;

        /** An id of the right shape that nothing has, so that the endpoint answers 404 once the rest passes. */
        String unknown(Random random) {
            return switch (this) {
                case CONTACT, HANDOFF, DELIVERY -> new UUID(random.nextLong(), random.nextLong()).toString();
                case REP -> "hostile-nobody-" + random.nextInt(1_000_000);
                case VERSION -> Integer.toString(900_000 + random.nextInt(99_999));
                case JOB -> "hostile-job-" + Integer.toHexString(random.nextInt());
                case GROUP -> "hostile-group-" + random.nextInt(1_000);
                case NONE -> throw new IllegalStateException("no id");
            };
        }
    }

    private enum Kind { TEXT, EMAIL, INT, NUMBER, BOOL, ENUM, INSTANT, UUID, OBJECT, TEXTS, OBJECTS }

    /** A body field: its JSON kind, a valid example, its choices (enums) or fields (objects). */
    private record F(String name, Kind kind, boolean required, String example, List<String> choices, List<F> fields) {

        F mandatory() {
            return new F(name, kind, true, example, choices, fields);
        }

        boolean textual() {
            return kind == Kind.TEXT || kind == Kind.EMAIL || kind == Kind.ENUM || kind == Kind.INSTANT || kind == Kind.UUID;
        }

        boolean numeric() {
            return kind == Kind.INT || kind == Kind.NUMBER;
        }
    }

    private static F text(String name) {
        return new F(name, Kind.TEXT, false, "probe", List.of(), List.of());
    }

    private static F text(String name, String example) {
        return new F(name, Kind.TEXT, false, example, List.of(), List.of());
    }

    private static F email(String name) {
        return new F(name, Kind.EMAIL, false, null, List.of(), List.of());
    }

    private static F integer(String name, int example) {
        return new F(name, Kind.INT, false, Integer.toString(example), List.of(), List.of());
    }

    private static F number(String name, double example) {
        return new F(name, Kind.NUMBER, false, Double.toString(example), List.of(), List.of());
    }

    private static F bool(String name) {
        return new F(name, Kind.BOOL, false, "true", List.of(), List.of());
    }

    private static F choice(String name, List<String> values) {
        return new F(name, Kind.ENUM, false, values.get(0), values, List.of());
    }

    private static F instant(String name) {
        return new F(name, Kind.INSTANT, false, "2026-01-01T00:00:00Z", List.of(), List.of());
    }

    private static F uuid(String name) {
        return new F(name, Kind.UUID, false, null, List.of(), List.of());
    }

    private static F object(String name, F... fields) {
        return new F(name, Kind.OBJECT, false, null, List.of(), List.of(fields));
    }

    private static F texts(String name, String example) {
        return new F(name, Kind.TEXTS, false, example, List.of(), List.of());
    }

    private static F objects(String name, F... fields) {
        return new F(name, Kind.OBJECTS, false, null, List.of(), List.of(fields));
    }

    private enum BodyKind { NONE, JSON, CSV }

    /** A query parameter: its kind decides which bad values it gets. */
    private record P(String name, Kind kind) {
    }

    /** A field or parameter value that makes the request invalid for certain. */
    private record Anchor(String name, Object value) {
    }

    private static final class Endpoint {
        final String group;
        final String method;
        final String path;
        final String role;
        Id id = Id.NONE;
        /** whether an unknown id alone makes the endpoint answer 404 */
        boolean idRefuses;
        BodyKind body = BodyKind.NONE;
        List<F> fields = List.of();
        final List<Anchor> bodyAnchors = new ArrayList<>();
        final List<P> params = new ArrayList<>();
        final List<Anchor> paramAnchors = new ArrayList<>();
        /** the gateway lets anyone in: tokens make no difference */
        boolean open;
        /** the gateway admits the role, the service does not: the request is refused whatever it carries */
        boolean refusedByRole;
        /** a webhook that authenticates by a signature over the body; none here is ever right */
        boolean signed;
        /** its one parameter names something or is invalid: any value of it is refused or finds nothing */
        boolean everyValueRefused;
        Expect expect = Expect.REFUSED;
        /** methods served on the same path, by this or another endpoint */
        Set<String> pathMethods = Set.of();

        Endpoint(String group, String method, String path, String role) {
            this.group = group;
            this.method = method;
            this.path = path;
            this.role = role;
        }

        String name() {
            return method + " " + path;
        }

        Endpoint id(Id kind, boolean refuses) {
            this.id = kind;
            this.idRefuses = refuses;
            return this;
        }

        Endpoint json(F... bodyFields) {
            this.body = BodyKind.JSON;
            this.fields = List.of(bodyFields);
            return this;
        }

        Endpoint csv() {
            this.body = BodyKind.CSV;
            return this;
        }

        Endpoint bodyAnchor(String field, Object value) {
            bodyAnchors.add(new Anchor(field, value));
            return this;
        }

        Endpoint param(String name, Kind kind) {
            params.add(new P(name, kind));
            return this;
        }

        Endpoint paramAnchor(String name, String value) {
            paramAnchors.add(new Anchor(name, value));
            return this;
        }

        Endpoint open() {
            this.open = true;
            return this;
        }

        Endpoint everyValueRefused() {
            this.everyValueRefused = true;
            return this;
        }

        Endpoint signed() {
            this.signed = true;
            return this;
        }

        Endpoint refusedByRole() {
            this.refusedByRole = true;
            return this;
        }

        Endpoint itemsAnswered() {
            this.expect = Expect.ITEMS_REFUSED;
            return this;
        }

        /** Whether the request is refused even if the hostile part turns out harmless. */
        boolean anchored() {
            return idRefuses || !bodyAnchors.isEmpty() || !paramAnchors.isEmpty() || refusedByRole;
        }

        List<Family> families() {
            EnumSet<Family> families = EnumSet.of(Family.METHOD);
            if (!open) {
                families.addAll(List.of(Family.NO_TOKEN, Family.BAD_TOKEN, Family.WRONG_ROLE));
                if (anchored()) {
                    families.add(Family.ODD_SUBJECT);
                }
            }
            if (id != Id.NONE && anchored()) {
                families.add(Family.PATH_ID);
            }
            if (body == BodyKind.JSON && (anchored() || expect == Expect.ITEMS_REFUSED)) {
                families.addAll(List.of(Family.WRONG_TYPE, Family.MISSING, Family.HUGE, Family.DEEP, Family.INVALID_UTF8, Family.NUMBERS,
                                        Family.INJECTION, Family.OPERATOR_KEYS, Family.MALFORMED_JSON, Family.CONTENT_TYPE));
                if (hasEnum(fields)) {
                    families.add(Family.UNKNOWN_ENUM);
                }
            }
            if (body == BodyKind.CSV) {
                families.addAll(List.of(Family.CSV, Family.MULTIPART));
            }
            if (!attackable().isEmpty()) {
                families.addAll(List.of(Family.QUERY, Family.QUERY_ENCODING));
            }
            if (signed) {
                families.add(Family.SIGNATURE);
                families.addAll(List.of(Family.WRONG_TYPE, Family.HUGE, Family.DEEP, Family.INVALID_UTF8, Family.INJECTION,
                                        Family.MALFORMED_JSON, Family.CONTENT_TYPE));
            }
            return List.copyOf(families);
        }

        /** Parameters that can be attacked while another one, or the id, keeps the request invalid. */
        List<P> attackable() {
            return params.stream().filter(param -> idRefuses || everyValueRefused
                                                   || paramAnchors.stream().anyMatch(anchor -> !anchor.name().equals(param.name())))
                         .toList();
        }

        private static boolean hasEnum(List<F> fields) {
            return fields.stream().anyMatch(field -> field.kind() == Kind.ENUM || hasEnum(field.fields()));
        }
    }

    private static List<Endpoint> catalogue() {
        F[] profile = {text("firstName"), text("lastName"), text("company"), text("jobTitle"), text("industry"), integer("companySize", 50),
                       text("country", "SE"), text("phone")};
        F source = object("source", text("system", "hubspot").mandatory(), text("campaign"));
        F detail = object("detail", text("url", "https://example.com/pricing"), text("asset"), text("campaign"), text("form"));
        F[] engagement = {text("engagementId", "hostile-1").mandatory(), choice("type", ENGAGEMENT_TYPES).mandatory(),
                          instant("occurredAt").mandatory(), detail, source};
        F tiers = objects("tiers", text("name", "A"), integer("minFit", 0), integer("minTotal", 50));
        F[] job = {integer("modelVersion", 1), instant("from"), instant("to"), object("model", text("name", "probe").mandatory(), tiers)};
        List<Endpoint> all = new ArrayList<>();

        // contact-service
        all.add(new Endpoint("contact", "POST", "/api/contacts", "automation")
                        .json(concat(new F[]{email("email").mandatory()}, profile,
                                     new F[]{source, choice("stage", List.of("SUBSCRIBER", "LEAD"))}))
                        .bodyAnchor("companySize", 0).bodyAnchor("country", "Sweden").bodyAnchor("stage", "MQL")
                        .bodyAnchor("email", "not-an-email"));
        all.add(new Endpoint("contact", "PATCH", "/api/contacts/{id}", "automation").id(Id.CONTACT, true).json(profile));
        all.add(new Endpoint("contact", "GET", "/api/contacts/{id}", "sales").id(Id.CONTACT, true));
        all.add(new Endpoint("contact", "DELETE", "/api/contacts/{id}", "marketing").id(Id.CONTACT, true));
        all.add(new Endpoint("contact", "GET", "/api/contacts", "sales").param("email", Kind.EMAIL).everyValueRefused()
                        .paramAnchor("email", "hostile-nobody@example.invalid").paramAnchor("email", "not-an-email"));
        all.add(new Endpoint("contact", "POST", "/api/contacts/{id}/engagements", "automation").id(Id.CONTACT, true).json(engagement));
        all.add(new Endpoint("contact", "POST", "/api/engagements/batch", "automation").itemsAnswered()
                        .json(objects("items", concat(new F[]{uuid("contactId"), email("email")}, engagement)).mandatory()));
        all.add(new Endpoint("contact", "POST", "/api/contacts/{id}/mql", "marketing").id(Id.CONTACT, true)
                        .json(text("tier", "A"), text("reason", "asked for a demo")));
        all.add(new Endpoint("contact", "POST", "/api/contacts/{id}/sql", "sales").id(Id.CONTACT, true).json(text("note")));
        all.add(new Endpoint("contact", "POST", "/api/inbox/{id}/accept", "sales").id(Id.CONTACT, true).json(text("note")));
        all.add(new Endpoint("contact", "POST", "/api/contacts/{id}/nurture", "sales").id(Id.CONTACT, true)
                        .json(choice("reason", RETURN_REASONS).mandatory(), text("note")));
        all.add(new Endpoint("contact", "POST", "/api/inbox/{id}/return", "sales").id(Id.CONTACT, true)
                        .json(choice("reason", RETURN_REASONS).mandatory(), text("note")));
        all.add(new Endpoint("contact", "POST", "/api/contacts/{id}/disqualify", "marketing").id(Id.CONTACT, true)
                        .json(choice("reason", DISQUALIFICATIONS).mandatory(), text("note")));
        all.add(new Endpoint("contact", "POST", "/api/contacts/{id}/requalify", "marketing").id(Id.CONTACT, true)
                        .json(text("reason").mandatory()));
        all.add(new Endpoint("contact", "POST", "/api/contacts/{id}/stage", "sales").id(Id.CONTACT, true)
                        .json(choice("stage", STAGES).mandatory(), text("reason")));
        all.add(new Endpoint("contact", "GET", "/api/contacts/{id}/history", "auditor").id(Id.CONTACT, false)
                        .param("after", Kind.INT).param("limit", Kind.INT).paramAnchor("limit", "0").paramAnchor("after", "-2"));

        // integrations (contact-service)
        all.add(new Endpoint("integrations", "POST", "/api/integrations/contacts/import", "automation").csv());
        all.add(new Endpoint("integrations", "POST", "/api/integrations/engagements/import", "automation").csv());
        all.add(new Endpoint("integrations", "GET", "/api/integrations/imports/{id}", "automation").id(Id.JOB, true));
        all.add(new Endpoint("integrations", "GET", "/api/integrations/imports/{id}/errors", "automation").id(Id.JOB, true)
                        .param("after", Kind.INT).param("limit", Kind.INT));
        all.add(new Endpoint("integrations", "POST", "/api/integrations/mautic/webhook", null).open().signed()
                        .json(objects("mautic.lead_post_save_new", object("lead", integer("id", 7), email("email"))), instant("timestamp")));

        // scoring-service
        all.add(new Endpoint("scoring", "GET", "/api/scores/{id}", "marketing").id(Id.CONTACT, true));
        all.add(new Endpoint("scoring", "POST", "/api/scoring/models", "marketing")
                        .json(text("name", "probe").mandatory(), text("description"),
                              objects("tiers", text("name", "A"), integer("minFit", 0), integer("minTotal", 50)).mandatory(),
                              objects("engagement", text("name", "probe"), choice("type", ENGAGEMENT_TYPES), integer("points", 5),
                                      text("urlPattern", "/pricing")))
                        .bodyAnchor("tiers", List.of()).bodyAnchor("$where", "sleep(100)"));
        all.add(new Endpoint("scoring", "GET", "/api/scoring/models", "analyst"));
        all.add(new Endpoint("scoring", "GET", "/api/scoring/models/active", "analyst"));
        all.add(new Endpoint("scoring", "GET", "/api/scoring/models/{id}", "analyst").id(Id.VERSION, true));
        all.add(new Endpoint("scoring", "POST", "/api/scoring/models/{id}/publish", "marketing").id(Id.VERSION, true));
        all.add(new Endpoint("scoring", "POST", "/api/scoring/evaluations", "marketing").json(job)
                        .bodyAnchor("modelVersion", 987_654).bodyAnchor("hostile", true));
        all.add(new Endpoint("scoring", "GET", "/api/scoring/evaluations", "analyst").param("before", Kind.TEXT).param("limit", Kind.INT)
                        .paramAnchor("limit", "0").paramAnchor("limit", "101"));
        all.add(new Endpoint("scoring", "GET", "/api/scoring/evaluations/{id}", "analyst").id(Id.JOB, true));
        all.add(new Endpoint("scoring", "POST", "/api/scoring/calibrations", "marketing")
                        .json(concat(job, new F[]{number("targetPrecision", 0.7), number("holdOut", 0.3)}))
                        .bodyAnchor("modelVersion", 987_654).bodyAnchor("hostile", true));
        all.add(new Endpoint("scoring", "GET", "/api/scoring/calibrations", "analyst").param("before", Kind.TEXT).param("limit", Kind.INT)
                        .paramAnchor("limit", "0").paramAnchor("limit", "101"));
        all.add(new Endpoint("scoring", "GET", "/api/scoring/calibrations/{id}", "analyst").id(Id.JOB, true));

        // handoff-service
        all.add(new Endpoint("handoff", "GET", "/api/inbox", "sales"));
        all.add(new Endpoint("handoff", "GET", "/api/inbox/stream", "sales"));
        all.add(new Endpoint("handoff", "GET", "/api/inbox/unassigned", "sales"));
        all.add(new Endpoint("handoff", "POST", "/api/inbox/handoffs/{id}/claim", "sales").id(Id.HANDOFF, true));
        all.add(new Endpoint("handoff", "POST", "/api/inbox/handoffs/{id}/reassign", "sales").id(Id.HANDOFF, true)
                        .json(text("to", "hostile-nobody").mandatory()));
        all.add(new Endpoint("handoff", "GET", "/api/reps", "sales"));
        all.add(new Endpoint("handoff", "GET", "/api/reps/{id}", "sales").id(Id.REP, true));
        all.add(new Endpoint("handoff", "PUT", "/api/reps/{id}", "admin").id(Id.REP, false)
                        .json(text("name", "Probe").mandatory(), texts("territories", "SE"), texts("industries", "Software"), texts("tiers", "A"),
                              integer("capacity", 5).mandatory(), bool("available"))
                        .bodyAnchor("capacity", 0).bodyAnchor("territories", List.of("Sweden")).bodyAnchor("name", ""));
        all.add(new Endpoint("handoff", "GET", "/api/routing/{id}", "sales").id(Id.REP, true));
        all.add(new Endpoint("handoff", "GET", "/api/crm/deliveries", "admin").param("state", Kind.ENUM).param("after", Kind.UUID)
                        .param("limit", Kind.INT).paramAnchor("limit", "0").paramAnchor("state", "bogus").paramAnchor("after", "not-a-uuid"));
        all.add(new Endpoint("handoff", "POST", "/api/crm/deliveries/{id}/replay", "admin").id(Id.DELIVERY, true));

        // reporting-service
        for (String report : List.of("conversions", "time-in-stage", "mql-outcomes", "returns", "reps", "sla")) {
            all.add(new Endpoint("reporting", "GET", "/api/reports/" + report, "analyst").param("from", Kind.INSTANT).param("to", Kind.INSTANT)
                            .param("source", Kind.TEXT).param("campaign", Kind.TEXT).param("breakdown", Kind.ENUM).param("tier", Kind.TEXT)
                            .param("period", Kind.ENUM).param("modelVersion", Kind.TEXT)
                            .paramAnchor("from", "notadate").paramAnchor("to", "2026-13-45"));
        }
        all.add(new Endpoint("reporting", "GET", "/api/reports/stages", "analyst").param("at", Kind.INSTANT).param("source", Kind.TEXT)
                        .param("campaign", Kind.TEXT).param("breakdown", Kind.ENUM).paramAnchor("at", "notadate").paramAnchor("from", "2026-01-01"));
        all.add(new Endpoint("reporting", "POST", "/api/reports/rebuild", "analyst").refusedByRole());
        all.add(new Endpoint("reporting", "GET", "/api/reports/rebuild", "analyst"));
        all.add(new Endpoint("reporting", "GET", "/api/audit/decisions", "auditor").param("actor", Kind.TEXT).param("contact", Kind.UUID)
                        .param("type", Kind.ENUM).param("from", Kind.INSTANT).param("to", Kind.INSTANT).param("after", Kind.TEXT)
                        .param("limit", Kind.INT).paramAnchor("limit", "-1").paramAnchor("after", "garbage").paramAnchor("contact", "not-a-uuid")
                        .paramAnchor("type", "Bogus"));
        all.add(new Endpoint("reporting", "GET", "/api/audit/decisions.csv", "auditor").param("actor", Kind.TEXT).param("contact", Kind.UUID)
                        .param("type", Kind.ENUM).param("from", Kind.INSTANT).param("to", Kind.INSTANT)
                        .paramAnchor("contact", "not-a-uuid").paramAnchor("from", "notadate").paramAnchor("type", "Bogus"));

        // every service's dead letters, through the gateway's admin routes
        for (String service : List.of("contact", "scoring", "handoff", "reporting")) {
            String base = "/api/admin/" + service + "/dead-letters";
            all.add(new Endpoint("admin", "GET", base, "admin"));
            all.add(new Endpoint("admin", "GET", base + "/{id}", "admin").id(Id.GROUP, false).param("after", Kind.TEXT).param("limit", Kind.INT)
                            .paramAnchor("limit", "0").paramAnchor("limit", "201"));
            all.add(new Endpoint("admin", "POST", base + "/{id}/retry", "admin").id(Id.GROUP, false).param("sequence", Kind.TEXT)
                            .param("limit", Kind.INT).paramAnchor("limit", "0").paramAnchor("sequence", " "));
            all.add(new Endpoint("admin", "DELETE", base + "/{id}", "admin").id(Id.GROUP, false).param("sequence", Kind.TEXT)
                            .paramAnchor("sequence", " ").paramAnchor("sequence", ""));
        }

        // the gateway's own public pages and what is not there
        all.add(new Endpoint("gateway", "GET", "/dashboard/{id}", null).open().id(Id.JOB, true));
        all.add(new Endpoint("gateway", "GET", "/v3/api-docs/{id}", null).open().id(Id.JOB, true));
        all.add(new Endpoint("gateway", "GET", "/dev/tokens/{id}", null).open().id(Id.JOB, true));
        all.add(new Endpoint("gateway", "GET", "/api/{id}", "admin").id(Id.JOB, true));

        Map<String, Set<String>> methods = all.stream().collect(
                Collectors.groupingBy(endpoint -> endpoint.path, Collectors.mapping(endpoint -> endpoint.method, Collectors.toSet())));
        all.forEach(endpoint -> endpoint.pathMethods = methods.get(endpoint.path));
        return List.copyOf(all);
    }

    private static F[] concat(F[]... parts) {
        List<F> all = new ArrayList<>();
        for (F[] part : parts) {
            all.addAll(List.of(part));
        }
        return all.toArray(F[]::new);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // One request

    /** A request under construction: the families below change what they attack. */
    private final class Draft {
        final Endpoint endpoint;
        final Family family;
        String variant = "";
        String method;
        String pathId;
        final Map<String, String> query = new LinkedHashMap<>();
        String rawQuery;
        String role;
        String authorization;
        final Map<String, String> headers = new LinkedHashMap<>();
        ObjectNode json;
        /** placeholders in the JSON, replaced by raw bytes that no JSON library would write */
        final Map<String, byte[]> raw = new LinkedHashMap<>();
        byte[] body;
        boolean bodySet;
        int status;
        Expect expect;

        Draft(Endpoint endpoint, Family family) {
            this.endpoint = endpoint;
            this.family = family;
            this.method = endpoint.method;
            this.role = endpoint.role;
            this.expect = endpoint.expect;
            if (endpoint.id != Id.NONE) {
                pathId = endpoint.id.unknown(random);
            }
            if (endpoint.body == BodyKind.JSON) {
                json = valid(endpoint.fields);
                headers.put("Content-Type", "application/json");
            }
        }

        /** Makes the request invalid for certain without touching {@code spared}, the field or parameter attacked. */
        void anchor(String spared) {
            if (endpoint.body == BodyKind.JSON && !endpoint.idRefuses && !endpoint.bodyAnchors.isEmpty()) {
                List<Anchor> usable = endpoint.bodyAnchors.stream().filter(anchor -> !anchor.name().equals(spared)).toList();
                Anchor anchor = usable.get(random.nextInt(usable.size()));
                json.set(anchor.name(), Http.JSON.valueToTree(anchor.value()));
            }
            if (!endpoint.params.isEmpty() && !endpoint.idRefuses && !endpoint.paramAnchors.isEmpty()) {
                List<Anchor> usable = endpoint.paramAnchors.stream().filter(anchor -> !anchor.name().equals(spared)).toList();
                // none when the attacked parameter is one whose every value is refused (?email=)
                if (!usable.isEmpty()) {
                    Anchor anchor = usable.get(random.nextInt(usable.size()));
                    query.put(anchor.name(), (String) anchor.value());
                }
            }
        }

        String placeholder(byte[] bytes) {
            String name = "@@raw" + placeholders++ + "@@";
            raw.put(name, bytes);
            return name;
        }

        void body(byte[] bytes) {
            body = bytes;
            bodySet = true;
        }

        Request build(int index) {
            String path = endpoint.path.replace("{id}", pathId == null ? "" : pathId);
            String queryText = rawQuery != null ? rawQuery
                    : query.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                           .collect(Collectors.joining("&"));
            byte[] bytes = bodySet ? body : json == null ? null : splice(json.toString().getBytes(StandardCharsets.UTF_8), raw);
            return new Request(index, endpoint.group, endpoint.name(), family, variant, method,
                               queryText.isEmpty() ? path : path + "?" + queryText, role, authorization, Map.copyOf(headers), bytes, expect,
                               status);
        }
    }

    private Request generate(int index, Endpoint endpoint, Family family) {
        Draft draft = new Draft(endpoint, family);
        switch (family) {
            case WRONG_TYPE -> wrongType(draft);
            case MISSING -> missing(draft);
            case HUGE -> huge(draft);
            case DEEP -> deep(draft);
            case INVALID_UTF8 -> invalidUtf8(draft);
            case UNKNOWN_ENUM -> unknownEnum(draft);
            case NUMBERS -> numbers(draft);
            case INJECTION -> injection(draft);
            case OPERATOR_KEYS -> operatorKeys(draft);
            case MALFORMED_JSON -> malformedJson(draft);
            case CONTENT_TYPE -> contentType(draft);
            case QUERY -> query(draft);
            case QUERY_ENCODING -> queryEncoding(draft);
            case PATH_ID -> pathId(draft);
            case NO_TOKEN -> noToken(draft);
            case BAD_TOKEN -> badToken(draft);
            case WRONG_ROLE -> wrongRole(draft);
            case ODD_SUBJECT -> oddSubject(draft);
            case METHOD -> method(draft);
            case CSV -> csv(draft);
            case MULTIPART -> multipart(draft);
            case SIGNATURE -> signature(draft);
        }
        if (endpoint.signed && !draft.headers.containsKey("Webhook-Signature")) {
            draft.headers.put("Webhook-Signature", Base64.getEncoder().encodeToString(bytes(32)));
        }
        return draft.build(index);
    }

    // --- body families ---------------------------------------------------------------------------------------------

    private void wrongType(Draft draft) {
        Target target = anyField(draft);
        List<JsonNode> wrong = switch (target.field().kind()) {
            case TEXT, EMAIL, ENUM, INSTANT, UUID -> List.of(NODES.arrayNode().add("a"), NODES.objectNode().put("a", 1), NODES.arrayNode(),
                                                             NODES.objectNode(), NODES.booleanNode(true), NODES.numberNode(-1.5));
            case INT, NUMBER -> List.of(NODES.textNode("five"), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(),
                                        NODES.textNode("12abc"), NODES.textNode(""));
            case BOOL -> List.of(NODES.textNode("yes"), NODES.numberNode(2), NODES.arrayNode(), NODES.objectNode());
            case OBJECT -> List.of(NODES.textNode("text"), NODES.numberNode(5), NODES.arrayNode().add(1), NODES.booleanNode(false));
            case TEXTS, OBJECTS -> List.of(NODES.textNode("text"), NODES.numberNode(5), NODES.objectNode().put("a", 1),
                                           NODES.arrayNode().add(NODES.arrayNode().add(NODES.arrayNode().add("x"))),
                                           NODES.arrayNode().add(1).add(NODES.objectNode()));
        };
        JsonNode value = wrong.get(random.nextInt(wrong.size()));
        target.set(value);
        draft.variant = target.path() + "=" + value;
        draft.anchor(target.top());
    }

    private void missing(Draft draft) {
        List<String> required = draft.endpoint.fields.stream().filter(F::required).map(F::name).toList();
        int choice = random.nextInt(required.isEmpty() ? 6 : 8);
        switch (choice) {
            case 0 -> {
                draft.variant = "empty object";
                draft.body("{}".getBytes(StandardCharsets.UTF_8));
            }
            case 1 -> {
                draft.variant = "no body";
                draft.body(null);
            }
            case 2 -> {
                draft.variant = "JSON null";
                draft.body("null".getBytes(StandardCharsets.UTF_8));
            }
            case 3 -> {
                draft.variant = "array instead of object";
                draft.body("[{}]".getBytes(StandardCharsets.UTF_8));
            }
            case 4 -> {
                draft.variant = "scalar instead of object";
                draft.body(("\"" + INJECTIONS.get(random.nextInt(INJECTIONS.size())).replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                                   .getBytes(StandardCharsets.UTF_8));
            }
            case 5 -> {
                draft.variant = "empty body with a JSON content type";
                draft.body(new byte[0]);
            }
            default -> {
                String field = required.get(random.nextInt(required.size()));
                if (choice == 6) {
                    draft.json.remove(field);
                    draft.variant = "without " + field;
                } else {
                    draft.json.putNull(field);
                    draft.variant = field + "=null";
                }
                draft.anchor(field);
            }
        }
        if (draft.bodySet) {
            draft.anchor(null);
        }
    }

    private void huge(Draft draft) {
        Target target = stringField(draft);
        int choice = random.nextInt(4);
        if (choice == 3) {
            target.set(NODES.textNode(draft.placeholder(letters(BODY_OVER_LIMIT))));
            draft.variant = target.path() + " of 2 MB";
        } else if (choice == 2) {
            target.set(NODES.textNode(unicode(HUGE / 4)));
            draft.variant = target.path() + " of 100 KB unicode";
        } else {
            target.set(NODES.textNode(draft.placeholder(letters(HUGE))));
            draft.variant = target.path() + " of 100 KB";
        }
        draft.anchor(target.top());
    }

    private void deep(Draft draft) {
        boolean arrays = random.nextBoolean();
        byte[] nested = nested(DEEP, arrays);
        if (random.nextInt(3) == 0) {
            draft.body(nested);
            draft.variant = "the body nested " + DEEP + " levels";
            draft.anchor(null);
            return;
        }
        Target target = anyField(draft);
        target.set(NODES.textNode(draft.placeholder(nested)));
        draft.variant = target.path() + " nested " + DEEP + " levels of " + (arrays ? "arrays" : "objects");
        draft.anchor(target.top());
    }

    private void invalidUtf8(Draft draft) {
        // a stray byte, a broken pair, an overlong '/', a UTF-16 surrogate, a five-byte form, a cut-off sequence, raw
        // control bytes, Latin-1
        List<byte[]> sequences = List.of(new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xC0, (byte) 0xAF},
                                         new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                                         new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80},
                                         new byte[]{(byte) 0xE2, (byte) 0x82}, new byte[]{0x01, 0x00}, new byte[]{(byte) 0xE9});
        int which = random.nextInt(sequences.size());
        if (random.nextInt(4) == 0) {
            draft.variant = "the body in UTF-16";
            draft.anchor(null);
            draft.body(draft.json.toString().getBytes(StandardCharsets.UTF_16));
            return;
        }
        Target target = stringField(draft);
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        value.writeBytes("\"probe".getBytes(StandardCharsets.US_ASCII));
        value.writeBytes(sequences.get(which));
        value.writeBytes("probe\"".getBytes(StandardCharsets.US_ASCII));
        target.set(NODES.textNode(draft.placeholder(value.toByteArray())));
        draft.variant = target.path() + " with invalid UTF-8 (sequence " + which + ")";
        draft.anchor(target.top());
    }

    private void unknownEnum(Draft draft) {
        List<Target> enums = fields(draft).stream().filter(target -> target.field().kind() == Kind.ENUM).toList();
        Target target = enums.get(random.nextInt(enums.size()));
        F field = target.field();
        List<Object> values = List.of("NOT_A_VALUE", field.example().toLowerCase(), " " + field.example(), "", field.example() + "\u0000",
                                      "ＬＥＡＤ", field.example() + "S", 999, -1, field.example().repeat(500));
        Object value = values.get(random.nextInt(values.size()));
        target.set(Http.JSON.valueToTree(value));
        draft.variant = target.path() + "=" + RawHttp.abbreviated(String.valueOf(value));
        draft.anchor(target.top());
    }

    private void numbers(Draft draft) {
        List<String> numbers = List.of("-1", "0", "-2147483649", "2147483648", "9223372036854775808", "-9223372036854775809", "1e400",
                                       "-1e400", "1.5", "1e-400", "123456789012345678901234567890", "0x10", "NaN", "Infinity", "00012",
                                       "1" + "0".repeat(5_000), "\"12\"", "1E+2", "-0");
        String number = numbers.get(random.nextInt(numbers.size()));
        List<Target> targets = fields(draft).stream().filter(target -> target.field().numeric()).toList();
        Target target = targets.isEmpty() ? anyField(draft) : targets.get(random.nextInt(targets.size()));
        target.set(NODES.textNode(draft.placeholder(number.getBytes(StandardCharsets.US_ASCII))));
        draft.variant = target.path() + "=" + RawHttp.abbreviated(number);
        draft.anchor(target.top());
    }

    private void injection(Draft draft) {
        if (random.nextInt(3) == 0) {
            List<Target> strings = fields(draft).stream().filter(target -> target.field().textual() || target.field().kind() == Kind.TEXTS).toList();
            for (Target target : strings) {
                String injection = INJECTIONS.get(random.nextInt(INJECTIONS.size()));
                target.set(target.field().kind() == Kind.TEXTS ? NODES.arrayNode().add(injection) : NODES.textNode(injection));
            }
            draft.variant = "an injection in every field";
            draft.anchor(null);
            return;
        }
        Target target = stringField(draft);
        String injection = INJECTIONS.get(random.nextInt(INJECTIONS.size()));
        target.set(target.field().kind() == Kind.TEXTS ? NODES.arrayNode().add(injection) : NODES.textNode(injection));
        draft.variant = target.path() + "=" + injection;
        draft.anchor(target.top());
    }

    private void operatorKeys(Draft draft) {
        int choice = random.nextInt(6);
        switch (choice) {
            case 0 -> {
                draft.json.put("$where", "sleep(100) || true");
                draft.json.set("$gt", NODES.objectNode());
                draft.variant = "operators as keys";
            }
            case 1 -> {
                draft.json.set("__proto__", NODES.objectNode().put("admin", true));
                draft.json.set("constructor", NODES.objectNode().set("prototype", NODES.objectNode().put("admin", true)));
                draft.variant = "prototype keys";
            }
            case 2 -> {
                draft.json.put("@class", "java.lang.ProcessBuilder");
                draft.json.set("@type", NODES.arrayNode().add("java.net.URL").add("http://127.0.0.1:1/"));
                draft.variant = "polymorphic type keys";
            }
            case 3 -> {
                draft.json.put("a.b", 1);
                draft.json.put("a\u0000b", 1);
                draft.json.put("", 1);
                draft.json.put("$", 1);
                draft.variant = "dotted, NUL and empty keys";
            }
            default -> {
                Target target = anyField(draft);
                List<JsonNode> operators = List.of(NODES.objectNode().put("$gt", ""), NODES.objectNode().putNull("$ne"),
                                                   NODES.objectNode().put("$regex", ".*"), NODES.objectNode().put("$where", "1 == 1"),
                                                   NODES.objectNode().set("$in", NODES.arrayNode().add("a").add("b")));
                JsonNode operator = operators.get(random.nextInt(operators.size()));
                target.set(operator);
                draft.variant = target.path() + "=" + operator;
                draft.anchor(target.top());
                return;
            }
        }
        draft.anchor(null);
    }

    private void malformedJson(Draft draft) {
        draft.anchor(null);
        String valid = draft.json.toString();
        List<String> bodies = List.of(
                valid.substring(0, Math.max(1, random.nextInt(valid.length()))),
                valid + "}}}",
                valid.substring(0, valid.length() - 1) + ",}",
                valid.replace('"', '\''),
                "/* comment */ " + valid,
                valid.replaceFirst("\"(\\w+)\":", "$1:"),
                valid.replaceFirst(":(\"[^\"]*\"|\\d+)", ":NaN"),
                "\uFEFF" + valid,
                valid + valid,
                valid.replaceFirst(":\"[^\"]*\"", ":\"\\\\ud800\""),
                valid.replaceFirst(":\"[^\"]*\"", ":\"tab\there\""),
                valid.replaceFirst(":\"[^\"]*\"", ":\"\\\\x41\""),
                "{\"" + "k".repeat(60_000) + "\":1}",
                "{" + "\"a\":1,".repeat(50_000) + "\"a\":2}",
                "[" + "1,".repeat(200_000) + "1]",
                "{\"a\":" + "1".repeat(2_000) + "}",
                "{\"a\":\"unterminated",
                "{\"a\" \"b\"}",
                "\u0000\u0000\u0000");
        int which = random.nextInt(bodies.size());
        draft.body(bodies.get(which).getBytes(StandardCharsets.UTF_8));
        draft.variant = "malformed JSON " + which;
    }

    /**
     * A body under a content type the endpoint does not take. The bodies are the anchored JSON wherever another parser
     * could read them (JSON is valid YAML), so that a format accepted by mistake answers the anchor's 400, not 415,
     * and stores nothing. The JSON endpoints take JSON alone: a type that is clearly another format must be a 415.
     */
    private void contentType(Draft draft) {
        draft.anchor(null);
        String json = draft.json.toString();
        List<String> otherFormats = List.of("text/plain", "application/xml", "text/xml", "application/yaml", "application/x-yaml", "text/csv",
                                            "application/x-jackson-smile", "application/cbor", "application/x-java-serialized-object");
        // a form on PUT and PATCH is read into parameters before any endpoint sees it: a missing body then, not a 415
        List<String> odd = List.of("application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x",
                                   "application/json; charset=bogus",
                                   "application/json; charset=UTF-16", "application/json; charset=ISO-8859-1", "*/*", "application/*", "}{", "",
                                   "application/json, text/html");
        int which = random.nextInt(otherFormats.size() + odd.size());
        String type = which < otherFormats.size() ? otherFormats.get(which) : odd.get(which - otherFormats.size());
        if (which < otherFormats.size() && !draft.endpoint.signed) {
            draft.status = 415;
        }
        draft.headers.put("Content-Type", type);
        draft.body(json.getBytes(type.contains("ISO-8859-1") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        draft.variant = "Content-Type '" + type + "'";
    }

    // --- query and path families -----------------------------------------------------------------------------------

    private void query(Draft draft) {
        List<P> attackable = draft.endpoint.attackable();
        P param = attackable.get(random.nextInt(attackable.size()));
        List<String> values = switch (param.kind()) {
            case INT -> List.of("-1", "0", "99999999999", "99999999999999999999", "abc", "1e3", "1.5", "", " 5", "0x10", "+5", "NaN", "١٢");
            case INSTANT -> List.of("notadate", "2026-13-45", "2026-02-30T25:61:00Z", "9999999999-01-01", "-1", "2026-01-01T00:00:00",
                                    "+999999999-12-31T23:59:59.999999999Z", "2026-01-01T00:00:00+99:00", "1e400");
            case ENUM -> List.of("bogus", "NONE", "none ", "Week", "source,campaign", "\u0000");
            case UUID -> List.of("not-a-uuid", "00000000-0000-0000-0000-00000000000g", "0-0-0-0-0", "{\"$gt\":\"\"}");
            default -> List.of("q".repeat(1_800 - draft.endpoint.path.length()), "", " ");
        };
        List<String> all = new ArrayList<>(values);
        all.addAll(INJECTIONS);
        String value = all.get(random.nextInt(all.size()));
        draft.query.put(param.name(), value);
        draft.variant = param.name() + "=" + RawHttp.abbreviated(value);
        if (random.nextInt(4) == 0) {
            draft.variant += " (twice)";
            draft.anchor(param.name());
            String rest = draft.query.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                                     .collect(Collectors.joining("&"));
            draft.rawQuery = rest + "&" + encode(param.name()) + "=" + encode(value);
            return;
        }
        draft.anchor(param.name());
    }

    private void queryEncoding(Draft draft) {
        List<P> attackable = draft.endpoint.attackable();
        P param = attackable.get(random.nextInt(attackable.size()));
        List<String> raws = List.of("%zz", "%", "%e2%82", "%ff%fe", "%00", "a%00b", "\u00e9", "|", "{\"a\":1}", "\"quoted\"", "<x>", "a b", "^",
                                    "`", "%u0041", "#fragment", ";", "&&&=&=", "%25%32%35");
        String value = raws.get(random.nextInt(raws.size()));
        draft.anchor(param.name());
        String rest = draft.query.entrySet().stream().filter(entry -> !entry.getKey().equals(param.name()))
                                 .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue())).collect(Collectors.joining("&"));
        int choice = random.nextInt(10);
        if (choice < 6) {
            draft.rawQuery = (rest.isEmpty() ? "" : rest + "&") + param.name() + "=" + value;
            draft.variant = param.name() + "=" + value + " (raw)";
        } else if (choice < 8) {
            draft.rawQuery = (rest.isEmpty() ? "" : rest + "&") + "x=1&".repeat(400) + param.name() + "=1";
            draft.variant = "400 extra parameters";
        } else if (choice == 8) {
            draft.rawQuery = (rest.isEmpty() ? "" : rest + "&") + param.name() + "=" + "a".repeat(3_000);
            draft.variant = "a query over the URI limit";
        } else {
            draft.rawQuery = (rest.isEmpty() ? "" : rest + "&") + param.name() + "=" + "a".repeat(20_000);
            draft.variant = "a request line over the HTTP codec's limit";
        }
    }

    private void pathId(Draft draft) {
        int choice = random.nextInt(HOSTILE_IDS.size() + 3);
        if (choice == HOSTILE_IDS.size()) {
            draft.pathId = "a".repeat(5_000);
            draft.variant = "an id of 5,000 characters";
        } else if (choice == HOSTILE_IDS.size() + 1) {
            draft.pathId = "b".repeat(1_900 - draft.endpoint.path.length());
            draft.variant = "an id just within the URI limit";
        } else if (choice == HOSTILE_IDS.size() + 2) {
            String injection = INJECTIONS.get(random.nextInt(INJECTIONS.size()));
            draft.pathId = URLEncoder.encode(injection, StandardCharsets.UTF_8).replace("+", "%20");
            draft.variant = "id " + injection + " (encoded)";
        } else {
            draft.pathId = HOSTILE_IDS.get(choice);
            draft.variant = "id " + draft.pathId;
        }
        draft.anchor(null);
    }

    // --- token and method families ---------------------------------------------------------------------------------

    private void noToken(Draft draft) {
        draft.role = null;
        draft.status = 401;
        draft.variant = "no token";
        draft.anchor(null);
    }

    private void badToken(Draft draft) {
        String role = draft.role;
        List<String> tokens = List.of(
                "Bearer", "Bearer ", "Bearer abc", "Bearer a.b.c", "Basic dXNlcjpwYXNz", "Token " + signed("hostile", role, Duration.ofHours(1)),
                "Bearer " + signed("hostile", role, Duration.ofHours(1)) + "x", "Bearer " + signed("hostile", role, Duration.ofHours(-1)),
                "Bearer " + new DevelopmentTokens("a-different-secret-of-at-least-32-bytes!!", Clock.systemUTC())
                        .mint("hostile", Duration.ofHours(1), role),
                "Bearer " + new PlainJWT(claims("hostile", List.of(role), Duration.ofHours(1))).serialize(),
                "Bearer " + signed(JWSAlgorithm.HS512, claims("hostile", List.of(role), Duration.ofHours(1))),
                "Bearer " + signed(JWSAlgorithm.HS256, new JWTClaimsSet.Builder(claims("hostile", List.of(role), Duration.ofHours(1)))
                        .notBeforeTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build()),
                "Bearer " + "x".repeat(7_000), "Bearer " + "y".repeat(20_000), "Bearer " + INJECTIONS.get(random.nextInt(INJECTIONS.size())),
                "Bearer " + signed("hostile", role, Duration.ofHours(1)) + " " + signed("other", role, Duration.ofHours(1)),
                "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZXMiOlsiYWRtaW4iXX0.");
        int which = random.nextInt(tokens.size());
        draft.role = null;
        draft.authorization = tokens.get(which);
        draft.variant = "token " + which;
        draft.anchor(null);
    }

    /**
     * Roles claims that look like a role without being one the access rules name; and on the one endpoint the gateway
     * admits a role to that the service then refuses, that role itself.
     */
    private void wrongRole(Draft draft) {
        draft.status = 403;
        draft.anchor(null);
        if (draft.endpoint.refusedByRole && random.nextBoolean()) {
            draft.variant = "as " + draft.role;
            return;
        }
        List<List<String>> claimed = List.of(List.of(), List.of("superuser"), List.of("ADMIN"), List.of("ROLE_admin"),
                                             List.of(draft.endpoint.role == null ? "admin " : draft.endpoint.role + " "), List.of("admin,sales"));
        List<String> roles = claimed.get(random.nextInt(claimed.size()));
        draft.role = null;
        draft.authorization = "Bearer " + signed(JWSAlgorithm.HS256, claims("hostile-roles", roles, Duration.ofHours(1)));
        draft.variant = "roles " + roles;
    }

    private void oddSubject(Draft draft) {
        List<String> subjects = new ArrayList<>(INJECTIONS);
        subjects.add("s".repeat(4_000));
        subjects.add("");
        String subject = subjects.get(random.nextInt(subjects.size()));
        draft.role = null;
        draft.authorization = "Bearer " + signed(subject, draft.endpoint.role, Duration.ofHours(1));
        draft.variant = "subject " + RawHttp.abbreviated(subject);
        draft.anchor(null);
    }

    private void method(Draft draft) {
        List<String> methods = new ArrayList<>(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "TRACE", "CONNECT", "FOO", "get", "PROPFIND"));
        methods.removeAll(draft.endpoint.pathMethods);
        draft.method = methods.get(random.nextInt(methods.size()));
        draft.variant = "method " + draft.method;
        draft.anchor(null);
    }

    // --- imports and webhooks --------------------------------------------------------------------------------------

    /** CSV files whose header lacks a required column, so that no job is ever queued, with something hostile besides. */
    private void csv(Draft draft) {
        draft.headers.put("Content-Type", "text/csv");
        List<byte[]> files = csvFiles();
        int which = random.nextInt(files.size());
        draft.body(files.get(which));
        draft.variant = draft.variant.isEmpty() ? "CSV " + which : draft.variant + ", CSV " + which;
        if (random.nextInt(3) == 0) {
            draft.query.put("map." + INJECTIONS.get(random.nextInt(INJECTIONS.size())), "x");
            draft.variant += " with a hostile mapping";
        }
    }

    private List<byte[]> csvFiles() {
        String injection = INJECTIONS.get(random.nextInt(INJECTIONS.size()));
        ByteArrayOutputStream invalid = new ByteArrayOutputStream();
        invalid.writeBytes("first\u00ff".getBytes(StandardCharsets.ISO_8859_1));
        invalid.writeBytes(new byte[]{(byte) 0xC3, 0x28, ',', (byte) 0xFF, '\n', 'a', ',', 'b', '\n'});
        return List.of(new byte[0], "\n".getBytes(StandardCharsets.UTF_8),
                       ("firstName," + "x,".repeat(5_000) + "y\n").getBytes(StandardCharsets.UTF_8),
                       ("firstName," + "h".repeat(HUGE) + "\n").getBytes(StandardCharsets.UTF_8),
                       invalid.toByteArray(),
                       "\uFEFFe-mail-address,firstName\nada@example.com,Ada\n".getBytes(StandardCharsets.UTF_8),
                       "\"unbalanced,firstName\nada@example.com,Ada\n".getBytes(StandardCharsets.UTF_8),
                       ("=cmd|' /C calc'!A0,firstName\n" + injection.replace("\n", " ") + ",Ada\n").getBytes(StandardCharsets.UTF_8),
                       "firstName\0,\0\n\0\0\n".getBytes(StandardCharsets.UTF_8),
                       "email,firstName\nada@example.com,Ada\n".getBytes(StandardCharsets.UTF_16),
                       bytes(10_000),
                       ("firstName,lastName\n" + "Ada,Lovelace\n".repeat(BODY_OVER_LIMIT / 13)).getBytes(StandardCharsets.UTF_8),
                       (injection.replace("\n", " ").replace(",", ";") + ",firstName\nx,y\n").getBytes(StandardCharsets.UTF_8));
    }

    private void multipart(Draft draft) {
        String boundary = "hostile" + random.nextInt(1_000_000);
        byte[] file = csvFiles().get(random.nextInt(4) + 2);
        String type = "multipart/form-data; boundary=" + boundary;
        String end = "--" + boundary + "--\r\n";
        List<String[]> variants = List.of(
                new String[]{type, part(boundary, "data", "a.csv") + end},
                new String[]{type, part(boundary, "file", "../../etc/passwd") + end},
                new String[]{type, part(boundary, "file", "a.csv")},
                new String[]{type, "--other\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--other--\r\n"},
                new String[]{"multipart/form-data", part(boundary, "file", "a.csv") + end},
                new String[]{type, "--" + boundary + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n" + end},
                new String[]{type, part(boundary, "file", "<script>.csv\u0000") + end},
                new String[]{type, "garbage"});
        int which = random.nextInt(variants.size());
        String[] variant = variants.get(which);
        draft.headers.put("Content-Type", variant[0]);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String[] parts = variant[1].split("@@file@@", -1);
        body.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
        if (parts.length > 1) {
            body.writeBytes(file);
            body.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
        }
        draft.body(body.toByteArray());
        draft.variant = "multipart " + which;
    }

    private static String part(String boundary, String name, String filename) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
               + "Content-Type: text/csv\r\n\r\n@@file@@\r\n";
    }

    private void signature(Draft draft) {
        List<String> signatures = List.of("", " ", "sha256=" + "0".repeat(64), Base64.getEncoder().encodeToString(bytes(32)),
                                          "x".repeat(7_000), INJECTIONS.get(random.nextInt(INJECTIONS.size())).replace("\r\n", " "));
        int which = random.nextInt(signatures.size() + 1);
        if (which < signatures.size()) {
            draft.headers.put("Webhook-Signature", signatures.get(which));
        } else {
            draft.headers.put("Webhook-Signature", Base64.getEncoder().encodeToString(bytes(32)));
            draft.headers.put("Authorization", "Bearer " + signed("hostile", "admin", Duration.ofHours(1)));
        }
        draft.variant = "signature " + which;
    }

    // --- building blocks -------------------------------------------------------------------------------------------

    /** One field of the body, top-level or inside an object or list, that a family may replace. */
    private record Target(String path, String top, F field, Function<JsonNode, JsonNode> setter) {
        void set(JsonNode value) {
            setter.apply(value);
        }
    }

    private List<Target> fields(Draft draft) {
        List<Target> targets = new ArrayList<>();
        collect(draft.json, draft.endpoint.fields, "", null, targets);
        return targets;
    }

    private static void collect(ObjectNode node, List<F> fields, String prefix, String top, List<Target> targets) {
        for (F field : fields) {
            String path = prefix + field.name();
            String topName = top == null ? field.name() : top;
            targets.add(new Target(path, topName, field, value -> node.set(field.name(), value)));
            JsonNode child = node.get(field.name());
            if (field.kind() == Kind.OBJECT && child instanceof ObjectNode object) {
                collect(object, field.fields(), path + ".", topName, targets);
            } else if (field.kind() == Kind.OBJECTS && child instanceof ArrayNode array && array.get(0) instanceof ObjectNode object) {
                collect(object, field.fields(), path + "[0].", topName, targets);
            }
        }
    }

    private Target anyField(Draft draft) {
        List<Target> targets = fields(draft);
        return targets.get(random.nextInt(targets.size()));
    }

    private Target stringField(Draft draft) {
        List<Target> strings = fields(draft).stream().filter(target -> target.field().textual()).toList();
        return strings.isEmpty() ? anyField(draft) : strings.get(random.nextInt(strings.size()));
    }

    private ObjectNode valid(List<F> fields) {
        ObjectNode node = NODES.objectNode();
        for (F field : fields) {
            node.set(field.name(), validValue(field));
        }
        return node;
    }

    private JsonNode validValue(F field) {
        return switch (field.kind()) {
            case TEXT, ENUM, INSTANT -> NODES.textNode(field.example());
            case EMAIL -> NODES.textNode("hostile-" + random.nextInt(1_000_000) + "@example.invalid");
            case INT -> NODES.numberNode(Integer.parseInt(field.example()));
            case NUMBER -> NODES.numberNode(Double.parseDouble(field.example()));
            case BOOL -> NODES.booleanNode(true);
            case UUID -> NODES.textNode(new UUID(random.nextLong(), random.nextLong()).toString());
            case OBJECT -> valid(field.fields());
            case TEXTS -> NODES.arrayNode().add(field.example());
            case OBJECTS -> NODES.arrayNode().add(valid(field.fields()));
        };
    }

    private static byte[] nested(int depth, boolean arrays) {
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code "aaaa..."} with its quotes, ready to stand where a JSON string does. */
    private static byte[] letters(int length) {
        byte[] value = new byte[length + 2];
        java.util.Arrays.fill(value, (byte) 'a');
        value[0] = '"';
        value[length + 1] = '"';
        return value;
    }

    private String unicode(int codePoints) {
        int[] pool = {0x202E, 0x200B, 0x1F600, 0x0301, 0x05D0, 0xFEFF, 0x10FFFF, 0xFFFD, 0x0130, 0x00DF};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            text.appendCodePoint(pool[random.nextInt(pool.length)]);
        }
        return text.toString();
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Replaces each quoted placeholder in {@code json} by its raw bytes. */
    private static byte[] splice(byte[] json, Map<String, byte[]> raw) {
        byte[] result = json;
        for (Map.Entry<String, byte[]> placeholder : raw.entrySet()) {
            byte[] quoted = ("\"" + placeholder.getKey() + "\"").getBytes(StandardCharsets.US_ASCII);
            int at = indexOf(result, quoted);
            if (at < 0) {
                continue;
            }
            ByteArrayOutputStream spliced = new ByteArrayOutputStream(result.length + placeholder.getValue().length);
            spliced.write(result, 0, at);
            spliced.writeBytes(placeholder.getValue());
            spliced.write(result, at + quoted.length, result.length - at - quoted.length);
            result = spliced.toByteArray();
        }
        return result;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String signed(String subject, String role, Duration validFor) {
        return signed(JWSAlgorithm.HS256, claims(subject, role == null ? List.of() : List.of(role), validFor));
    }

    private static JWTClaimsSet claims(String subject, List<String> roles, Duration validFor) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(subject).issuer("handraiser-local").claim("roles", roles).issueTime(Date.from(now))
                                         .expirationTime(Date.from(now.plus(validFor))).build();
    }

    private String signed(JWSAlgorithm algorithm, JWTClaimsSet claims) {
        try {
            // HS512 wants a longer key: the secret twice, so that only the algorithm is wrong
            byte[] key = (algorithm == JWSAlgorithm.HS512 ? secret + secret : secret).getBytes(StandardCharsets.UTF_8);
            SignedJWT token = new SignedJWT(new JWSHeader(algorithm), claims);
            token.sign(new MACSigner(key));
            return token.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
