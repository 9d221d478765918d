using System.Globalization;
using System.Text;
using Citations.Reports;

namespace Citations.Links.Reports;

/// <summary>
/// Writes a link check as one self-contained HTML page for an editor: the counts by verdict, the cited sources, and a
/// table per input (article, bibliography, page) with each link's verdict, evidence, archived copy (a Robust Link: the
/// original URL with <c>data-versionurl</c> and <c>data-versiondate</c>) and quote drift. Rows filter by verdict
/// and tables sort by column (a few lines of inline script; without it every row shows). Nothing is loaded from
/// anywhere: the style sheet and script are inline and a content security policy forbids requests.
/// </summary>
/// <remarks>
/// Every piece from outside (URLs, server messages, notes, quotes, titles, ids) is escaped for people first
/// (<see cref="DisplayText.Escape"/>, passwords hidden with <see cref="DisplayText.RedactUrl"/>) and then encoded for
/// HTML; only absolute http(s) URLs become links. Thread-safe.
/// </remarks>
public sealed class HtmlLinkReportWriter : ILinkReportWriter
{
    /// <summary>The writer.</summary>
    public static HtmlLinkReportWriter Instance { get; } = new();

    private HtmlLinkReportWriter()
    {
    }

    /// <inheritdoc/>
    public string FileExtension => ".html";

    /// <inheritdoc/>
    public async Task WriteAsync(LinkReport report, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var text = Render(report);
        await output.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renders the report as an HTML page.</summary>
    /// <param name="report">The report.</param>
    public static string Render(LinkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var html = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        HtmlPage.Begin(html, "Link check");
        html.Write("<h1>Link check</h1>\n<p>");
        html.Write(Invariant($"Checked {report.Total} distinct URL(s) on {report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC: "));
        html.Write(Invariant($"<strong>{report.Broken} broken</strong>, {report.MissingQuotes} with a missing quote, {report.Rot} rotted, {report.Changed} changed since the last check."));
        if (report.NotCheckable.Count > 0)
        {
            html.Write(Invariant($" {report.NotCheckable.Count} cited source(s) had no link to check."));
        }

        html.Write("</p>\n");
        Summary(html, report);
        Filter(html, report);
        Sources(html, report.Sources);
        foreach (var (input, results) in ByInput(report.Results))
        {
            Links(html, input, results);
        }

        HtmlPage.End(html);
        return html.ToString();
    }

    private static void Summary(StringWriter html, LinkReport report)
    {
        html.Write("<h2 id=\"summary\">Summary by verdict</h2>\n<div class=\"table\"><table>\n<thead><tr><th scope=\"col\">Verdict</th><th scope=\"col\" class=\"num\">Links</th><th scope=\"col\">Means</th></tr></thead>\n<tbody>\n");
        foreach (var (verdict, count) in report.CountsByVerdict.Where(c => c.Value > 0))
        {
            html.Write(Invariant($"<tr><td>{Badge(verdict.ToReportName(), ClassOf(verdict))}</td><td class=\"num\">{count}</td><td>{Meaning(verdict)}</td></tr>\n"));
        }

        if (report.NotCheckable.Count > 0)
        {
            html.Write(Invariant($"<tr><td>{Badge(SourceLinkResult.NotCheckableStatus, "none")}</td><td class=\"num\">{report.NotCheckable.Count}</td><td>cited sources with no URL or DOI (not requested, never broken)</td></tr>\n"));
        }

        html.Write("</tbody></table></div>\n");
    }

    private static void Filter(StringWriter html, LinkReport report)
    {
        var present = report.CountsByVerdict.Where(c => c.Value > 0).Select(c => c.Key.ToReportName()).ToList();
        if (report.NotCheckable.Count > 0)
        {
            present.Add(SourceLinkResult.NotCheckableStatus);
        }

        if (present.Count < 2)
        {
            return;
        }

        html.Write("<fieldset class=\"filter\"><legend>Show the rows with these verdicts</legend>\n");
        foreach (var name in present)
        {
            html.Write(Invariant($"<label><input type=\"checkbox\" value=\"{name}\" checked> {name}</label>\n"));
        }

        html.Write("</fieldset>\n");
    }

    private static void Sources(StringWriter html, IReadOnlyList<SourceLinkResult> sources)
    {
        if (sources.Count == 0)
        {
            return;
        }

        html.Write(Invariant($"<h2 id=\"sources\">Cited sources ({sources.Count})</h2>\n"));
        html.Write("<div class=\"table\"><table class=\"sortable\">\n<thead><tr><th scope=\"col\">Source</th><th scope=\"col\">Verdict</th><th scope=\"col\">Link</th><th scope=\"col\">Quotes</th><th scope=\"col\">Archived copy</th></tr></thead>\n<tbody>\n");
        foreach (var source in sources)
        {
            html.Write(Invariant($"<tr data-verdict=\"{source.Status}\"><th scope=\"row\">{Text(source.SourceId)}</th>"));
            if (source.Result is { } result)
            {
                html.Write(Invariant($"<td>{Badge(source.Status, ClassOf(result.Verdict))}</td><td>{Link(source.Url ?? result.Url)}</td><td>{Quotes(result)}</td><td>{Archive(result)}</td></tr>\n"));
            }
            else
            {
                var reason = "not checkable: " + Text(source.NotCheckable!.Reason);
                var title = source.NotCheckable.Title is { } t ? " — " + Text(t) : string.Empty;
                html.Write(Invariant($"<td>{Badge(source.Status, "none")}</td><td>{reason}{title}</td><td></td><td></td></tr>\n"));
            }
        }

        html.Write("</tbody></table></div>\n");
    }

    private static void Links(StringWriter html, string input, IReadOnlyList<LinkCheckResult> results)
    {
        // What needs a look comes first and shows; the links that are simply alive are folded away in a compact table
        // (a closed details is neither laid out nor painted until opened, so a page of 10,000 links opens at once).
        var attention = results.Where(r => !IsFine(r)).OrderBy(r => Rank(r.Verdict)).ThenBy(r => r.Url, StringComparer.Ordinal).ToList();
        var fine = results.Where(IsFine).OrderBy(r => r.Url, StringComparer.Ordinal).ToList();
        html.Write(Invariant($"<h2>Links in {Text(input)} ({results.Count})</h2>\n"));
        if (attention.Count > 0)
        {
            html.Write("<div class=\"table\"><table class=\"sortable fixed links\">\n<colgroup><col style=\"width:26%\"><col style=\"width:11%\"><col style=\"width:25%\"><col style=\"width:14%\"><col style=\"width:12%\"><col style=\"width:12%\"></colgroup>\n");
            html.Write("<thead><tr><th scope=\"col\">URL</th><th scope=\"col\">Verdict</th><th scope=\"col\">Evidence</th><th scope=\"col\">Quotes</th><th scope=\"col\">Archived copy</th><th scope=\"col\">Cited by</th></tr></thead>\n<tbody>\n");
            foreach (var r in attention)
            {
                var name = r.Verdict.ToReportName();
                html.Write(Invariant($"<tr data-verdict=\"{name}\"><td>{Link(r.Url)}</td><td>{Badge(name, ClassOf(r.Verdict))}{(r.IsRot ? " <strong>rot</strong>" : string.Empty)}</td>"));
                html.Write(Invariant($"<td>{Evidence(r)}</td><td>{Quotes(r)}</td><td>{Archive(r)}</td><td>{CitedBy(r, input)}</td></tr>\n"));
            }

            html.Write("</tbody></table></div>\n");
        }

        if (fine.Count == 0)
        {
            return;
        }

        // One verdict for the whole fold: the filter hides or shows it as one, and the rows need no attribute each.
        // Rows end at the next row (end tags of cells and rows are optional in HTML), which halves their weight.
        html.Write(Invariant($"<details class=\"fold\" data-verdict=\"{LinkVerdict.Alive.ToReportName()}\"><summary>{fine.Count} alive link(s) with nothing to report{(attention.Count == 0 ? string.Empty : Invariant($" ({attention.Count} above need a look)"))}</summary>\n"));
        html.Write("<p class=\"muted\">Each answered with a success status, every quote it is cited for was found, and its page did not change. The evidence is shortened to the status; the JSON report (--json) has the checker's notes.</p>\n");
        html.Write("<noscript class=\"later\"><div class=\"table\"><table class=\"sortable fixed\">\n<colgroup><col style=\"width:60%\"><col style=\"width:20%\"><col style=\"width:20%\"></colgroup>\n");
        html.Write("<thead><tr><th scope=\"col\">URL</th><th scope=\"col\">Evidence</th><th scope=\"col\">Cited by</th></tr></thead>\n<tbody>\n");
        foreach (var r in fine)
        {
            html.Write(Invariant($"<tr><td>{Link(r.Url)}<td>{ShortEvidence(r)}<td>{ShortCitedBy(r, input)}\n"));
        }

        html.Write("</tbody></table></div></noscript>\n</details>\n");
    }

    /// <summary>Whether a link has nothing to report: alive (not redirected), not rot, no quote missing, no change seen, no archived copy offered.</summary>
    private static bool IsFine(LinkCheckResult r)
        => r.Verdict == LinkVerdict.Alive && !r.IsRot && !r.IsChanged && r.Content?.ChangedSinceLastCheck != true && r.Archive is null
           && (r.Content?.Quotes ?? []).All(q => q.Found);

    /// <summary>The order of the rows that need a look: broken first, then unverified, then alive ones with something to say.</summary>
    private static int Rank(LinkVerdict verdict) => verdict.IsBroken() ? 0 : verdict.IsAlive() ? 2 : 1;

    private static string ShortEvidence(LinkCheckResult r)
    {
        var text = r.Evidence.StatusCode is { } status ? Invariant($"HTTP {status}") : "alive";
        var quotes = r.Content?.Quotes.Count ?? 0;
        text += quotes > 0 ? Invariant($", {quotes} quote(s) found") : string.Empty;
        return r.FromHistory ? text + Invariant($", from the history ({r.CheckedAt.UtcDateTime:yyyy-MM-dd})") : text;
    }

    /// <summary>Where a folded link is cited: the line when it is in this section's file, else the origin; and how many more places.</summary>
    private static string ShortCitedBy(LinkCheckResult r, string input)
    {
        var cited = r.Targets.Where(t => t.Origin is not null || t.SourceId is not null).ToList();
        if (cited.Count == 0)
        {
            return string.Empty;
        }

        var first = cited[0];
        var shown = first.SourceId is { } id ? Text(id)
            : first.Line is { } line && first.File is not null && InputOf(first.Origin) == input ? Invariant($"line {line}")
            : Text(first.Origin);
        return cited.Count > 1 ? shown + Invariant($" and {cited.Count - 1} more") : shown;
    }

    /// <summary>The results grouped by the file that cites them (the first citation's origin), in order of file name.</summary>
    private static IEnumerable<(string Input, IReadOnlyList<LinkCheckResult> Results)> ByInput(IReadOnlyList<LinkCheckResult> results)
        => results
            .GroupBy(r => InputOf(r.Targets.Select(t => t.Origin).FirstOrDefault(o => o is not null)), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<LinkCheckResult>)[.. g]));

    /// <summary>The file part of an origin: <c>FILE (source ID)</c> for an article's source, <c>FILE:LINE</c> for a page or a list.</summary>
    internal static string InputOf(string? origin)
    {
        if (string.IsNullOrEmpty(origin))
        {
            return "the input";
        }

        if (origin.EndsWith(')') && origin.LastIndexOf(" (", StringComparison.Ordinal) is var paren and > 0)
        {
            return origin[..paren];
        }

        var colon = origin.LastIndexOf(':');
        return colon > 0 && colon < origin.Length - 1 && origin.AsSpan(colon + 1).IndexOfAnyExceptInRange('0', '9') < 0 ? origin[..colon] : origin;
    }

    private static string Evidence(LinkCheckResult r)
    {
        var parts = new List<string>();
        if (r.Evidence.StatusCode is { } status)
        {
            parts.Add(Invariant($"HTTP {status}"));
        }

        if (r.Evidence.Error is { } error)
        {
            parts.Add(Text(error.Message));
        }

        if (r.Evidence.Redirect is { } redirect)
        {
            parts.Add(Invariant($"{redirect.Kind.ToString().ToLowerInvariant()} redirect to {Link(redirect.Target)}{(redirect.IsCanonicalization ? " (same page, different spelling)" : string.Empty)}"));
        }

        parts.AddRange(r.Evidence.Notes.Take(5).Select(Text));
        if (r.History is { } history)
        {
            var line = Invariant($"history: {history.Checks} check(s)");
            line += history.LastSeenAlive is { } alive ? Invariant($", last seen alive {alive.UtcDateTime:yyyy-MM-dd}") : string.Empty;
            line += history.FirstSeenFailing is { } failing ? Invariant($", failing since {failing.UtcDateTime:yyyy-MM-dd}") : string.Empty;
            parts.Add(line);
        }

        if (r.FromHistory)
        {
            parts.Add(Invariant($"from the history, checked {r.CheckedAt.UtcDateTime:yyyy-MM-dd}"));
        }

        if (r.Content?.ChangedSinceLastCheck == true)
        {
            parts.Add("page changed since the last check");
        }

        return List(parts);
    }

    private static string Quotes(LinkCheckResult r)
    {
        var quotes = r.Content?.Quotes ?? [];
        return List(quotes.Select(q => q.Found
            ? "found: “" + Text(q.Quote) + "”"
            : Invariant($"<strong>missing</strong> ({q.Coverage:P0} of its word triples remain): “{Text(q.Quote)}”")).ToList());
    }

    private static string Archive(LinkCheckResult r)
    {
        if (r.Archive is not { } archive || HtmlPage.Href(archive.OriginalUrl) is null || HtmlPage.Href(archive.Url) is null)
        {
            return string.Empty;
        }

        var when = Invariant($"{archive.CapturedAt.UtcDateTime:yyyy-MM-dd}, {Math.Abs(archive.Distance.TotalDays):0} day(s) {(archive.IsBeforeReference ? "before" : "after")} {(archive.ReferenceIsAccessedDate ? "the access date" : "the check")}");
        var copy = new ArchivedCopy
        {
            Url = DisplayText.RedactUrl(archive.Url),
            OriginalUrl = DisplayText.RedactUrl(archive.OriginalUrl),
            CapturedAt = archive.CapturedAt,
            Archive = archive.Archive,
            Reference = archive.Reference,
        };
        return copy.ToRobustLinkHtml(DisplayText.Escape(archive.Archive) + " copy")
               + Invariant($" (<a href=\"{HtmlPage.Href(copy.Url)}\">open the copy</a>) <span class=\"muted\">{Text(when)}{(archive.Verified ? string.Empty : ", not verified")}</span>");
    }

    private static string CitedBy(LinkCheckResult r, string input)
        => List(r.Targets.Where(t => t.Origin is not null || t.SourceId is not null).Take(5)
            .Select(t => t.SourceId is null && t.Line is { } line && t.File is not null && InputOf(t.Origin) == input
                ? Invariant($"line {line}")
                : Text(t.SourceId ?? t.Origin!) + (t.SourceId is not null && t.Origin is not null ? " <span class=\"muted\">(" + Text(t.Origin) + ")</span>" : string.Empty)).ToList());

    private static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => "<ul class=\"plain\">" + string.Concat(items.Select(i => "<li>" + i + "</li>")) + "</ul>",
    };

    private static string Link(string url)
    {
        var shown = Text(DisplayText.RedactUrl(url));
        return HtmlPage.Href(DisplayText.RedactUrl(url)) is { } href ? "<a href=\"" + href + "\">" + shown + "</a>" : shown;
    }

    private static string Badge(string name, string kind) => "<span class=\"verdict " + kind + "\">" + HtmlPage.Encode(name) + "</span>";

    private static string ClassOf(LinkVerdict verdict)
        => verdict.IsAlive() ? "good" : verdict.IsBroken() ? "bad" : "unsure";

    private static string Meaning(LinkVerdict verdict)
        => verdict.IsAlive() ? "the page answers" : verdict.IsBroken() ? "broken: fix the citation or use an archived copy" : "could not be verified (not counted as broken)";

    /// <summary>Text from outside: control characters escaped for people, then encoded for HTML.</summary>
    private static string Text(string? text) => HtmlPage.Encode(DisplayText.Escape(text));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
