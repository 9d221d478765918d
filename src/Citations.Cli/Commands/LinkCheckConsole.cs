using System.Globalization;
using Citations.Links;
using Citations.Links.Checking;
using Citations.Links.Reports;
using Spectre.Console;

namespace Citations.Cli.Commands;

/// <summary>What <c>citations check</c> prints in text mode: a line per problem as it is found (with a live progress bar
/// on a terminal), then the per-source list and the summary, in the lines of <see cref="LinkReportText"/> (which escape
/// what came from outside and hide passwords).</summary>
internal static class LinkCheckConsole
{
    public static async Task RunWithProgressBarAsync(LinkChecker checker, IReadOnlyList<LinkTarget> targets, List<LinkCheckResult> results, CliContext context, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.ProgressOutput ?? context.Out) });
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("checking links", maxValue: Math.Max(1, targets.Count));
                await foreach (var result in checker.CheckAsync(targets, null, cancellationToken).ConfigureAwait(false))
                {
                    results.Add(result);
                    task.MaxValue = Math.Max(task.MaxValue, results.Count);
                    task.Value = results.Count;
                    var broken = results.Count(r => r.IsBroken);
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"checked {results.Count}, broken {broken}");
                    if (result.IsBroken || result.HasMissingQuote)
                    {
                        console.MarkupLine(Markup.Escape(LinkReportText.ResultLine(result)));
                    }
                }

                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
    }

    public static async Task WriteSummaryAsync(LinkReport report, CliContext context, bool quiet)
    {
        var output = context.Out;
        foreach (var line in LinkReportText.SummaryLines(report, quiet))
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        await output.FlushAsync().ConfigureAwait(false);
    }
}
