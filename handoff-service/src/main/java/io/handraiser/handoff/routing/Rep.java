package io.handraiser.handoff.routing;

import java.util.List;

/**
 * A sales rep as routing sees them. An empty list takes everything of its kind.
 *
 * @param id          the rep's token subject: the inbox shows a rep what is assigned to this id
 * @param territories ISO country codes the rep covers
 * @param industries  industries the rep covers
 * @param tiers       MQL tiers the rep takes
 * @param capacity    open handoffs the rep holds at most
 * @param available   false while away: routing passes the rep by
 */
public record Rep(String id, String name, List<String> territories, List<String> industries, List<String> tiers, int capacity,
                  boolean available) {

    public Rep {
        territories = List.copyOf(territories);
        industries = List.copyOf(industries);
        tiers = List.copyOf(tiers);
    }
}
