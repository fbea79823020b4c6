package io.handraiser.contact;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Mautic webhook payloads in the shapes of Mautic's webhook documentation (event type → array of events, each
 * with its own {@code timestamp}; contacts with their fields grouped core/social/personal/professional, each
 * field an object with its {@code value}; e-mail opens as the send statistic {@code stat}), and Mautic's
 * signature: base64 of HMAC-SHA256 of the raw body.
 */
final class MauticPayloads {

    private MauticPayloads() {
    }

    static String signature(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A delivery: the events by type, in order, dated now, as Mautic dates each call when it sends it. */
    static String delivery(Map<String, List<String>> eventsByType) {
        return delivery(eventsByType, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    static String delivery(Map<String, List<String>> eventsByType, Instant sent) {
        Map<String, List<String>> ordered = new LinkedHashMap<>(eventsByType);
        String types = ordered.entrySet().stream()
                              .map(type -> quote(type.getKey()) + ":[" + String.join(",", type.getValue()) + "]")
                              .collect(Collectors.joining(","));
        return "{" + types + ",\"timestamp\":\"" + sent.atOffset(ZoneOffset.UTC) + "\"}";
    }

    static String single(String type, String event) {
        return delivery(Map.of(type, List.of(event)));
    }

    static String contact(long id, String email, String firstName, String position, String country) {
        return """
                {"id":%d,"isPublished":true,"dateAdded":"2026-11-01T09:00:00+00:00","createdBy":null,"createdByUser":null,
                 "dateIdentified":"2026-11-01T09:05:00+00:00","dateModified":"2026-11-20T10:00:00+00:00","modifiedBy":null,
                 "modifiedByUser":null,"points":25,"color":null,"preferredProfileImage":"gravatar",
                 "fields":{
                   "core":{
                     "title":{"id":1,"group":"core","label":"Title","alias":"title","type":"lookup","properties":[],"value":null,"normalizedValue":null},
                     "firstname":%s,
                     "lastname":{"id":3,"group":"core","label":"Last Name","alias":"lastname","type":"text","properties":[],"value":"Lovelace","normalizedValue":"Lovelace"},
                     "company":{"id":4,"group":"core","label":"Primary company","alias":"company","type":"text","properties":[],"value":"Engines Ltd","normalizedValue":"Engines Ltd"},
                     "position":%s,
                     "email":{"id":6,"group":"core","label":"Email","alias":"email","type":"email","properties":[],"value":%s,"normalizedValue":%s},
                     "country":%s,
                     "points":{"id":9,"group":"core","label":"Points","alias":"points","type":"number","properties":[],"value":25,"normalizedValue":25}
                   },
                   "social":{"twitter":{"id":20,"group":"social","label":"Twitter","alias":"twitter","type":"text","properties":[],"value":null,"normalizedValue":null}},
                   "personal":[],
                   "professional":{"company_size":{"id":30,"group":"professional","label":"Company size","alias":"company_size","type":"number","properties":[],"value":"120","normalizedValue":"120"}}
                 },
                 "lastActive":"2026-11-20T09:59:00+00:00","owner":null,
                 "ipAddresses":{"203.0.113.7":{"id":11,"ipAddress":"203.0.113.7","ipDetails":{"city":"London","region":"England"}}},
                 "tags":[],"doNotContact":[],"frequencyRules":[],"utmtags":[],"stage":null}
                """.formatted(id, field("firstname", firstName), field("position", position), quote(email), quote(email),
                              field("country", country));
    }

    /** A contact as page hits and e-mail statistics embed it: the id, and fields only where Mautic had them loaded. */
    static String visitor(long id) {
        return "{\"id\":" + id + ",\"points\":25,\"color\":null,\"fields\":[]}";
    }

    static String contactEvent(String contact, String timestamp) {
        return "{\"contact\":" + contact + ",\"timestamp\":" + quote(timestamp) + "}";
    }

    static String pointsChange(String contact, int oldPoints, int newPoints, String timestamp) {
        return "{\"contact\":" + contact + ",\"points\":{\"old_points\":" + oldPoints + ",\"new_points\":" + newPoints + "},\"timestamp\":"
               + quote(timestamp) + "}";
    }

    static String pageHit(long hitId, String lead, String url, String timestamp) {
        return """
                {"hit":{"id":%d,"dateHit":%s,"dateLeft":null,
                  "page":{"id":3,"title":"Pricing","alias":"pricing","category":null},
                  "lead":%s,"ipAddress":{"id":11,"ipAddress":"203.0.113.7","ipDetails":null},
                  "country":"","region":"","city":"","isp":"","organization":"","code":200,"referer":null,
                  "url":%s,"urlTitle":"Pricing","userAgent":"Mozilla/5.0","remoteHost":null,"pageLanguage":"en",
                  "browserLanguages":["en-GB","en"],"trackingId":"trk-%d","source":null,"sourceId":null,"query":{"utm_source":"newsletter"},
                  "redirect":null,"email":null},
                 "timestamp":%s}
                """.formatted(hitId, quote(timestamp), lead, quote(url), hitId, quote(timestamp));
    }

    static String formSubmission(long submissionId, String formAlias, String formName, String lead, String timestamp) {
        return """
                {"submission":{"id":%d,"ipAddress":{"ipAddress":"203.0.113.7","id":11,"ipDetails":null},
                  "form":{"id":5,"name":%s,"alias":%s,"category":null},
                  "lead":%s,"trackingId":"trk-f%d","dateSubmitted":%s,"referer":"https://example.com/demo",
                  "results":{"email":"someone@example.com","message":"call me"},"page":null},
                 "timestamp":%s}
                """.formatted(submissionId, quote(formName), quote(formAlias), lead, submissionId, quote(timestamp), quote(timestamp));
    }

    static String emailOpen(long statId, String lead, String emailAddress, String timestamp) {
        return """
                {"stat":{"id":%d,"emailAddress":%s,"lead":%s,
                  "email":{"id":8,"name":"November newsletter","subject":"What is new","language":"en","category":null},
                  "dateSent":"2026-11-19T08:00:00+00:00","isRead":true,"isFailed":false,"viewedInBrowser":false,
                  "dateRead":%s,"trackingHash":"hash-%d","retryCount":0,"source":"campaign.event","sourceId":2,
                  "openCount":1,"lastOpened":%s,"openDetails":[]},
                 "timestamp":%s}
                """.formatted(statId, quote(emailAddress), lead, quote(timestamp), statId, quote(timestamp), quote(timestamp));
    }

    static String emailSend(String contact, String idHash, String timestamp) {
        return """
                {"email":{"id":8,"isPublished":true,"name":"November newsletter","subject":"What is new","language":"en","emailType":"list"},
                 "contact":%s,"contentHash":"c0ffee","idHash":%s,"subject":"What is new",
                 "source":["campaign.event",2],"headers":{"X-Mailer":"Mautic"},"timestamp":%s}
                """.formatted(contact, quote(idHash), quote(timestamp));
    }

    static String channelChange(String contact, String channel, String oldStatus, String newStatus, String timestamp) {
        return "{\"contact\":" + contact + ",\"channel\":" + quote(channel) + ",\"old_status\":" + quote(oldStatus)
               + ",\"new_status\":" + quote(newStatus) + ",\"timestamp\":" + quote(timestamp) + "}";
    }

    /** Mautic has cleared the contact's id by the time it serializes a deletion; the event's {@code id} names it. */
    static String contactDeleted(long id, String email, String timestamp) {
        String contact = contact(id, email, "Ada", "CTO", "United Kingdom").replaceFirst("\"id\":" + id + ",", "\"id\":null,");
        return "{\"id\":" + id + ",\"contact\":" + contact + ",\"timestamp\":" + quote(timestamp) + "}";
    }

    private static String field(String alias, String value) {
        return "{\"id\":99,\"group\":\"core\",\"label\":\"" + alias + "\",\"alias\":\"" + alias + "\",\"type\":\"text\",\"properties\":[],"
               + "\"value\":" + quote(value) + ",\"normalizedValue\":" + quote(value) + "}";
    }

    private static String quote(String text) {
        return text == null ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
