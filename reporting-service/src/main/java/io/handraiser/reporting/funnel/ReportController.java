package io.handraiser.reporting.funnel;

import io.handraiser.contract.contact.Tier;
import io.handraiser.reporting.funnel.FunnelFigures.Conversions;
import io.handraiser.reporting.funnel.FunnelFigures.MqlOutcomes;
import io.handraiser.reporting.funnel.FunnelFigures.Returns;
import io.handraiser.reporting.funnel.FunnelFigures.StageCounts;
import io.handraiser.reporting.funnel.FunnelFigures.TimeInStage;
import io.handraiser.reporting.handoff.HandoffReports;
import io.handraiser.reporting.query.Params;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * The funnel reports. Ranges are {@code from} inclusive and {@code to} exclusive, each an ISO-8601 instant or a
 * date (the start of that day, UTC); a filter or breakdown a report cannot apply is a 400, never ignored.
 */
@RestController
@RequestMapping("/api/reports")
@PreAuthorize("hasAnyRole('analyst', 'admin')")
public class ReportController {

    static final int MAX_TEXT = 200;

    private final FunnelReports funnel;
    private final HandoffReports handoffs;

    public ReportController(FunnelReports funnel, HandoffReports handoffs) {
        this.funnel = funnel;
        this.handoffs = handoffs;
    }

    @GetMapping("/stages")
    public StageCounts stages(@RequestParam(required = false) String at, @RequestParam(required = false) String source,
                              @RequestParam(required = false) String campaign, @RequestParam(required = false) String breakdown,
                              @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Params params = new Params();
        params.notApplicable("from", from, "stage counts (they are taken at one moment: use at)");
        params.notApplicable("to", to, "stage counts (they are taken at one moment: use at)");
        ReportQuery query = new ReportQuery(null, null, params.instant("at", at), Period.WEEK, contactBreakdown(params, breakdown),
                                            params.text("source", source, MAX_TEXT), params.text("campaign", campaign, MAX_TEXT), null, null);
        params.check();
        return funnel.stages(query);
    }

    @GetMapping("/conversions")
    public Conversions conversions(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                   @RequestParam(required = false) String period, @RequestParam(required = false) String source,
                                   @RequestParam(required = false) String campaign, @RequestParam(required = false) String breakdown) {
        Params params = new Params();
        ReportQuery query = new ReportQuery(params.instant("from", from), params.instant("to", to), null,
                                            params.choice("period", period, Period.WEEK, Period.values()),
                                            contactBreakdown(params, breakdown), params.text("source", source, MAX_TEXT),
                                            params.text("campaign", campaign, MAX_TEXT), null, null);
        params.range(query.from(), query.to());
        params.check();
        return funnel.conversions(query);
    }

    @GetMapping("/time-in-stage")
    public TimeInStage timeInStage(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                   @RequestParam(required = false) String source, @RequestParam(required = false) String campaign,
                                   @RequestParam(required = false) String breakdown) {
        Params params = new Params();
        ReportQuery query = new ReportQuery(params.instant("from", from), params.instant("to", to), null, Period.WEEK,
                                            contactBreakdown(params, breakdown), params.text("source", source, MAX_TEXT),
                                            params.text("campaign", campaign, MAX_TEXT), null, null);
        params.range(query.from(), query.to());
        params.check();
        return funnel.timeInStage(query);
    }

    @GetMapping("/mql-outcomes")
    public MqlOutcomes mqlOutcomes(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                   @RequestParam(required = false) String source, @RequestParam(required = false) String campaign,
                                   @RequestParam(required = false) String modelVersion, @RequestParam(required = false) String tier,
                                   @RequestParam(required = false) String breakdown) {
        Params params = new Params();
        ReportQuery query = decisionQuery(params, from, to, source, campaign, modelVersion, tier, breakdown);
        params.check();
        return funnel.mqlOutcomes(query);
    }

    @GetMapping("/returns")
    public Returns returns(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                           @RequestParam(required = false) String source, @RequestParam(required = false) String campaign,
                           @RequestParam(required = false) String modelVersion, @RequestParam(required = false) String tier,
                           @RequestParam(required = false) String breakdown) {
        Params params = new Params();
        ReportQuery query = decisionQuery(params, from, to, source, campaign, modelVersion, tier, breakdown);
        params.check();
        return funnel.returns(query);
    }

    @GetMapping("/reps")
    public HandoffReports.Reps reps(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String tier) {
        Params params = new Params();
        Instant start = params.instant("from", from);
        Instant end = params.instant("to", to);
        params.range(start, end);
        String tierName = tier(params, tier);
        params.check();
        return handoffs.reps(start, end, tierName);
    }

    @GetMapping("/sla")
    public HandoffReports.Sla sla(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                  @RequestParam(required = false) String breakdown) {
        Params params = new Params();
        Instant start = params.instant("from", from);
        Instant end = params.instant("to", to);
        params.range(start, end);
        Breakdown by = params.choice("breakdown", breakdown, Breakdown.NONE, Breakdown.NONE, Breakdown.TIER);
        params.check();
        return handoffs.sla(start, end, by == Breakdown.TIER);
    }

    private static Breakdown contactBreakdown(Params params, String breakdown) {
        return params.choice("breakdown", breakdown, Breakdown.NONE, Breakdown.NONE, Breakdown.SOURCE, Breakdown.CAMPAIGN);
    }

    private static ReportQuery decisionQuery(Params params, String from, String to, String source, String campaign, String modelVersion,
                                             String tier, String breakdown) {
        ReportQuery query = new ReportQuery(params.instant("from", from), params.instant("to", to), null, Period.WEEK,
                                            params.choice("breakdown", breakdown, Breakdown.NONE, Breakdown.values()),
                                            params.text("source", source, MAX_TEXT), params.text("campaign", campaign, MAX_TEXT),
                                            params.text("modelVersion", modelVersion, MAX_TEXT), tier(params, tier));
        params.range(query.from(), query.to());
        return query;
    }

    static String tier(Params params, String tier) {
        if (tier == null || tier.isBlank()) {
            return null;
        }
        try {
            return new Tier(tier).name();
        } catch (IllegalArgumentException invalid) {
            params.reject("tier", invalid.getMessage());
            return null;
        }
    }
}
