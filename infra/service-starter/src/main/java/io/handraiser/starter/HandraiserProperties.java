package io.handraiser.starter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings every Handraiser service shares.
 *
 * @param eventLog     where the shared event log lives and how readers follow it
 * @param service      the database this service owns (projections, tokens, sagas, dead letters)
 * @param security     how callers' tokens are validated
 * @param personalData where the keys that make personal data erasable live
 * @param deadlines    how persistent deadlines (reminders, SLA expiries, decay) are fired
 * @param processing   how instances of one service share the event processors' segments
 */
@ConfigurationProperties("handraiser")
public record HandraiserProperties(@DefaultValue EventLog eventLog, @DefaultValue Service service,
                                   @DefaultValue Security security, @DefaultValue PersonalData personalData,
                                   @DefaultValue Deadlines deadlines, @DefaultValue Processing processing) {

    /**
     * @param database   the database shared by every service
     * @param gapTimeout how long a reader waits for an allocated but unwritten position before fencing it
     * @param fetchDelay how long a reader at the end of the log waits before asking again; bounds how late
     *                   another service's events are seen
     */
    public record EventLog(@DefaultValue("events") String database, @DefaultValue("10s") Duration gapTimeout,
                           @DefaultValue("200ms") Duration fetchDelay) {
    }

    /** @param database this service's own database; defaults to the application name */
    public record Service(String database) {
    }

    public record Security(@DefaultValue Jwt jwt) {
    }

    /**
     * Exactly one way of checking signatures applies: a JWK set URI, else an issuer (its discovery document names
     * the keys), else the shared HS256 secret, which defaults to a development secret and says so at start.
     *
     * @param issuerUri when set, tokens must also carry this issuer
     */
    public record Jwt(String jwkSetUri, String issuerUri, String secret) {
    }

    /**
     * @param keyDatabase  the database of the per-subject keys, shared by every service; its own database so that
     *                     operators can give it a shorter backup retention than the event log (a restored backup
     *                     must not bring an erased key back)
     * @param keyCacheTime how long a service trusts a key it has read; bounds how long another service may still
     *                     read an erased subject's data
     * @param keyCacheSize how many keys a service keeps at most; a processor going through more subjects than this
     *                     in turn (a replay from the start) reads a key for nearly every event
     */
    public record PersonalData(@DefaultValue("keys") String keyDatabase, @DefaultValue("30s") Duration keyCacheTime,
                               @DefaultValue("100000") long keyCacheSize) {
    }

    /**
     * @param pollInterval how often due deadlines are looked for: a deadline fires at most this late
     * @param lease        how long one firing may take before another instance may fire the deadline again
     */
    public record Deadlines(@DefaultValue("1s") Duration pollInterval, @DefaultValue("60s") Duration lease) {
    }

    /**
     * @param heartbeatInterval how often an instance says it is alive; also how often it looks how many are
     * @param instanceTimeout   how long after its last heartbeat an instance counts as gone, so that the others
     *                          take over its share; longer than a garbage-collection pause, shorter than patience
     */
    public record Processing(@DefaultValue("2s") Duration heartbeatInterval, @DefaultValue("10s") Duration instanceTimeout) {
    }
}
