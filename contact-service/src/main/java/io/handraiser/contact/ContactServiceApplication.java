package io.handraiser.contact;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class ContactServiceApplication {

    /** Engagements pile up on a contact; a snapshot every 100 events keeps its load time flat. */
    static final int EVENTS_PER_SNAPSHOT = 100;

    public static void main(String[] args) {
        SpringApplication.run(ContactServiceApplication.class, args);
    }

    @Bean
    public SnapshotTriggerDefinition contactSnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, EVENTS_PER_SNAPSHOT);
    }

    /**
     * Marketing automation sends bursts of engagements for one contact; the cache spares each one a reload.
     * A stale entry cannot do harm: the append would conflict, the unit of work roll back and evict it.
     */
    @Bean
    public Cache contactCache() {
        return new WeakReferenceCache();
    }
}
