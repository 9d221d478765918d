using System.Globalization;

namespace Citations.Links.Reports;

/// <summary>
/// The plain-text lines a command-line tool prints for a run: one line per failing result as it completes, and the
/// summary after (sources, verdict counts, sources without a link, a word on inconclusive links). Every piece that
/// came from outside (URLs, server messages, source ids) is escaped with <see cref="DisplayText.Escape"/> and URLs
/// have their passwords hidden, so a server cannot write on the reader's terminal.
/// </summary>
/// <remarks>Thread-safe; pure functions.</remarks>
public static class LinkReportText
{
    /// <summary>The most sources <see cref="SummaryLines"/> lists one by one; above it, only the counts are printed.</summary>
    public const int DefaultMaxSourcesListed = 50;

    /// <summary>
    /// One line for a result: verdict, URL, and the status (<c>(HTTP 404)</c>) or the error's message; a missing quote
    /// and an archived copy when there are. Such as <c>gone          https://example.org/a (HTTP 404)</c>.
    /// </summary>
    /// <param name="result">The result.</param>
    public static string ResultLine(LinkCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var line = $"{result.Verdict.ToReportName(),-13} {DisplayText.Url(result.Url)}";
        if (result.Evidence.StatusCode is { } status)
        {
            line += " (HTTP " + status.ToString(CultureInfo.InvariantCulture) + ")";
        }
        else if (result.Evidence.Error is { } error)
        {
            line += " (" + DisplayText.Escape(error.Message) + ")";
        }

        if (!result.IsBroken && result.HasMissingQuote)
        {
            line += " — a quote is no longer on the page";
        }

        if (result.Archive is { } archive)
        {
            line += " — archived: " + DisplayText.Url(archive.Url);
        }

        return line;
    }

    /// <summary>
    /// The summary of a run, line by line: unless <paramref name="quiet"/>, the sources with their status (when there
    /// are between 1 and <paramref name="maxSourcesListed"/>); the verdict counts; the sources with no link; and, unless
    /// <paramref name="quiet"/>, a sentence on inconclusive links.
    /// </summary>
    /// <param name="report">The report of the run.</param>
    /// <param name="quiet">Whether to leave out the source list and the sentence on inconclusive links.</param>
    /// <param name="maxSourcesListed">The most sources listed one by one.</param>
    public static IReadOnlyList<string> SummaryLines(LinkReport report, bool quiet = false, int maxSourcesListed = DefaultMaxSourcesListed)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<string>();
        if (!quiet && report.Sources.Count > 0 && report.Sources.Count <= maxSourcesListed)
        {
            var ids = report.Sources.Select(s => DisplayText.Escape(s.SourceId)).ToArray();
            var width = ids.Max(id => id.Length);
            lines.Add("sources:");
            for (var i = 0; i < ids.Length; i++)
            {
                var source = report.Sources[i];
                var detail = source.Result is { } result
                    ? DisplayText.Url(result.Url) + (result.HasMissingQuote ? " (a quote is no longer on the page)" : string.Empty)
                    : DisplayText.Escape(source.NotCheckable!.Reason);
                lines.Add($"  {ids[i].PadRight(width)}  {source.Status,-13}  {detail}");
            }
        }

        var counts = string.Join(", ", report.CountsByVerdict.Where(c => c.Value > 0).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Value} {c.Key.ToReportName()}")));
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"{report.Total} link(s) checked: {(counts.Length == 0 ? "none" : counts)}; {report.Broken} broken, {report.MissingQuotes} with a missing quote, {report.Rot} rotted."));
        if (report.NotCheckable.Count > 0)
        {
            var ids = string.Join(", ", report.NotCheckable.Select(s => DisplayText.Escape(s.SourceId)).Distinct(StringComparer.Ordinal));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{report.NotCheckable.Count} source(s) not checkable (no URL or DOI): {ids}."));
        }

        var inconclusive = report.CountsByVerdict[LinkVerdict.Inconclusive];
        if (!quiet && inconclusive > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{inconclusive} inconclusive link(s) could not be judged: the checker had no network. Inconclusive is not broken; check again online."));
        }

        return lines;
    }

    /// <summary>
    /// The summary of a history, line by line: URLs, checks and runs; the share alive after the last runs (up to ten);
    /// then the URLs failing now (up to <paramref name="maxListed"/>), rotted ones first, each with its first failure
    /// and rot date.
    /// </summary>
    /// <param name="report">The history report.</param>
    /// <param name="maxListed">The most failing URLs listed one by one.</param>
    public static IReadOnlyList<string> HistoryLines(LinkHistoryReport report, int maxListed = DefaultMaxSourcesListed)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<string>();
        var span = report.Runs.Count == 0
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $", {report.Runs[0].Start.UtcDateTime:yyyy-MM-dd} to {report.Runs[^1].End.UtcDateTime:yyyy-MM-dd}");
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"{report.Timelines.Count} URL(s), {report.Checks} check(s) in {report.Runs.Count} run(s){span}: {report.Failing} failing now, {report.Rotted} rotted."));
        var shares = report.Runs.Where(r => r.AliveShare is not null).TakeLast(10)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Start.UtcDateTime:yyyy-MM-dd HH:mm} {LinkHistoryReport.Percent(r.AliveShare!.Value)}")).ToList();
        if (shares.Count > 0)
        {
            lines.Add("alive after each run: " + string.Join(", ", shares));
        }

        var failing = report.Timelines.Where(LinkHistoryReport.IsFailing).OrderByDescending(t => t.Summary.IsRot).ThenBy(t => t.Url, StringComparer.Ordinal).ToList();
        if (failing.Count == 0)
        {
            return lines;
        }

        lines.Add(failing.Count > maxListed ? string.Create(CultureInfo.InvariantCulture, $"failing now (first {maxListed} of {failing.Count}):") : "failing now:");
        foreach (var t in failing.Take(maxListed))
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"  {t.Summary.LastVerdict.ToReportName(),-13} {DisplayText.Url(t.Url)} failing since {t.Summary.FirstSeenFailing!.Value.UtcDateTime:yyyy-MM-dd}");
            if (t.RotSince is { } rot)
            {
                line += string.Create(CultureInfo.InvariantCulture, $", rot since {rot.UtcDateTime:yyyy-MM-dd}");
            }

            if (t.Summary.LastSeenAlive is { } alive)
            {
                line += string.Create(CultureInfo.InvariantCulture, $", last seen alive {alive.UtcDateTime:yyyy-MM-dd}");
            }

            lines.Add(line);
        }

        return lines;
    }
}
