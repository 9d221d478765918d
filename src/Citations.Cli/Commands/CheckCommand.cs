using System.Globalization;
using Citations.Diagnostics;
using Citations.Links;
using Citations.Links.Archives;
using Citations.Links.Checking;
using Citations.Links.Extraction;
using Citations.Links.History;
using Citations.Links.Reports;
using Spectre.Console;

namespace Citations.Cli.Commands;

/// <summary>
/// <c>citations check PATH...</c>: checks every link cited in article files, CSL-JSON, Markdown, HTML or URL-list files,
/// remembers the results in a SQLite history, and writes JSON, Markdown or JUnit reports. Exit code 0 when nothing is
/// broken, 1 when a link is broken or a quoted page no longer says what was quoted, 2 for usage errors and bad input
/// files (nothing is checked then). Links that could not be verified (inconclusive because the checker is offline,
/// blocked, not allowed) and sources with no link are reported, not counted as broken.
/// </summary>
internal sealed class CheckCommand : ICliCommand
{
    private const string Help = """
        usage: citations check PATH... [options]

        Checks the links cited in each file: an article file or CSL-JSON (.json, told apart by their content),
        Markdown (.md), HTML (.html) or a text file of URLs (.txt); other files are recognised by their content.
        For an article, each source's URL is checked for the passages its claims quote; sources with no URL
        are reported as not checkable.

        options:
          --json FILE          write the JSON report (format citations-link-report, version 1)
          --markdown FILE      write a Markdown report
          --junit FILE         write a JUnit XML report for CI
          --db FILE            history database (default: citations-links.db in the current folder)
          --no-db              keep no history
          --max-age DURATION   reuse results younger than this from the history (default 12h; 0 checks everything)
          --allow-private      allow loopback, private and link-local addresses (refused by default)
          --concurrency N      URLs checked at once (default 32)
          --per-host N         requests at once per host (default 4)
          --timeout DURATION   per-request timeout (default 20s)
          --retries N          retries of transient failures (default 3)
          --head-only          do not read page text unless a quote needs it (no change detection)
          --no-archives        do not look up archived copies of failing links
          --quiet              print only the summary

        DURATION: a number with s, m, h or d (30s, 15m, 12h, 2d), or hh:mm:ss.
        exit codes:
          0  nothing broken. Links that could not be verified do not count as broken: inconclusive (the
             checker has no network), blocked (the site refuses checkers), not allowed (private address),
             and sources with no URL (not checkable). The summary and the reports list them.
          1  a link is broken (gone, soft 404, server error, timed out, unreachable, invalid URL) or a page
             no longer contains a passage it is cited for; also when the run is cancelled.
          2  usage error, or an input file with errors (named with line and column); nothing is checked.
        """;

    /// <summary>Above this many cited sources, the per-source list is left to the reports.</summary>
    private const int MaxSourcesListed = 50;

    /// <inheritdoc/>
    public string Name => "check";

    /// <inheritdoc/>
    public string Summary => "check that cited links still resolve and still say what was quoted";

    /// <inheritdoc/>
    public async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            await context.Out.WriteAsync(Help).ConfigureAwait(false);
            return 0;
        }

        var settings = Parse(args);
        var input = LinkTargetSet.Empty;
        foreach (var path in settings.Paths)
        {
            var full = context.ResolvePath(path);
            if (!File.Exists(full))
            {
                throw new UsageException(Directory.Exists(full) ? $"{path} is a folder, not a file" : $"no such file: {path}");
            }

            // Diagnostics and origins name the file as the user typed it.
            var read = await LinkTargetReader.ReadSetFileAsync(full, null, path, cancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in read.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info || !settings.Quiet))
            {
                await context.Error.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
            }

            // A file with errors is not half-checked: a source it left out would silently escape the check.
            var errors = read.Diagnostics.Count(d => d.IsError);
            if (read.Value is null || errors > 0)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: {Math.Max(errors, 1)} error(s) (listed above); fix the file. Nothing was checked."));
            }

            input = input.Concat(read.Value);
        }

        var targets = input.Targets;
        var options = new LinkCheckerOptions
        {
            AllowPrivateAddresses = settings.AllowPrivate,
            MaxAge = settings.MaxAge is { } age && age > TimeSpan.Zero ? age : null,
            PageText = settings.HeadOnly ? PageTextMode.WhenNeeded : PageTextMode.Always,
        };
        if (settings.Concurrency is { } concurrency)
        {
            options.GlobalConcurrency = concurrency;
        }

        if (settings.PerHost is { } perHost)
        {
            options.PerHostConcurrency = perHost;
        }

        if (settings.Timeout is { } timeout)
        {
            options.AttemptTimeout = timeout;
            options.TotalTimeout = timeout * 6 > options.TotalTimeout ? timeout * 6 : options.TotalTimeout;
        }

        if (settings.Retries is { } retries)
        {
            options.MaxRetries = retries;
        }

        LinkHistory? history = null;
        try
        {
            history = settings.NoDb ? null : LinkHistory.Open(context.ResolvePath(settings.Db ?? LinkHistory.DefaultFileName));
            var builder = new LinkCheckerBuilder { Options = options };
            context.ConfigureLinkChecker?.Invoke(builder);
            if (history is not null)
            {
                builder.WithHistory(history);
            }

            if (!settings.NoArchives)
            {
                builder.WithArchives(new ArchiveOptions());
            }

            LinkChecker checker;
            try
            {
                checker = builder.Build();
            }
            catch (LinkOptionsException e)
            {
                throw new UsageException(string.Join(" ", e.Errors));
            }

            using (checker)
            {
                var results = new List<LinkCheckResult>();
                var cancelled = false;
                try
                {
                    if (context.IsTerminal && !settings.Quiet)
                    {
                        await RunWithProgressBarAsync(checker, targets, results, context, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await foreach (var result in checker.CheckAsync(targets, null, cancellationToken).ConfigureAwait(false))
                        {
                            results.Add(result);
                            if (!settings.Quiet && (result.IsBroken || result.HasMissingQuote))
                            {
                                await context.Out.WriteLineAsync(Line(result)).ConfigureAwait(false);
                            }
                        }
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    cancelled = true;
                }

                var report = new LinkReport(results, checker.TimeProvider.GetUtcNow(), input.NotCheckable);
                await WriteReportsAsync(settings, report, context).ConfigureAwait(false);
                await WriteSummaryAsync(report, context, settings.Quiet).ConfigureAwait(false);
                if (cancelled)
                {
                    await context.Error.WriteLineAsync($"citations check: cancelled after {results.Count} of the links; the history keeps them.").ConfigureAwait(false);
                    return 1;
                }

                return report.HasFailures ? 1 : 0;
            }
        }
        catch (CitationsException e)
        {
            throw new UsageException(e.Message);
        }
        finally
        {
            history?.Dispose();
        }
    }

    private static async Task RunWithProgressBarAsync(LinkChecker checker, IReadOnlyList<LinkTarget> targets, List<LinkCheckResult> results, CliContext context, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Out) });
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
                        console.MarkupLine(Markup.Escape(Line(result)));
                    }
                }

                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
    }

    private static string Line(LinkCheckResult result)
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

    private static async Task WriteReportsAsync(Settings settings, LinkReport report, CliContext context)
    {
        if (settings.Json is { } json)
        {
            await LinkReportFiles.WriteAsync(JsonLinkReportWriter.Indented, report, context.ResolvePath(json)).ConfigureAwait(false);
        }

        if (settings.Markdown is { } markdown)
        {
            await LinkReportFiles.WriteAsync(MarkdownLinkReportWriter.Instance, report, context.ResolvePath(markdown)).ConfigureAwait(false);
        }

        if (settings.JUnit is { } junit)
        {
            await LinkReportFiles.WriteAsync(JUnitLinkReportWriter.Instance, report, context.ResolvePath(junit)).ConfigureAwait(false);
        }
    }

    private static async Task WriteSummaryAsync(LinkReport report, CliContext context, bool quiet)
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

    internal static Settings Parse(string[] args)
    {
        var settings = new Settings();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new UsageException($"{arg} needs a value");
            switch (arg)
            {
                case "--json": settings.Json = Value(); break;
                case "--markdown": settings.Markdown = Value(); break;
                case "--junit": settings.JUnit = Value(); break;
                case "--db": settings.Db = Value(); break;
                case "--no-db": settings.NoDb = true; break;
                case "--max-age": settings.MaxAge = ParseDuration(arg, Value()); break;
                case "--allow-private": settings.AllowPrivate = true; break;
                case "--concurrency": settings.Concurrency = ParseCount(arg, Value()); break;
                case "--per-host": settings.PerHost = ParseCount(arg, Value()); break;
                case "--timeout": settings.Timeout = ParseDuration(arg, Value()); break;
                case "--retries": settings.Retries = ParseCount(arg, Value(), allowZero: true); break;
                case "--head-only": settings.HeadOnly = true; break;
                case "--no-archives": settings.NoArchives = true; break;
                case "--quiet": settings.Quiet = true; break;
                default:
                    if (arg.StartsWith('-') && arg.Length > 1)
                    {
                        throw new UsageException($"unknown option '{arg}'. Run 'citations check --help'.");
                    }

                    settings.Paths.Add(arg);
                    break;
            }
        }

        if (settings.Paths.Count == 0)
        {
            throw new UsageException("no file to check. Run 'citations check --help'.");
        }

        if (settings.NoDb && settings.Db is not null)
        {
            throw new UsageException("--db and --no-db contradict each other");
        }

        return settings;
    }

    /// <summary>Parses <c>30s</c>, <c>15m</c>, <c>12h</c>, <c>2d</c>, <c>0</c> or <c>hh:mm:ss</c>.</summary>
    internal static TimeSpan ParseDuration(string option, string text)
    {
        var t = text.Trim();
        if (t == "0")
        {
            return TimeSpan.Zero;
        }

        if (t.Length > 1 && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            TimeSpan? value = t[^1] switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => null,
            };
            if (value is { } v)
            {
                return v;
            }
        }

        if (t.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        throw new UsageException($"{option}: '{text}' is not a duration (examples: 30s, 15m, 12h, 2d)");
    }

    private static int ParseCount(string option, string text, bool allowZero = false)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (n > 0 || (allowZero && n == 0))
            ? n
            : throw new UsageException($"{option}: '{text}' is not a {(allowZero ? "non-negative" : "positive")} whole number");

    /// <summary>The parsed command line.</summary>
    internal sealed class Settings
    {
        public List<string> Paths { get; } = [];

        public string? Json { get; set; }

        public string? Markdown { get; set; }

        public string? JUnit { get; set; }

        public string? Db { get; set; }

        public bool NoDb { get; set; }

        public TimeSpan? MaxAge { get; set; } = TimeSpan.FromHours(12);

        public bool AllowPrivate { get; set; }

        public int? Concurrency { get; set; }

        public int? PerHost { get; set; }

        public TimeSpan? Timeout { get; set; }

        public int? Retries { get; set; }

        public bool HeadOnly { get; set; }

        public bool NoArchives { get; set; }

        public bool Quiet { get; set; }
    }
}
