using System.Globalization;
using Citations.Links;
using Citations.Links.Reports;

namespace Citations.Cli.Commands;

/// <summary>What <c>citations check</c> prints in text mode besides the progress (<see cref="CheckProgressDisplay"/>): a line
/// per result, then the per-source list and the summary.</summary>
internal static class LinkCheckConsole
{
    /// <summary>Above this many cited sources, the per-source list is left to the reports.</summary>
    private const int MaxSourcesListed = 50;

    public static string Line(LinkCheckResult result)
    {
        var line = $"{result.Verdict.ToReportName(),-13} {result.Url}";
        if (result.Evidence.StatusCode is { } status)
        {
            line += " (HTTP " + status.ToString(CultureInfo.InvariantCulture) + ")";
        }
        else if (result.Evidence.Error is { } error)
        {
            line += " (" + error.Message + ")";
        }

        if (!result.IsBroken && result.HasMissingQuote)
        {
            line += " — a quote is no longer on the page";
        }

        if (result.Archive is { } archive)
        {
            line += " — archived: " + archive.Url;
        }

        return line;
    }

    public static async Task WriteSummaryAsync(LinkReport report, CliContext context, bool quiet, int excluded = 0)
    {
        var output = context.Out;
        if (!quiet && report.Sources.Count is > 0 and <= MaxSourcesListed)
        {
            var width = report.Sources.Max(s => s.SourceId.Length);
            await output.WriteLineAsync("sources:").ConfigureAwait(false);
            foreach (var source in report.Sources)
            {
                var detail = source.Result is { } result
                    ? result.Url + (result.HasMissingQuote ? " (a quote is no longer on the page)" : string.Empty)
                    : source.NotCheckable!.Reason;
                await output.WriteLineAsync($"  {source.SourceId.PadRight(width)}  {source.Status,-13}  {detail}").ConfigureAwait(false);
            }
        }

        var counts = string.Join(", ", report.CountsByVerdict.Where(c => c.Value > 0).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Value} {c.Key.ToReportName()}")));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{report.Total} link(s) checked: {(counts.Length == 0 ? "none" : counts)}; {report.Broken} broken, {report.MissingQuotes} with a missing quote, {report.Rot} rotted.")).ConfigureAwait(false);
        if (excluded > 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{excluded} link(s) left out by --exclude/--include.")).ConfigureAwait(false);
        }

        if (report.NotCheckable.Count > 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{report.NotCheckable.Count} source(s) not checkable (no URL or DOI): {string.Join(", ", report.NotCheckable.Select(s => s.SourceId).Distinct(StringComparer.Ordinal))}.")).ConfigureAwait(false);
        }

        var inconclusive = report.CountsByVerdict[LinkVerdict.Inconclusive];
        if (!quiet && inconclusive > 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{inconclusive} inconclusive link(s) could not be judged: the checker had no network. Inconclusive is not broken; check again online.")).ConfigureAwait(false);
        }

        await output.FlushAsync().ConfigureAwait(false);
    }
}
