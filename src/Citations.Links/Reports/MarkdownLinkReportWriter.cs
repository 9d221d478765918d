using System.Globalization;
using System.Text;
using Citations.Reports;

namespace Citations.Links.Reports;

/// <summary>Writes a Markdown report for people: counts, then broken links, drifted pages, unverified links and redirects, each with its evidence and any archived copy.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class MarkdownLinkReportWriter : ILinkReportWriter
{
    /// <summary>The writer.</summary>
    public static MarkdownLinkReportWriter Instance { get; } = new();

    private MarkdownLinkReportWriter()
    {
    }

    /// <inheritdoc/>
    public string FileExtension => ".md";

    /// <inheritdoc/>
    public async Task WriteAsync(LinkReport report, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var text = Render(report);
        await output.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renders the report as Markdown text.</summary>
    /// <param name="report">The report.</param>
    public static string Render(LinkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append("# Link check\n\n");
        md.Append(Invariant($"Checked {report.Total} distinct URL(s) on {report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC: "));
        md.Append(Invariant($"**{report.Broken} broken**, {report.MissingQuotes} with a missing quote, {report.Rot} rotted, {report.Changed} changed since the last check."));
        if (report.NotCheckable.Count > 0)
        {
            md.Append(Invariant($" {report.NotCheckable.Count} cited source(s) had no link to check."));
        }

        md.Append("\n\n");
        md.Append("| Verdict | Count |\n|---|---:|\n");
        foreach (var (verdict, count) in report.CountsByVerdict.Where(c => c.Value > 0))
        {
            md.Append(Invariant($"| {verdict.ToReportName()} | {count} |\n"));
        }

        md.Append('\n');
        Sources(md, report.Sources);
        Section(md, "Broken", report.Results.Where(r => r.IsBroken));
        Section(md, "Quotes no longer on the page", report.Results.Where(r => !r.IsBroken && r.HasMissingQuote));
        Section(md, "Unverified (blocked, inconclusive, not allowed)", report.Results.Where(r => r.Verdict.IsUnverified()));
        Section(md, "Redirected", report.Results.Where(r => r.Verdict == LinkVerdict.Redirected && !r.HasMissingQuote));
        var changed = report.Results.Where(r => r.Verdict.IsAlive() && !r.HasMissingQuote && r.Content?.ChangedSinceLastCheck == true).ToList();
        Section(md, "Changed since the last check", changed);
        var alive = report.Results.Count(r => r.Verdict == LinkVerdict.Alive && !r.HasMissingQuote);
        md.Append(Invariant($"{alive} link(s) alive at their cited address.\n"));
        return md.ToString();
    }

    private static void Section(StringBuilder md, string title, IEnumerable<LinkCheckResult> results)
    {
        var list = results.ToList();
        if (list.Count == 0)
        {
            return;
        }

        md.Append(Invariant($"## {title} ({list.Count})\n\n"));
        foreach (var r in list)
        {
            md.Append(Invariant($"- **{r.Verdict.ToReportName()}** {Link(r.Url)}"));
            if (r.Evidence.StatusCode is { } status)
            {
                md.Append(Invariant($" — HTTP {status}"));
            }

            if (r.Evidence.Error is { } error)
            {
                md.Append(" — ").Append(Escape(error.Message));
            }

            if (r.FromHistory)
            {
                md.Append(Invariant($" (from the history, checked {r.CheckedAt.UtcDateTime:yyyy-MM-dd})"));
            }

            md.Append('\n');
            if (r.Evidence.Redirect is { } redirect)
            {
                md.Append(Invariant($"  - {redirect.Kind.ToString().ToLowerInvariant()} redirect to {Link(redirect.Target)}{(redirect.IsCanonicalization ? " (same page, different spelling)" : string.Empty)}\n"));
            }

            foreach (var note in r.Evidence.Notes)
            {
                md.Append("  - ").Append(Escape(note)).Append('\n');
            }

            if (r.Evidence.Connectivity is { } probe)
            {
                md.Append(Invariant($"  - connectivity probe: {(probe.Online ? "online" : "offline")} (asked {probe.CheckedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, took {probe.Duration.TotalMilliseconds:0} ms)\n"));
            }

            foreach (var quote in r.Content?.Quotes.Where(q => !q.Found) ?? [])
            {
                md.Append(Invariant($"  - quote not found ({quote.Coverage:P0} of its word triples remain): “{Escape(quote.Quote)}”\n"));
            }

            if (r.History is { } history)
            {
                md.Append(Invariant($"  - history: {history.Checks} check(s)"));
                if (history.LastSeenAlive is { } alive)
                {
                    md.Append(Invariant($", last seen alive {alive.UtcDateTime:yyyy-MM-dd}"));
                }

                if (history.FirstSeenFailing is { } failing)
                {
                    md.Append(Invariant($", failing since {failing.UtcDateTime:yyyy-MM-dd}"));
                }

                md.Append(history.IsRot ? " — **rot**\n" : "\n");
            }

            if (r.Archive is { } archive)
            {
                md.Append(Invariant($"  - archived copy ({archive.Archive}, {archive.CapturedAt.UtcDateTime:yyyy-MM-dd}, {Math.Abs(archive.Distance.TotalDays):0} day(s) {(archive.IsBeforeReference ? "before" : "after")} {(archive.ReferenceIsAccessedDate ? "the access date" : "the check")}): {Link(archive.Url)}\n"));
            }

            foreach (var target in r.Targets.Where(t => t.Origin is not null || t.SourceId is not null).Take(5))
            {
                md.Append("  - cited by ").Append(Escape(target.SourceId ?? target.Origin!));
                if (target.SourceId is not null && target.Origin is not null)
                {
                    md.Append(" (").Append(Escape(target.Origin)).Append(')');
                }

                md.Append('\n');
            }
        }

        md.Append('\n');
    }

    private static void Sources(StringBuilder md, IReadOnlyList<SourceLinkResult> sources)
    {
        if (sources.Count == 0)
        {
            return;
        }

        md.Append(Invariant($"## Sources ({sources.Count})\n\n| Source | Status | Link |\n|---|---|---|\n"));
        foreach (var source in sources)
        {
            md.Append("| ").Append(Escape(source.SourceId)).Append(" | ");
            if (source.Result is { } result)
            {
                md.Append("**").Append(source.Status).Append("**");
                if (result.HasMissingQuote)
                {
                    md.Append(", quote missing");
                }

                md.Append(" | ").Append(Link(result.Url).Replace("|", "%7C", StringComparison.Ordinal)).Append(" |\n");
            }
            else
            {
                md.Append("not checkable: ").Append(Escape(source.NotCheckable!.Reason)).Append(" | ");
                md.Append(source.NotCheckable.Title is { } title ? Escape(title) : "—").Append(" |\n");
            }
        }

        md.Append('\n');
    }

    /// <summary>Text from outside (messages, notes, quotes, titles, ids) for Markdown, table cells included: control
    /// characters escaped (<see cref="DisplayText.Escape"/>), then Markdown's own characters (<see cref="MarkdownText.Escape"/>).</summary>
    private static string Escape(string text) => MarkdownText.Escape(DisplayText.Escape(text));

    /// <summary>A URL as an autolink, password hidden and control characters escaped; what cannot be inside the brackets percent-encoded.</summary>
    private static string Link(string url)
        => "<" + DisplayText.Url(url).Replace(" ", "%20", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal) + ">";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
