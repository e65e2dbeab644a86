using System.Diagnostics;
using System.Globalization;
using Care.Clinical.EarlyWarning;
using Care.Core.Doses;
using Care.Core.Events;
using Care.Core.Ids;
using Care.Core.Observations;
using Care.Hermes.Alerts;
using Care.Hermes.Console.Alerts;
using Care.Hermes.Console.Charts;
using Care.Hermes.Console.Glucose;
using Care.Hermes.Console.Hosting;
using Care.Hermes.Console.Html;
using Care.Hermes.Storage;
using Microsoft.AspNetCore.Http;

namespace Care.Hermes.Console.Wearers;

/// <summary>
/// A wearer's timeline over a chosen window (1–14 days, ending at the newest data): vitals with NEWS2
/// bands, CGM glucose with a 14-day AGP and its time-in-ranges bar, insulin doses with their reasons,
/// rhythm events and alert markers. Series are downsampled on the server to the chart's pixel width
/// (<see cref="MinMaxDownsampler"/>). The view is written to the ledger before anything is read; the
/// server's time for the page is sent in a <c>Server-Timing</c> header.
/// </summary>
internal static class TimelinePage
{
    /// <summary>Pixel columns the series are reduced to, unless the page asks for another width (200–4000).</summary>
    public const int DefaultColumns = 1000;

    private static readonly (VitalSign Sign, string Key, string Label)[] Vitals =
    [
        (VitalSign.HeartRate, "hr", "Heart rate"),
        (VitalSign.OxygenSaturation, "spo2", "SpO2"),
        (VitalSign.RespiratoryRate, "rr", "Respiratory rate"),
        (VitalSign.BodyTemperature, "temp", "Temperature"),
        (VitalSign.SystolicBloodPressure, "sbp", "Systolic BP"),
        (VitalSign.DiastolicBloodPressure, "dbp", "Diastolic BP"),
    ];

    public static async Task<IResult> ShowAsync(string id, string? days, string? width, HttpContext http, IHermesStore store, TimeProvider time)
    {
        var clock = Stopwatch.StartNew();
        int windowDays = ParseOr(days, 14, 1, 14);
        int columns = ParseOr(width, DefaultColumns, 200, 4000);
        if (await RecordGate.OpenAsync(id, "view timeline", http, store, time) is { } refused)
        {
            return refused;
        }
        var gateDone = clock.Elapsed;
        var wearer = WearerId.Parse(id);
        var ct = http.RequestAborted;
        var summary = (await store.ListWearersAsync(null, 1, [wearer], ct)).FirstOrDefault();
        var newest = summary?.LastObservation ?? time.GetUtcNow();
        var end = newest.AddMinutes(1);
        var start = end.AddDays(-windowDays);
        var agpStart = end.AddDays(-14);
        long startS = start.ToUnixTimeSeconds(), endS = end.ToUnixTimeSeconds();

        // Every read first (timed as "db"), then the reduction to pixel columns and the AGP ("compute").
        var observations = new Dictionary<VitalSign, IReadOnlyList<Observation>>();
        foreach (var (sign, _, _) in Vitals)
        {
            observations[sign] = await store.QueryObservationsAsync(new ObservationQuery(wearer, sign, start, end, 100_000), ct);
        }
        var glucoseRows = await store.QueryObservationsAsync(new ObservationQuery(wearer, VitalSign.InterstitialGlucose, agpStart < start ? agpStart : start, end, 100_000), ct);
        var doses = await store.QueryDosesAsync(new DoseQuery(wearer, start, end, 100_000), ct);
        var events = await store.QueryEventsAsync(new EventQuery(wearer, null, start, end, 1_000), ct);
        var alerts = await store.GetAlertsAsync(new AlertQuery(start, News2Level.Low, null, [wearer], 1_000), ct);
        var risk = await store.GetLatestRiskAsync(wearer, ct);
        var model = await store.GetLatestModelRiskAsync(wearer, ct);
        var dbDone = clock.Elapsed;

        var series = new List<object>();
        int rawPoints = 0, drawnPoints = 0;
        foreach (var (sign, key, label) in Vitals)
        {
            var rows = observations[sign];
            var d = Downsample(rows, startS, endS, columns);
            rawPoints += rows.Count;
            drawnPoints += d.TimesSeconds.Length;
            var type = ObservationCatalog.Get(sign);
            series.Add(new
            {
                key,
                label,
                unit = type.Ucum,
                loinc = type.Loinc,
                raw = rows.Count,
                bands = News2Bands.For(sign).Select(b => new { from = Edge(b.From), to = Edge(b.To), score = b.Score }),
                t = d.TimesSeconds,
                v = d.JsonValues,
            });
        }
        var (gt, gv) = Split(glucoseRows);
        var glucose = MinMaxDownsampler.Downsample(gt, gv, startS, endS, columns);
        long agpFrom = agpStart.ToUnixTimeSeconds();
        int first = Array.FindIndex(gt, t => t >= agpFrom);
        first = first < 0 ? gt.Length : first;
        var agp = AgpCalculator.Compute(gt.AsSpan(first), gv.AsSpan(first), 14 * 86_400L);
        rawPoints += glucoseRows.Count;
        drawnPoints += glucose.TimesSeconds.Length;
        var data = new
        {
            wearer = wearer.Value,
            start = startS,
            end = endS,
            columns,
            series,
            glucose = new { raw = glucoseRows.Count, t = glucose.TimesSeconds, v = glucose.JsonValues },
            agp = agp is null ? null : new
            {
                binMinutes = agp.BinMinutes,
                minutes = agp.BinStartMinutes,
                p5 = Nullable(agp.P5),
                p25 = Nullable(agp.P25),
                p50 = Nullable(agp.P50),
                p75 = Nullable(agp.P75),
                p95 = Nullable(agp.P95),
            },
            doses = doses.Select(x => new { t = x.Time.ToUnixTimeSeconds(), basal = x.BasalUnitsPerHour, bolus = x.BolusUnits, reason = DoseReasonNames.Name(x.Reason) }),
            alerts = alerts.Select(a => new { id = a.Id, t = a.RaisedAt.ToUnixTimeSeconds(), level = a.Level.ToName(), kind = a.Kind.ToName() }),
        };
        var body = HtmlText.Of($"""
            <p class="window">Window: {Formats.Time(start)} to {Formats.Time(end)} ({windowDays} days). {WindowLinks(wearer, windowDays)} · <a href="/console/wearers/{wearer.Value}/ledger">Ledger view</a></p>
            {RiskPanel(risk, model)}
            {AlertList(alerts)}
            <section aria-labelledby="vitals-h"><h2 id="vitals-h">Vitals</h2>
            <p class="hint">Shaded bands are NEWS2 part scores (white 0, yellow 1, orange 2, red 3); vertical lines mark alerts. {rawPoints} readings in the window, {drawnPoints} points drawn (lowest and highest per pixel column).</p>
            {Charts()}
            </section>
            {GlucoseSection(agp, glucoseRows.Count)}
            {DoseSection(doses)}
            {EventSection(events)}
            {HtmlText.JsonIsland("timeline-data", data)}
            """);
        var title = $"Wearer {wearer.Value}";
        var page = Page.Render(http, title, body, new PageAssets(Charts: true, Script: "timeline.js"));
        var total = clock.Elapsed;
        http.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture,
            $"app;dur={total.TotalMilliseconds:F1};desc=\"timeline\", gate;dur={gateDone.TotalMilliseconds:F1};desc=\"access check and ledger write\", db;dur={(dbDone - gateDone).TotalMilliseconds:F1};desc=\"reads\", compute;dur={(total - dbDone).TotalMilliseconds:F1};desc=\"downsampling, AGP and HTML\"");
        return page;
    }

    private static HtmlText Charts() => HtmlText.Join(Vitals.Where(v => v.Key != "dbp").Select(v => v.Key == "sbp"
        ? HtmlText.Of($"<figure class=\"chart\"><figcaption>Blood pressure, systolic and diastolic (mm[Hg]); bands score systolic</figcaption><div class=\"plot\" id=\"chart-bp\" role=\"img\" aria-label=\"Blood pressure chart\"></div></figure>")
        : HtmlText.Of($"<figure class=\"chart\"><figcaption>{v.Label} ({ObservationCatalog.Get(v.Sign).Ucum})</figcaption><div class=\"plot\" id=\"chart-{v.Key}\" role=\"img\" aria-label=\"{v.Label} chart\"></div></figure>")));

    private static HtmlText WindowLinks(WearerId wearer, int current) => HtmlText.Join(new[] { 1, 3, 7, 14 }.Select(d => d == current
        ? HtmlText.Of($"<strong>{d} d</strong> ")
        : HtmlText.Of($"<a href=\"/console/wearers/{wearer.Value}?days={d}\">{d} d</a> ")));

    private static HtmlText RiskPanel(RiskRecord? risk, ModelRiskRecord? model)
    {
        var news2 = risk is null
            ? HtmlText.Of($"<p>No NEWS2 assessment yet.</p>")
            : HtmlText.Of($"<p>Latest NEWS2 <span class=\"badge level-{risk.Score.Level.ToName()}\">{risk.Score.Total} · {AlertInbox.LevelWords(risk.Score.Level)}</span> at {Formats.Time(risk.Time)}.</p>");
        var sepsis = model is null ? HtmlText.Empty
            : HtmlText.Of($"<p>Sepsis model: {model.Score}/100 ({ModelRiskReason.LevelName(model.Level)}; 95 % interval {model.ScoreLow}–{model.ScoreHigh}) at {Formats.Time(model.Time)}. <span class=\"notice icu\">{ModelRiskReason.Notice}</span></p>");
        return HtmlText.Of($"<section class=\"risk\" aria-label=\"Latest risk\">{news2}{sepsis}</section>");
    }

    private static HtmlText AlertList(IReadOnlyList<AlertRecord> alerts)
    {
        if (alerts.Count == 0)
        {
            return HtmlText.Of($"<section aria-labelledby=\"alerts-h\"><h2 id=\"alerts-h\">Alerts in this window</h2><p>None.</p></section>");
        }
        var items = alerts.Select(a => HtmlText.Of($"""
            <li id="alert-{a.Id}"><span class="badge level-{a.Level.ToName()}">{AlertInbox.LevelWords(a.Level)}</span> {a.Kind.ToName()} score {a.Score} at {Formats.Time(a.RaisedAt)}{(a.AcknowledgedAt is { } at ? $" — acknowledged {Formats.Time(at)}" : " — open")}<br><span class="reason">{a.Reason}</span></li>
            """));
        return HtmlText.Of($"<section aria-labelledby=\"alerts-h\"><h2 id=\"alerts-h\">Alerts in this window</h2><ul class=\"timeline-alerts\">{items}</ul></section>");
    }

    private static HtmlText GlucoseSection(AgpProfile? agp, int readings)
    {
        if (agp is null)
        {
            return HtmlText.Of($"<section aria-labelledby=\"glucose-h\"><h2 id=\"glucose-h\">Glucose</h2><p id=\"no-glucose\">No CGM glucose in this window.</p></section>");
        }
        var r = agp.Ranges;
        return HtmlText.Of($"""
            <section aria-labelledby="glucose-h"><h2 id="glucose-h">Glucose</h2>
            <figure class="chart"><figcaption>CGM glucose (mg/dL); target range 70–180 shaded</figcaption><div class="plot" id="chart-glucose" role="img" aria-label="Glucose chart"></div></figure>
            <h3 id="agp-h">Ambulatory Glucose Profile, last 14 days</h3>
            <div class="agp-row">
            <figure class="chart agp"><figcaption>Modal day (UTC time of day): median, 25–75 % and 5–95 % bands</figcaption><div class="plot" id="chart-agp" role="img" aria-label="Ambulatory glucose profile"></div></figure>
            {TirBar(r)}
            </div>
            <table class="agp-stats"><caption>Glucose statistics (consensus targets in brackets)</caption>
            <tbody>
            <tr><th scope="row">Readings</th><td>{readings} over {Formats.Number(agp.Days, 0)} days; sensor coverage {Formats.Number(agp.CoveragePercent, 0)} % (≥ 70 %)</td></tr>
            <tr><th scope="row">Mean glucose</th><td>{Formats.Number(agp.MeanMgPerDl, 0)} mg/dL</td></tr>
            <tr><th scope="row">GMI</th><td>{Formats.Number(agp.GmiPercent, 1)} %</td></tr>
            <tr><th scope="row">Glucose variability (CV)</th><td>{Formats.Number(agp.CvPercent, 1)} % (≤ 36 %)</td></tr>
            </tbody></table>
            </section>
            """);
    }

    /// <summary>The stacked time-in-ranges bar as SVG (attributes, not inline styles, so the CSP holds), labelled in text.</summary>
    private static HtmlText TirBar(TimeInRanges r)
    {
        (string Css, string Label, double Share, string Target)[] parts =
        [
            ("very-high", "Very high > 250", r.VeryHigh, "< 5 %"),
            ("high", "High 181–250", r.High, "< 25 % above"),
            ("in-range", "In range 70–180", r.InRange, "> 70 %"),
            ("low", "Low 54–69", r.Low, "< 4 % below"),
            ("very-low", "Very low < 54", r.VeryLow, "< 1 %"),
        ];
        double y = 0;
        var rects = new List<HtmlText>();
        var rows = new List<HtmlText>();
        foreach (var (css, label, share, target) in parts)
        {
            double h = 3 * share;
            rects.Add(HtmlText.Of($"<rect class=\"tir-{css}\" x=\"0\" y=\"{Formats.Number(y, 2)}\" width=\"40\" height=\"{Formats.Number(h, 2)}\"></rect>"));
            y += h;
            rows.Add(HtmlText.Of($"<tr class=\"tir-{css}-row\"><th scope=\"row\">{label}</th><td>{Formats.Number(share, 1)} %</td><td>{target}</td></tr>"));
        }
        return HtmlText.Of($"""
            <figure class="tir" id="tir"><figcaption>Time in ranges</figcaption>
            <svg width="40" height="300" viewBox="0 0 40 300" role="img" aria-label="Time in range {Formats.Number(r.InRange, 1)} %, below {Formats.Number(r.Below, 1)} %, above {Formats.Number(r.Above, 1)} %">{rects}</svg>
            <table><thead><tr><th scope="col">range (mg/dL)</th><th scope="col">time</th><th scope="col">target</th></tr></thead><tbody>{rows}</tbody></table>
            </figure>
            """);
    }

    private static HtmlText DoseSection(IReadOnlyList<DoseDelivery> doses)
    {
        if (doses.Count == 0)
        {
            return HtmlText.Of($"<section aria-labelledby=\"doses-h\"><h2 id=\"doses-h\">Insulin</h2><p>No insulin doses in this window.</p></section>");
        }
        var byReason = doses.GroupBy(d => d.Reason).OrderBy(g => g.Key)
            .Select(g => HtmlText.Of($"<li>{DoseReasonNames.Name(g.Key)}: {g.Count()} records, {Formats.Number(g.Sum(d => d.TotalUnits), 1)} U</li>"));
        // The doses a clinician asks about first: everything the governor or a fallback changed, then the newest.
        var notable = doses.Where(d => d.Reason != DoseDeliveryReason.ControllerDecision).TakeLast(30)
            .Concat(doses.TakeLast(20)).Distinct().OrderByDescending(d => d.Time).Take(50)
            .Select(d => HtmlText.Of($"<tr><td>{Formats.Time(d.Time)}</td><td>{Formats.Number(d.BasalUnitsPerHour, 2)}</td><td>{Formats.Number(d.Duration.TotalMinutes, 0)}</td><td>{Formats.Number(d.BolusUnits, 2)}</td><td>{DoseReasonNames.Name(d.Reason)}</td></tr>"));
        return HtmlText.Of($"""
            <section aria-labelledby="doses-h"><h2 id="doses-h">Insulin</h2>
            <figure class="chart"><figcaption>Basal rate (U/h) and boluses (U)</figcaption><div class="plot" id="chart-doses" role="img" aria-label="Insulin chart"></div></figure>
            <ul class="reasons">{byReason}</ul>
            <table class="doses"><caption>Doses changed by the governor or a fallback, and the newest (at most 50)</caption>
            <thead><tr><th scope="col">time</th><th scope="col">basal U/h</th><th scope="col">minutes</th><th scope="col">bolus U</th><th scope="col">reason</th></tr></thead>
            <tbody>{notable}</tbody></table>
            </section>
            """);
    }

    private static HtmlText EventSection(IReadOnlyList<PatchEvent> events)
    {
        if (events.Count == 0)
        {
            return HtmlText.Of($"<section aria-labelledby=\"events-h\"><h2 id=\"events-h\">Rhythm events</h2><p>No rhythm events in this window.</p></section>");
        }
        var rows = events.Select(e => HtmlText.Of($"<tr><td>{PatchEventKinds.Name(e.Kind)}</td><td>{Formats.Time(e.Start)}</td><td>{Formats.Time(e.End)}</td><td>{(e.Value is double value ? Formats.Number(value, 1) : "—")}</td><td>{e.Detail}</td></tr>"));
        return HtmlText.Of($"""
            <section aria-labelledby="events-h"><h2 id="events-h">Rhythm events</h2>
            <table class="events"><thead><tr><th scope="col">kind</th><th scope="col">start</th><th scope="col">end</th><th scope="col">value</th><th scope="col">detail (from the patch)</th></tr></thead>
            <tbody>{rows}</tbody></table>
            </section>
            """);
    }

    private static DownsampledSeries Downsample(IReadOnlyList<Observation> rows, long start, long end, int columns)
    {
        var (t, v) = Split(rows);
        return MinMaxDownsampler.Downsample(t, v, start, end, columns);
    }

    private static (long[] Times, double[] Values) Split(IReadOnlyList<Observation> rows)
    {
        var t = new long[rows.Count];
        var v = new double[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            t[i] = rows[i].Time.ToUnixTimeSeconds();
            v[i] = rows[i].Value;
        }
        return (t, v);
    }

    private static double?[] Nullable(double[] values) => [.. values.Select(v => double.IsNaN(v) ? (double?)null : Math.Round(v, 1))];

    private static double? Edge(double edge) => double.IsInfinity(edge) ? null : edge;

    private static int ParseOr(string? text, int fallback, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max ? n : fallback;
}
