using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Citations.Reports;

namespace Citations.Links.Reports;

/// <summary>
/// Writes a <see cref="LinkHistoryReport"/>: as one self-contained HTML page (<see cref="WriteHtmlAsync"/>) with an
/// inline SVG chart of the share of links alive after each run and a table of every URL's timeline, or as JSON
/// (<see cref="WriteJsonAsync"/>, format <c>citations-link-history</c>, version 1).
/// </summary>
/// <remarks>
/// <para>JSON: <c>format</c>, <c>version</c>, <c>generatedAt</c>, <c>runGapSeconds</c>, <c>summary</c> (<c>urls</c>,
/// <c>checks</c>, <c>runs</c>, <c>failing</c>, <c>rotted</c>), <c>runs[]</c> (<c>start</c>, <c>end</c>, <c>checks</c>,
/// <c>alive</c>, <c>failing</c>, <c>aliveShare</c>?), <c>urls[]</c> (<c>url</c>, <c>checks</c>, <c>firstCheckedAt</c>,
/// <c>lastCheckedAt</c>, <c>lastVerdict</c>, <c>lastSeenAlive</c>?, <c>firstFailure</c>?, <c>failingSince</c>?,
/// <c>rotSince</c>?, <c>rot</c>, <c>timeline[]</c> of <c>checkedAt</c>, <c>verdict</c>, <c>status</c>?). Fields are
/// only ever added within a version.</para>
/// <para>HTML text from outside (URLs) is escaped with <see cref="DisplayText"/> and encoded. Thread-safe.</para>
/// </remarks>
public static class LinkHistoryWriters
{
    /// <summary>The JSON <c>format</c> field's value.</summary>
    public const string JsonFormatName = "citations-link-history";

    /// <summary>The JSON <c>version</c> field's value.</summary>
    public const int JsonFormatVersion = 1;

    private const int ChartWidth = 640;
    private const int ChartHeight = 240;
    private const int Left = 48;
    private const int Right = 16;
    private const int Top = 16;
    private const int Bottom = 36;

    /// <summary>The most runs drawn with a point each (and a tooltip); more are drawn as the line alone.</summary>
    private const int MaxChartPoints = 60;

    /// <summary>Writes the HTML page.</summary>
    /// <param name="report">The report.</param>
    /// <param name="output">Where to write (UTF-8, not closed).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task WriteHtmlAsync(LinkHistoryReport report, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteAsync(new UTF8Encoding(false).GetBytes(RenderHtml(report)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renders the HTML page.</summary>
    /// <param name="report">The report.</param>
    public static string RenderHtml(LinkHistoryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var html = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        HtmlPage.Begin(html, "Link history");
        html.Write("<h1>Link history</h1>\n<p>");
        html.Write(Invariant($"{report.Timelines.Count} URL(s), {report.Checks} check(s) in {report.Runs.Count} run(s)"));
        if (report.Runs.Count > 0)
        {
            html.Write(Invariant($", from {report.Runs[0].Start.UtcDateTime:yyyy-MM-dd} to {report.Runs[^1].End.UtcDateTime:yyyy-MM-dd}"));
        }

        html.Write(Invariant($": <strong>{report.Failing} failing now</strong>, {report.Rotted} rotted. Made {report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.</p>\n"));
        html.Write("<h2 id=\"alive-over-time\">Share of links alive over time</h2>\n");
        Chart(html, report.Runs);
        Runs(html, report.Runs, report.RunGap);
        Urls(html, report.Timelines);
        HtmlPage.End(html);
        return html.ToString();
    }

    /// <summary>Writes the JSON document.</summary>
    /// <param name="report">The report.</param>
    /// <param name="output">Where to write (UTF-8, not closed).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task WriteJsonAsync(LinkHistoryReport report, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        await using (json.ConfigureAwait(false))
        {
            json.WriteStartObject();
            json.WriteString("format", JsonFormatName);
            json.WriteNumber("version", JsonFormatVersion);
            json.WriteString("generatedAt", LinkResultJson.Timestamp(report.GeneratedAt));
            json.WriteNumber("runGapSeconds", report.RunGap.TotalSeconds);
            json.WriteStartObject("summary");
            json.WriteNumber("urls", report.Timelines.Count);
            json.WriteNumber("checks", report.Checks);
            json.WriteNumber("runs", report.Runs.Count);
            json.WriteNumber("failing", report.Failing);
            json.WriteNumber("rotted", report.Rotted);
            json.WriteEndObject();
            json.WriteStartArray("runs");
            foreach (var run in report.Runs)
            {
                json.WriteStartObject();
                json.WriteString("start", LinkResultJson.Timestamp(run.Start));
                json.WriteString("end", LinkResultJson.Timestamp(run.End));
                json.WriteNumber("checks", run.Checks);
                json.WriteNumber("alive", run.Alive);
                json.WriteNumber("failing", run.Failing);
                if (run.AliveShare is { } share)
                {
                    json.WriteNumber("aliveShare", Math.Round(share, 4));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("urls");
            foreach (var t in report.Timelines)
            {
                WriteTimeline(json, t);
                if (json.BytesPending > 64 * 1024)
                {
                    await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void WriteTimeline(Utf8JsonWriter json, LinkTimeline t)
    {
        var s = t.Summary;
        json.WriteStartObject();
        json.WriteString("url", t.Url);
        json.WriteNumber("checks", s.Checks);
        json.WriteString("firstCheckedAt", LinkResultJson.Timestamp(s.FirstCheckedAt));
        json.WriteString("lastCheckedAt", LinkResultJson.Timestamp(s.LastCheckedAt));
        json.WriteString("lastVerdict", s.LastVerdict.ToReportName());
        json.WriteStringIfAny("lastSeenAlive", s.LastSeenAlive is { } alive ? LinkResultJson.Timestamp(alive) : null);
        json.WriteStringIfAny("firstFailure", t.FirstFailure is { } first ? LinkResultJson.Timestamp(first) : null);
        json.WriteStringIfAny("failingSince", s.FirstSeenFailing is { } failing ? LinkResultJson.Timestamp(failing) : null);
        json.WriteStringIfAny("rotSince", t.RotSince is { } rot ? LinkResultJson.Timestamp(rot) : null);
        json.WriteBoolean("rot", s.IsRot);
        json.WriteStartArray("timeline");
        foreach (var check in t.Checks)
        {
            json.WriteStartObject();
            json.WriteString("checkedAt", LinkResultJson.Timestamp(check.CheckedAt));
            json.WriteString("verdict", check.Verdict.ToReportName());
            if (check.StatusCode is { } status)
            {
                json.WriteNumber("status", status);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The chart: x is time (runs placed by their start), y the share alive; one line, and a point per run with a tooltip up to <see cref="MaxChartPoints"/> runs.</summary>
    private static void Chart(StringWriter html, IReadOnlyList<HistoryRun> runs)
    {
        var points = runs.Where(r => r.AliveShare is not null).ToList();
        if (points.Count == 0)
        {
            html.Write("<p>No run has a conclusive check yet: nothing to draw.</p>\n");
            return;
        }

        var first = points[0].Start;
        var span = (points[^1].Start - first).TotalSeconds;
        var plotWidth = ChartWidth - Left - Right;
        var plotHeight = ChartHeight - Top - Bottom;
        double X(HistoryRun r) => Left + (span <= 0 ? plotWidth / 2.0 : (r.Start - first).TotalSeconds / span * plotWidth);
        double Y(double share) => Top + ((1 - share) * plotHeight);
        var last = points[^1];
        html.Write(Invariant($"<figure>\n<svg role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 {ChartWidth} {ChartHeight}\" width=\"{ChartWidth}\" height=\"{ChartHeight}\" xmlns=\"http://www.w3.org/2000/svg\">\n"));
        html.Write(Invariant($"<title id=\"chart-title\">Share of links alive after each of {points.Count} run(s): {LinkHistoryReport.Percent(last.AliveShare!.Value)} after the last</title>\n"));
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
        {
            var y = Y(tick / 100.0);
            html.Write(Invariant($"<line x1=\"{Left}\" x2=\"{ChartWidth - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#c8c8c8\"/><text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1b1b\">{tick}%</text>\n"));
        }

        html.Write(Invariant($"<text x=\"{Left}\" y=\"{ChartHeight - 10}\" font-size=\"12\" fill=\"#1b1b1b\">{first.UtcDateTime:yyyy-MM-dd}</text>"));
        if (points.Count > 1)
        {
            html.Write(Invariant($"<text x=\"{ChartWidth - Right}\" y=\"{ChartHeight - 10}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1b1b\">{last.Start.UtcDateTime:yyyy-MM-dd}</text>"));
        }

        html.Write("\n<polyline fill=\"none\" stroke=\"#0b4fa8\" stroke-width=\"2\" points=\"");
        html.Write(string.Join(" ", points.Select(p => Invariant($"{X(p):0.#},{Y(p.AliveShare!.Value):0.#}"))));
        html.Write("\"/>\n");
        // A point with its tooltip per run while they can be told apart; beyond that the line alone (one node).
        foreach (var p in points.Count <= MaxChartPoints ? points : [])
        {
            html.Write(Invariant($"<circle cx=\"{X(p):0.#}\" cy=\"{Y(p.AliveShare!.Value):0.#}\" r=\"4\" fill=\"#0b4fa8\"><title>{p.Start.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {LinkHistoryReport.Percent(p.AliveShare!.Value)} alive ({p.Alive} of {p.Alive + p.Failing})</title></circle>\n"));
        }

        html.Write("</svg>\n<figcaption class=\"muted\">The share of links alive after each run, counting every URL seen so far with its latest conclusive verdict (blocked and inconclusive checks change nothing). The table below gives the same figures.</figcaption>\n</figure>\n");
    }

    private static void Runs(StringWriter html, IReadOnlyList<HistoryRun> runs, TimeSpan gap)
    {
        html.Write(Invariant($"<details class=\"runs\">\n<summary>Runs ({runs.Count}; a run is a stretch of checks with no gap over {gap.TotalMinutes:0} minutes)</summary>\n"));
        html.Write("<div class=\"table\"><table class=\"sortable\">\n<thead><tr><th scope=\"col\">Run started (UTC)</th><th scope=\"col\" class=\"num\">Checks</th><th scope=\"col\" class=\"num\">Alive</th><th scope=\"col\" class=\"num\">Failing</th><th scope=\"col\" class=\"num\">Share alive</th></tr></thead>\n<tbody>\n");
        foreach (var r in runs)
        {
            var share = r.AliveShare is { } s ? LinkHistoryReport.Percent(s) : "—";
            html.Write(Invariant($"<tr><td>{r.Start.UtcDateTime:yyyy-MM-dd HH:mm}</td><td class=\"num\" data-sort=\"{r.Checks}\">{r.Checks}</td><td class=\"num\" data-sort=\"{r.Alive}\">{r.Alive}</td><td class=\"num\" data-sort=\"{r.Failing}\">{r.Failing}</td><td class=\"num\" data-sort=\"{r.AliveShare ?? -1:0.####}\">{share}</td></tr>\n"));
        }

        html.Write("</tbody></table></div>\n</details>\n");
    }

    private static void Urls(StringWriter html, IReadOnlyList<LinkTimeline> timelines)
    {
        // The URLs with a story (a failure, an unverified check, a redirect) each get their timeline; those alive at
        // every check are collapsed into counts, folded away (a closed details is neither laid out nor painted).
        var eventful = timelines.Where(t => !AliveAlways(t)).OrderBy(t => Rank(t)).ThenBy(t => t.Url, StringComparer.Ordinal).ToList();
        var alive = timelines.Where(AliveAlways).ToList();
        html.Write(Invariant($"<h2 id=\"urls\">Links ({timelines.Count})</h2>\n"));
        var verdicts = timelines.Select(t => t.Summary.LastVerdict).Distinct().Order().Select(v => v.ToReportName()).ToList();
        if (verdicts.Count > 1)
        {
            html.Write("<fieldset class=\"filter\"><legend>Show the links whose last verdict is</legend>\n");
            foreach (var name in verdicts)
            {
                html.Write(Invariant($"<label><input type=\"checkbox\" value=\"{name}\" checked> {name}</label>\n"));
            }

            html.Write("</fieldset>\n");
        }

        if (eventful.Count > 0)
        {
            html.Write(Invariant($"<p>{eventful.Count} link(s) failed, could not be verified or were redirected at some check, failing ones first:</p>\n"));
            html.Write("<div class=\"table\"><table class=\"sortable fixed\">\n<colgroup><col style=\"width:28%\"><col style=\"width:12%\"><col style=\"width:7%\"><col style=\"width:10%\"><col style=\"width:10%\"><col style=\"width:10%\"><col style=\"width:23%\"></colgroup>\n");
            html.Write("<thead><tr><th scope=\"col\">URL</th><th scope=\"col\">Last verdict</th><th scope=\"col\" class=\"num\">Checks</th><th scope=\"col\">Last seen alive</th><th scope=\"col\">First failure</th><th scope=\"col\">Rot since</th><th scope=\"col\">Timeline</th></tr></thead>\n<tbody>\n");
            foreach (var t in eventful)
            {
                var s = t.Summary;
                var verdict = s.LastVerdict;
                var kind = verdict.IsAlive() ? "good" : verdict.IsBroken() ? "bad" : "unsure";
                html.Write(Invariant($"<tr data-verdict=\"{verdict.ToReportName()}\"><td>{Link(t.Url)}</td><td><span class=\"verdict {kind}\">{verdict.ToReportName()}</span>{(s.IsRot ? " <strong>rot</strong>" : string.Empty)}</td>"));
                html.Write(Invariant($"<td class=\"num\" data-sort=\"{s.Checks}\">{s.Checks}</td><td>{Date(s.LastSeenAlive)}</td><td>{Date(t.FirstFailure)}</td><td>{Date(t.RotSince)}</td><td>{HtmlPage.Encode(LinkHistoryReport.Stretches(t))}</td></tr>\n"));
            }

            html.Write("</tbody></table></div>\n");
        }

        if (alive.Count == 0)
        {
            return;
        }

        // Rows end at the next row (end tags of cells and rows are optional in HTML): the fold carries the verdict.
        var checks = alive.Sum(t => t.Checks.Count);
        html.Write(Invariant($"<details class=\"fold\" data-verdict=\"{LinkVerdict.Alive.ToReportName()}\"><summary>{alive.Count} link(s) alive at every check ({checks} check(s))</summary>\n"));
        html.Write("<noscript class=\"later\"><div class=\"table\"><table class=\"sortable fixed\">\n<colgroup><col style=\"width:64%\"><col style=\"width:12%\"><col style=\"width:12%\"><col style=\"width:12%\"></colgroup>\n");
        html.Write("<thead><tr><th scope=\"col\">URL</th><th scope=\"col\" class=\"num\">Checks</th><th scope=\"col\">First check</th><th scope=\"col\">Last check</th></tr></thead>\n<tbody>\n");
        foreach (var t in alive)
        {
            var s = t.Summary;
            html.Write(Invariant($"<tr><td>{Link(t.Url)}<td class=\"num\">{s.Checks}<td>{Date(s.FirstCheckedAt)}<td>{Date(s.LastCheckedAt)}\n"));
        }

        html.Write("</tbody></table></div></noscript>\n</details>\n");
    }

    /// <summary>Whether every check of the URL found it alive (not redirected), so its timeline is one count.</summary>
    private static bool AliveAlways(LinkTimeline timeline) => timeline.Checks.Count > 0 && timeline.Checks.All(c => c.Verdict == LinkVerdict.Alive);

    /// <summary>Failing now first, then the ones not alive now, then the rest.</summary>
    private static int Rank(LinkTimeline timeline)
        => LinkHistoryReport.IsFailing(timeline) ? 0 : timeline.Summary.LastVerdict.IsAlive() ? 2 : 1;

    private static string Link(string url)
    {
        var shown = HtmlPage.Encode(DisplayText.Url(url));
        return HtmlPage.Href(DisplayText.RedactUrl(url)) is { } href ? "<a href=\"" + href + "\">" + shown + "</a>" : shown;
    }

    private static string Date(DateTimeOffset? at) => at is { } value ? Invariant($"{value.UtcDateTime:yyyy-MM-dd}") : "—";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
