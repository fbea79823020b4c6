package io.handraiser.reporting.funnel;

import io.handraiser.reporting.ReportingProperties;
import io.handraiser.reporting.funnel.FitEngagementReports.CellContacts;
import io.handraiser.reporting.funnel.FitEngagementReports.Matrix;
import io.handraiser.reporting.funnel.FitEngagementReports.ModelQuality;
import io.handraiser.reporting.query.Params;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.regex.Pattern;

/** The fit x engagement matrix, the contacts of a cell, and the MQL outcomes of each model version and tier over time. */
@RestController
@RequestMapping("/api/reports")
@PreAuthorize("hasAnyRole('analyst', 'admin')")
public class FitEngagementController {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    /** Contacts one page of a cell reads at most. */
    static final int PAGE_BUDGET = 5_000;
    private static final Pattern CONTACT_ID = Pattern.compile("[0-9a-f-]{36}");

    private final FitEngagementReports reports;
    private final ReportingProperties properties;

    public FitEngagementController(FitEngagementReports reports, ReportingProperties properties) {
        this.reports = reports;
        this.properties = properties;
    }

    @GetMapping("/fit-engagement")
    public Matrix matrix(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                         @RequestParam(required = false) String source, @RequestParam(required = false) String campaign,
                         @RequestParam(required = false) String modelVersion, @RequestParam(required = false) String fitBands,
                         @RequestParam(required = false) String engagementBands) {
        Params params = new Params();
        ReportQuery query = query(params, from, to, source, campaign, modelVersion, null, null);
        Bands fit = Bands.parse(params, "fitBands", fitBands, properties.fitBands(), true);
        Bands engagement = Bands.parse(params, "engagementBands", engagementBands, properties.engagementBands(), false);
        params.check();
        return reports.matrix(query, fit, engagement);
    }

    @GetMapping("/fit-engagement/contacts")
    public CellContacts cellContacts(@RequestParam(required = false) String fit, @RequestParam(required = false) String engagement,
                                     @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                     @RequestParam(required = false) String source, @RequestParam(required = false) String campaign,
                                     @RequestParam(required = false) String modelVersion, @RequestParam(required = false) String fitBands,
                                     @RequestParam(required = false) String engagementBands, @RequestParam(required = false) String after,
                                     @RequestParam(required = false) String limit) {
        Params params = new Params();
        ReportQuery query = query(params, from, to, source, campaign, modelVersion, null, null);
        Bands fitScale = Bands.parse(params, "fitBands", fitBands, properties.fitBands(), true);
        Bands engagementScale = Bands.parse(params, "engagementBands", engagementBands, properties.engagementBands(), false);
        int fitBand = band(params, "fit", fit, fitScale);
        int engagementBand = band(params, "engagement", engagement, engagementScale);
        if (after != null && !CONTACT_ID.matcher(after).matches()) {
            params.reject("after", "after must be the next of the previous page");
        }
        int size = DEFAULT_PAGE;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException notANumber) {
                size = -1;
            }
            if (size < 1 || size > MAX_PAGE) {
                params.reject("limit", "limit must be a whole number from 1 to " + MAX_PAGE);
            }
        }
        params.check();
        return reports.contacts(query, fitScale, fitBand, engagementScale, engagementBand, after, size, PAGE_BUDGET);
    }

    @GetMapping("/model-quality")
    public ModelQuality modelQuality(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                     @RequestParam(required = false) String period, @RequestParam(required = false) String source,
                                     @RequestParam(required = false) String campaign, @RequestParam(required = false) String modelVersion,
                                     @RequestParam(required = false) String tier) {
        Params params = new Params();
        ReportQuery query = query(params, from, to, source, campaign, modelVersion, tier, period);
        params.check();
        return reports.modelQuality(query);
    }

    private static ReportQuery query(Params params, String from, String to, String source, String campaign, String modelVersion,
                                     String tier, String period) {
        ReportQuery query = new ReportQuery(params.instant("from", from), params.instant("to", to), null,
                                            params.choice("period", period, Period.WEEK, Period.values()), Breakdown.NONE,
                                            params.text("source", source, ReportController.MAX_TEXT),
                                            params.text("campaign", campaign, ReportController.MAX_TEXT),
                                            params.text("modelVersion", modelVersion, ReportController.MAX_TEXT),
                                            ReportController.tier(params, tier));
        params.range(query.from(), query.to());
        return query;
    }

    private static int band(Params params, String name, String value, Bands bands) {
        int index = value == null ? -1 : bands.index(value);
        if (index < 0) {
            params.reject(name, name + " must name one of the " + bands.count() + " bands (" + bands.name(0) + " to "
                                + bands.name(bands.count() - 1) + ")");
        }
        return index;
    }
}
