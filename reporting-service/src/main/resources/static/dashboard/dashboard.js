/*
 * The funnel dashboard: plain JavaScript over the report API. The token lives in sessionStorage, so it is gone
 * when the tab closes; every number on the page is written as text from the API's answer, never as HTML.
 */
(function () {
    'use strict';

    const TOKEN_KEY = 'handraiser.reporting.token';
    const STAGES = ['SUBSCRIBER', 'LEAD', 'MQL', 'SQL', 'OPPORTUNITY', 'CUSTOMER', 'EVANGELIST', 'OTHER'];
    const CONTACT_BREAKDOWNS = ['none', 'source', 'campaign'];
    const REASONS = ['NOT_READY', 'NO_BUDGET', 'BAD_FIT', 'NO_RESPONSE', 'SLA_EXPIRED', 'DUPLICATE', 'OTHER'];
    const charts = {};
    let loads = 0;

    const el = (id) => document.getElementById(id);

    function nextDay(date) {
        const day = new Date(date + 'T00:00:00Z');
        day.setUTCDate(day.getUTCDate() + 1);
        return day.toISOString().slice(0, 10);
    }

    async function api(path, params) {
        const url = new URL(path, window.location.origin);
        Object.entries(params).forEach(([name, value]) => {
            if (value) {
                url.searchParams.set(name, value);
            }
        });
        const response = await fetch(url, {
            headers: {Authorization: 'Bearer ' + (sessionStorage.getItem(TOKEN_KEY) || ''), Accept: 'application/json'}
        });
        const body = await response.json().catch(() => null);
        if (!response.ok) {
            throw new Error(path + ': ' + ((body && body.detail) || ('HTTP ' + response.status)));
        }
        return body;
    }

    function rate(value) {
        return value === null || value === undefined ? '–' : (value * 100).toFixed(1) + '%';
    }

    function duration(millis) {
        if (millis === null || millis === undefined) {
            return '–';
        }
        const seconds = Math.round(millis / 1000);
        const units = [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
        const parts = [];
        let rest = seconds;
        for (const [unit, size] of units) {
            if (rest >= size && parts.length < 2) {
                parts.push(Math.floor(rest / size) + unit);
                rest %= size;
            }
        }
        return parts.length ? parts.join(' ') : millis + ' ms';
    }

    /** A table from a header row and rows of cells; a cell is text, or {text, data} with data-* attributes. */
    function table(id, header, rows) {
        const target = el(id);
        target.replaceChildren();
        const head = target.createTHead().insertRow();
        header.forEach((title) => {
            const th = document.createElement('th');
            th.textContent = title;
            head.appendChild(th);
        });
        const body = target.createTBody();
        rows.forEach((row) => {
            const tr = body.insertRow();
            Object.entries(row.data || {}).forEach(([name, value]) => { tr.dataset[name] = value; });
            row.cells.forEach((cell) => {
                const td = tr.insertCell();
                if (cell !== null && typeof cell === 'object') {
                    td.textContent = cell.text;
                    Object.entries(cell.data || {}).forEach(([name, value]) => { td.dataset[name] = value; });
                } else {
                    td.textContent = cell;
                }
            });
        });
    }

    function chart(id, config) {
        if (charts[id]) {
            charts[id].destroy();
        }
        charts[id] = new window.Chart(el(id), config);
    }

    function renderStages(stages) {
        const groups = stages.groups;
        el('stages-as-of').textContent = stages.at ? '(as of ' + stages.at + ')' : '(now)';
        table('stage-table', ['Stage'].concat(groups.map((group) => group.key)),
              STAGES.map((stage) => ({
                  data: {stage: stage},
                  cells: [stage].concat(groups.map((group) => ({text: String(group.stages[stage]), data: {group: group.key}})))
              })).concat([{
                  data: {stage: 'DISQUALIFIED'},
                  cells: ['of which disqualified'].concat(groups.map((group) => ({text: String(group.disqualified), data: {group: group.key}})))
              }]));
        chart('funnel-chart', {
            type: 'bar',
            data: {
                labels: STAGES,
                datasets: groups.map((group) => ({label: group.key, data: STAGES.map((stage) => group.stages[stage])}))
            },
            options: {responsive: true, maintainAspectRatio: false, animation: false,
                      scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true}}}
        });
    }

    function renderConversions(conversions) {
        const rows = [];
        conversions.groups.forEach((group) => group.transitions.forEach((transition) => {
            const step = transition.from + ' → ' + transition.to;
            const key = transition.from + '>' + transition.to;
            transition.cohorts.forEach((cohort) => rows.push({
                data: {group: group.key, transition: key, cohort: cohort.period},
                cells: [group.key, step, cohort.period, {text: String(cohort.entered), data: {figure: 'entered'}},
                        {text: String(cohort.converted), data: {figure: 'converted'}}, rate(cohort.rate)]
            }));
            rows.push({
                data: {group: group.key, transition: key, cohort: 'all'},
                cells: [group.key, step, 'all cohorts', {text: String(transition.entered), data: {figure: 'entered'}},
                        {text: String(transition.converted), data: {figure: 'converted'}}, rate(transition.rate)]
            });
        }));
        table('conversion-table', ['Group', 'Step', 'Cohort', 'Entered', 'Converted', 'Rate'], rows);
    }

    function renderTimes(times) {
        const rows = [];
        times.groups.forEach((group) => group.stages.filter((stage) => stage.visits > 0).forEach((stage) => rows.push({
            data: {group: group.key, stage: stage.stage},
            cells: [group.key, stage.stage, {text: String(stage.visits), data: {figure: 'visits'}},
                    {text: duration(stage.medianMillis), data: {millis: String(stage.medianMillis), figure: 'median'}},
                    {text: duration(stage.p90Millis), data: {millis: String(stage.p90Millis), figure: 'p90'}}]
        })));
        table('time-table', ['Group', 'Stage', 'Stays', 'Median', '90th percentile'], rows);
        const first = times.groups[0];
        const stages = first ? first.stages.filter((stage) => stage.visits > 0) : [];
        chart('time-chart', {
            type: 'bar',
            data: {
                labels: stages.map((stage) => stage.stage),
                datasets: [{label: 'median (hours)' + (first ? ', ' + first.key : ''), data: stages.map((stage) => stage.medianMillis / 3600000)},
                           {label: '90th percentile (hours)', data: stages.map((stage) => stage.p90Millis / 3600000)}]
            },
            options: {responsive: true, maintainAspectRatio: false, animation: false, scales: {y: {beginAtZero: true}}}
        });
    }

    function renderOutcomes(outcomes) {
        table('outcomes-table', ['Group', 'MQLs', 'Accepted', 'Returned', 'Left funnel', 'Still MQL', 'Reached opportunity',
                                 'Reached customer', 'Acceptance'],
              outcomes.groups.map((group) => ({
                  data: {group: group.key},
                  cells: [group.key, {text: String(group.mqls), data: {figure: 'mqls'}}, {text: String(group.accepted), data: {figure: 'accepted'}},
                          {text: String(group.returned), data: {figure: 'returned'}}, String(group.leftFunnel), String(group.open),
                          String(group.reachedOpportunity), String(group.reachedCustomer), rate(group.acceptanceRate)]
              })));
    }

    function renderReturns(returns) {
        table('returns-table', ['Group', 'Returned'].concat(REASONS, ['from MQL', 'from SQL']),
              returns.groups.map((group) => ({
                  data: {group: group.key},
                  cells: [group.key, {text: String(group.returned), data: {figure: 'returned'}}]
                      .concat(REASONS.map((reason) => ({text: String(group.byReason[reason] || 0), data: {reason: reason}})),
                              [String(group.byStage.MQL), String(group.byStage.SQL)])
              })));
    }

    function renderSales(sla, reps) {
        table('sla-table', ['Group', 'Handoffs', 'Accepted', 'Accepted within SLA', 'Share within SLA', 'Median time to accept',
                            '90th percentile', 'Expired', 'Escalated', 'Open'],
              sla.groups.map((group) => ({
                  data: {group: group.key},
                  cells: [group.key, String(group.handoffs), String(group.accepted), String(group.acceptedWithinSla), rate(group.withinSlaShare),
                          duration(group.medianTimeToAcceptMillis), duration(group.p90TimeToAcceptMillis), String(group.expired),
                          String(group.escalated), String(group.open)]
              })));
        table('reps-table', ['Rep', 'Handoffs', 'Accepted', 'Returned', 'Expired', 'Cancelled', 'Open', 'Accepted within SLA',
                             'Median time to accept'],
              reps.reps.map((rep) => ({
                  data: {rep: rep.rep},
                  cells: [rep.rep, String(rep.handoffs), String(rep.accepted), String(rep.returned), String(rep.expired), String(rep.cancelled),
                          String(rep.open), String(rep.acceptedWithinSla), duration(rep.medianTimeToAcceptMillis)]
              })));
    }

    const cellState = {params: null, fit: null, engagement: null, next: null};

    function matrixParams(from, to) {
        return {from: from, to: to, modelVersion: el('model-version').value.trim(), fitBands: el('fit-bands').value.trim(),
                engagementBands: el('engagement-bands').value.trim()};
    }

    function renderMatrix(matrix, params) {
        const target = el('matrix-table');
        target.replaceChildren();
        const head = target.createTHead().insertRow();
        const corner = document.createElement('th');
        corner.textContent = 'fit ↓ engagement →';
        head.appendChild(corner);
        matrix.engagementBands.forEach((band) => {
            const th = document.createElement('th');
            th.textContent = band.band + (band.minimum === null ? ' (below)' : ' (≥ ' + band.minimum + ')');
            head.appendChild(th);
        });
        const most = Math.max(1, ...matrix.cells.map((cell) => cell.contacts));
        const body = target.createTBody();
        matrix.fitBands.forEach((fit) => {
            const tr = body.insertRow();
            tr.dataset.fit = fit.band;
            const th = document.createElement('th');
            th.textContent = fit.band + (fit.minimum === null ? ' (below)' : ' (≥ ' + fit.minimum + ')');
            tr.appendChild(th);
            matrix.engagementBands.forEach((engagement) => {
                const cell = matrix.cells.find((c) => c.fit === fit.band && c.engagement === engagement.band);
                const td = tr.insertCell();
                td.dataset.fit = cell.fit;
                td.dataset.engagement = cell.engagement;
                const share = cell.contacts / most;
                td.style.backgroundColor = 'rgba(31, 102, 196, ' + (0.08 + 0.8 * share).toFixed(3) + ')';
                td.classList.toggle('dark', share > 0.5);
                const link = document.createElement('a');
                link.href = '#cell-panel';
                link.className = 'cell-link';
                link.dataset.figure = 'contacts';
                link.textContent = String(cell.contacts);
                link.addEventListener('click', (event) => {
                    event.preventDefault();
                    openCell(params, cell.fit, cell.engagement);
                });
                td.appendChild(link);
                [['mqls', 'MQL ', cell.mqls], ['sqls', 'SQL ', cell.sqls], ['conversion', '', rate(cell.conversion)]].forEach(([figure, label, value]) => {
                    const line = document.createElement('div');
                    line.className = 'figure';
                    line.dataset.figure = figure;
                    line.dataset.value = figure === 'conversion' ? String(cell.conversion) : String(value);
                    line.textContent = label + value;
                    td.appendChild(line);
                });
            });
        });
        el('matrix-unscored').textContent = 'MQL decisions without fit and engagement in their evidence (in no cell): '
            + matrix.unscored.mqls + ', of which accepted ' + matrix.unscored.sqls + '.';
        el('matrix-unscored').dataset.mqls = String(matrix.unscored.mqls);
    }

    async function openCell(params, fit, engagement) {
        cellState.params = params;
        cellState.fit = fit;
        cellState.engagement = engagement;
        cellState.next = null;
        el('cell-table').replaceChildren();
        el('cell-title').textContent = 'Contacts in ' + fit + engagement + ' (ids and stages only)';
        el('cell-panel').hidden = false;
        await moreContacts();
    }

    async function moreContacts() {
        const panel = el('cell-panel');
        panel.dataset.state = 'loading';
        try {
            const page = await api('/api/reports/fit-engagement/contacts', Object.assign({}, cellState.params,
                {fit: cellState.fit, engagement: cellState.engagement, after: cellState.next, limit: '50'}));
            const target = el('cell-table');
            if (!target.tHead) {
                const head = target.createTHead().insertRow();
                ['Contact', 'Stage'].forEach((title) => {
                    const th = document.createElement('th');
                    th.textContent = title;
                    head.appendChild(th);
                });
            }
            const body = target.tBodies[0] || target.createTBody();
            page.items.forEach((item) => {
                const tr = body.insertRow();
                tr.dataset.contact = item.contactId;
                tr.insertCell().textContent = item.contactId;
                tr.insertCell().textContent = item.stage || '–';
            });
            cellState.next = page.next;
            el('cell-more').hidden = !page.next;
            panel.dataset.rows = String(body.rows.length);
            panel.dataset.state = 'loaded';
        } catch (failure) {
            el('error').textContent = failure.message;
            el('error').hidden = false;
            panel.dataset.state = 'failed';
        }
    }

    function renderQuality(quality, sla) {
        table('quality-table', ['Model version', 'Tier', 'Period', 'MQLs', 'Accepted', 'Returned', 'Returned by reason', 'Left funnel',
                                'Still open', 'Acceptance'],
              quality.groups.map((group) => ({
                  data: {model: group.modelVersion, tier: group.tier, period: group.period},
                  cells: [group.modelVersion, group.tier, group.period, {text: String(group.mqls), data: {figure: 'mqls'}},
                          {text: String(group.accepted), data: {figure: 'accepted'}}, {text: String(group.returned), data: {figure: 'returned'}},
                          Object.entries(group.returnedByReason).map(([reason, count]) => reason + ' ' + count).join(', ') || '–',
                          String(group.leftFunnel), {text: String(group.open), data: {figure: 'open'}}, rate(group.acceptanceRate)]
              })));
        const periods = [...new Set(quality.groups.map((group) => group.period))].sort();
        const series = [...new Set(quality.groups.map((group) => group.modelVersion + ' / ' + group.tier))].sort();
        chart('quality-chart', {
            type: 'line',
            data: {
                labels: periods,
                datasets: series.map((name) => ({
                    label: name,
                    spanGaps: true,
                    data: periods.map((period) => {
                        const group = quality.groups.find((g) => g.modelVersion + ' / ' + g.tier === name && g.period === period);
                        return group && group.acceptanceRate !== null ? group.acceptanceRate * 100 : null;
                    })
                }))
            },
            options: {responsive: true, maintainAspectRatio: false, animation: false,
                      scales: {y: {beginAtZero: true, max: 100, title: {display: true, text: 'accepted %'}}}}
        });
        const handoffs = sla.groups.reduce((sum, group) => sum + group.handoffs, 0);
        const within = sla.groups.reduce((sum, group) => sum + group.acceptedWithinSla, 0);
        const share = el('sla-share');
        share.textContent = 'MQLs sales accepted within the SLA: ' + within + ' of ' + handoffs + ' handed off ('
            + rate(handoffs ? within / handoffs : null) + ').';
        share.dataset.within = String(within);
        share.dataset.handoffs = String(handoffs);
    }

    async function refresh() {
        el('error').hidden = true;
        el('status').textContent = 'Loading…';
        document.body.dataset.state = 'loading';
        const from = el('from').value || null;
        const to = el('to').value ? nextDay(el('to').value) : null;
        const breakdown = el('breakdown').value;
        const contactBreakdown = CONTACT_BREAKDOWNS.includes(breakdown) ? breakdown : 'none';
        el('contact-breakdown-note').hidden = contactBreakdown === breakdown;
        try {
            const matrixQuery = matrixParams(from, to);
            const [stages, conversions, times, outcomes, returns, sla, reps, matrix, quality] = await Promise.all([
                api('/api/reports/stages', {at: to, breakdown: contactBreakdown}),
                api('/api/reports/conversions', {from: from, to: to, period: el('period').value, breakdown: contactBreakdown}),
                api('/api/reports/time-in-stage', {from: from, to: to, breakdown: contactBreakdown}),
                api('/api/reports/mql-outcomes', {from: from, to: to, breakdown: breakdown}),
                api('/api/reports/returns', {from: from, to: to, breakdown: breakdown}),
                api('/api/reports/sla', {from: from, to: to, breakdown: breakdown === 'tier' ? 'tier' : 'none'}),
                api('/api/reports/reps', {from: from, to: to}),
                api('/api/reports/fit-engagement', matrixQuery),
                api('/api/reports/model-quality', {from: from, to: to, period: el('period').value, modelVersion: matrixQuery.modelVersion})
            ]);
            renderMatrix(matrix, matrixQuery);
            renderQuality(quality, sla);
            el('cell-panel').hidden = true;
            renderStages(stages);
            renderConversions(conversions);
            renderTimes(times);
            renderOutcomes(outcomes);
            renderReturns(returns);
            renderSales(sla, reps);
            loads += 1;
            el('status').textContent = 'Updated ' + new Date().toISOString();
            document.body.dataset.loads = String(loads);
            document.body.dataset.state = 'loaded';
        } catch (failure) {
            el('status').textContent = '';
            el('error').textContent = failure.message;
            el('error').hidden = false;
            document.body.dataset.state = 'failed';
        }
    }

    document.addEventListener('DOMContentLoaded', () => {
        el('token').value = sessionStorage.getItem(TOKEN_KEY) || '';
        el('token-form').addEventListener('submit', (event) => {
            event.preventDefault();
            sessionStorage.setItem(TOKEN_KEY, el('token').value.trim());
            refresh();
        });
        el('cell-more').addEventListener('click', moreContacts);
        el('filters').addEventListener('submit', (event) => {
            event.preventDefault();
            refresh();
        });
        if (sessionStorage.getItem(TOKEN_KEY)) {
            refresh();
        } else {
            el('status').textContent = 'Paste a token with the analyst or admin role to see the funnel.';
        }
    });
}());
