using System.Globalization;
using Citations.Links.Reports;

namespace Citations.Cli.Commands;

/// <summary>What <c>citations check</c> prints in text mode besides the progress (<see cref="CheckProgressDisplay"/>):
/// the per-source list and the summary, in the lines of <see cref="LinkReportText"/> (which escape what came from
/// outside and hide passwords).</summary>
internal static class LinkCheckConsole
{
    public static async Task WriteSummaryAsync(LinkReport report, CliContext context, bool quiet, int excluded = 0)
    {
        var output = context.Out;
        foreach (var line in LinkReportText.SummaryLines(report, quiet))
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        if (excluded > 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{excluded} link(s) left out by --exclude/--include.")).ConfigureAwait(false);
        }

        await output.FlushAsync().ConfigureAwait(false);
    }
}
