package io.handraiser.reporting.funnel;

import java.util.List;

/** A contact as reports see it: where it came from and its steps in sequence order. */
record ContactHistory(String id, String source, String campaign, List<Step> steps) {
}
