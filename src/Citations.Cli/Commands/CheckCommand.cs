using System.CommandLine;
using System.Globalization;
using Citations.Cli.CommandLine;
using Citations.Formats;
using Citations.Links;
using Citations.Links.Archives;
using Citations.Links.Checking;
using Citations.Links.Extraction;
using Citations.Links.History;
using Citations.Links.PostgreSql.History;
using Citations.Links.PostgreSql.SharedRuns;
using Citations.Links.Reports;
using Npgsql;

namespace Citations.Cli.Commands;

/// <summary>
/// <c>citations check PATH...</c>: checks every link cited in article files, bibliographies (CSL-JSON and the other
/// item formats), Markdown, HTML or URL-list files, remembers the results in a SQLite history, and writes JSON, Markdown
/// or JUnit reports. Links that could not be verified (inconclusive because the checker is offline, blocked, not
/// allowed) and sources with no link are reported, not counted as broken.
/// </summary>
internal sealed class CheckCommand : IConfigurableCommand
{
    private static readonly string[] PrintedFormats = ["text", "markdown", "json"];

    private readonly Argument<string[]> _paths = CliOptions.Paths("PATH", "files whose links to check: article files, bibliographies, Markdown, HTML, lists of URLs or DOIs; or DOIs (doi:10.1000/xyz)");
    private readonly Option<string> _format = CliOptions.Choice("--format", "what to print: progress and a summary (text), or the whole report as Markdown or JSON", "text", PrintedFormats, "-f");
    private readonly Option<string?> _json = CliOptions.Value("--json", "FILE", "write the JSON report (format citations-link-report, version 1) to FILE");
    private readonly Option<string?> _markdown = CliOptions.Value("--markdown", "FILE", "write a Markdown report to FILE");
    private readonly Option<string?> _junit = CliOptions.Value("--junit", "FILE", "write a JUnit XML report for CI to FILE");
    private readonly Option<string?> _html = CliOptions.Value("--html", "FILE", "write an HTML report for people to FILE (one self-contained page)");
    private readonly Option<string?> _db = CliOptions.Value("--db", "FILE|URI", "history database: a SQLite file (default: citations-links.db in the current folder), or PostgreSQL as postgresql://user@host:port/database?schema=citations or an Npgsql connection string (Host=...); with --run, the PostgreSQL database the workers share, which also keeps the history");
    private readonly Option<string?> _run = CliOptions.Value("--run", "NAME", "join the shared run NAME in the database --db names: workers given the same links and name check them together, each URL once, the per-host limits held across workers");
    private readonly Option<TimeSpan?> _lease = CliOptions.Duration("--lease", "with --run: how long a worker's claim on a host lasts unrenewed; a stopped worker's hosts are taken over after this (default 30s; 1s to 1h)", TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    private readonly Option<bool> _noDb = CliOptions.Flag("--no-db", "keep no history");
    private readonly Option<TimeSpan?> _maxAge = CliOptions.Duration("--max-age", "reuse results younger than this from the history (default 12h; 0 checks everything)", TimeSpan.Zero, LinkCheckerOptions.MaximumMaxAge);
    private readonly Option<bool> _allowPrivate = CliOptions.Flag("--allow-private", "allow loopback, private and link-local addresses (refused by default)");
    // The ranges are those LinkCheckerOptions.Validate accepts, checked while parsing so that the messages name the options.
    private readonly Option<int?> _concurrency = CliOptions.Count("--concurrency", "URLs checked at once (default 32; at most 10000)", 1, 10_000);
    private readonly Option<int?> _perHost = CliOptions.Count("--per-host", "requests at once per host (default 4; at most 1000)", 1, 1_000);
    private readonly Option<TimeSpan?> _timeout = CliOptions.Duration("--timeout", "per-request timeout (default 20s; 10ms to 1d)", LinkCheckerOptions.MinimumTimeout, LinkCheckerOptions.MaximumDuration);
    private readonly Option<int?> _retries = CliOptions.Count("--retries", "retries of transient failures (default 3; at most 10)", 0, 10);
    private readonly Option<bool> _headOnly = CliOptions.Flag("--head-only", "do not read page text unless a quote needs it (no change detection)");
    private readonly Option<bool> _noArchives = CliOptions.Flag("--no-archives", "do not look up archived copies of failing links");
    private readonly Option<bool> _includeVerbatim = CliOptions.Flag("--include-verbatim", "also check links in code: Markdown code blocks and spans, HTML pre, code, kbd, samp, var, textarea (skipped by default)");
    private readonly Option<string?> _baseUrl = CliOptions.CheckedValue("--base-url", "URL", "resolve relative links in Markdown and HTML files against URL, as if the file were published there (a <base href> in the page wins)",
        t => OptionValues.ParseBaseUrl(t) is null ? $"'{t}' is not an absolute http or https URL (such as https://example.org/articles/)." : null);
    private readonly Option<bool> _skipNofollow = CliOptions.Flag("--skip-nofollow", "leave out links marked rel=\"nofollow\" (kept by default)");
    private readonly Option<bool> _quiet = CliOptions.Flag("--quiet", "print only the summary", "-q");
    private readonly Option<bool> _render = CliOptions.Flag("--render", "open pages that look client-rendered in headless Chromium (CITATIONS_CHROMIUM or chromium on the PATH) to tell whether they exist");
    private readonly Option<bool> _failOnChange = CliOptions.Flag("--fail-on-change", "exit 1 when a page no longer resembles the title it is cited under (changed)");
    private readonly Option<bool> _verbose = CliOptions.Flag("--verbose", "print a line for every link checked, not only for problems", "-v");
    private readonly Option<TimeSpan?> _progressInterval = CliOptions.Duration("--progress-interval", "how often a progress line is printed when the output is not a terminal (default 10s; 100ms to 1d)", TimeSpan.Zero, TimeSpan.FromDays(1));
    private readonly Option<TimeSpan?> _hostInterval = CliOptions.Duration("--host-interval", "least time between the starts of two requests to one host (default 0.1s; 0 to 1d)", TimeSpan.Zero, LinkCheckerOptions.MaximumDuration);
    private readonly Option<string[]> _exclude = CliOptions.CheckedValues("--exclude", "PATTERN", "do not check links whose URL or host matches this regular expression (repeatable)", RegexProblem);
    private readonly Option<string[]> _include = CliOptions.CheckedValues("--include", "PATTERN", "check only links whose URL or host matches this regular expression (repeatable; --exclude still applies)", RegexProblem);
    private readonly Option<string[]> _accept = CliOptions.CheckedValues("--accept", "CODES", "status codes that count as alive besides 2xx: codes and ranges, such as 403,429 or 400-403 (repeatable)",
        t => OptionValues.ParseStatusCodes(t) is null ? $"'{t}' is not a list of status codes and ranges between 100 and 599 (such as 403,429 or 400-403)." : null);
    private readonly Option<string[]> _header = CliOptions.CheckedValues("--header", "HOST:NAME=VALUE", "send a request header to one host only; VALUE $VAR or env:VAR reads an environment variable (repeatable; values are never printed)",
        t => OptionValues.ParseHostHeader(t) is null ? "a header is HOST:NAME=VALUE (api.example.org:Authorization=$API_TOKEN)." : null);
    private readonly Option<string[]> _remap = CliOptions.CheckedValues("--remap", "'PATTERN REPLACEMENT'", "check REPLACEMENT instead of URLs matching the regular expression PATTERN ($1 for groups; repeatable, the first match applies)",
        t => OptionValues.ParseRemap(t) is not { } remap ? $"'{t}' is not 'PATTERN REPLACEMENT' (a regular expression, a space, a replacement)." : RegexProblem(remap.Pattern));
    private readonly Option<string?> _config = CliOptions.Value("--config", "FILE", "read options from this configuration file (default: citations.json in the current folder, if there is one)");
    private readonly Option<bool> _noConfig = CliOptions.Flag("--no-config", "read no configuration file");
    private readonly Option<long?> _maxInputSize;

    /// <summary>Creates the command.</summary>
    /// <param name="maxInputSize">The tool's <c>--max-input-size</c> option.</param>
    public CheckCommand(Option<long?> maxInputSize)
    {
        _maxInputSize = maxInputSize;
        Definition = new Command("check", "check that cited links still resolve and still say what was quoted")
        {
            _paths, _format, _json, _markdown, _junit, _html, _db, _noDb, _maxAge, _allowPrivate, _concurrency, _perHost, _timeout, _retries, _headOnly, _noArchives, _includeVerbatim, _baseUrl, _skipNofollow, _quiet, _verbose, _progressInterval,
            _render, _failOnChange, _hostInterval, _exclude, _include, _accept, _header, _remap, _config, _noConfig, _run, _lease,
        };
    }

    /// <inheritdoc/>
    public Command Definition { get; }

    /// <inheritdoc/>
    public Option<string?> ConfigOption => _config;

    /// <inheritdoc/>
    public Option<bool> NoConfigOption => _noConfig;

    /// <inheritdoc/>
    public string HelpNotes => """
        Each file's kind is told by its extension or content: an article file or a CSL-JSON bibliography
        (.json), another bibliography format the tool reads (.bib, .ris, .yaml, CITATION.cff), Markdown
        (.md), HTML (.html), a list of URLs (.txt) or of DOIs (.doi, or lines that are all DOIs). A DOI,
        given as doi:10.1000/xyz or https://doi.org/10.1000/xyz or in a list, is checked at its resolver
        URL. For an article, each source's URL is checked for the passages its claims quote; sources with
        no URL are reported as not checkable. DURATION: a number with ms, s, m, h or d (500ms, 30s, 15m,
        12h, 2d), or hh:mm:ss; --timeout takes 10ms to 1d, --max-age 0 to 36500d. CITATIONS_LINKS_RESOLVER=
        loopback and CITATIONS_LINKS_PROBE=offline|online run the check without any name lookup (for tests).
        PATTERN: a .NET regular expression, matched against the URL as cited and against its host name
        (run with a time limit).

        Every option can also be set in a configuration file: citations.json in the current folder, or
        the file --config names ({"check": {"max-age": "1d", "exclude": ["example\.org"]}}; schema:
        schemas/citations.schema.json). The command line wins over the file, the file over the defaults;
        an option given several times on the command line replaces the file's list.

        Exit codes:
          0  nothing broken. Links that could not be verified do not count as broken: inconclusive (no
             network), blocked (the site refuses checkers), unverifiable (a client-rendered page or a login
             wall), not allowed (private address), and sources with no URL (not checkable). The summary and
             the reports list them. A page whose title changed is reported, and fails only with
             --fail-on-change.
          1  a link is broken (gone, soft 404, parked domain, server error, timed out, unreachable, redirect loop,
             invalid URL), a page no longer contains a passage it is cited for, or an input has errors (its other
             entries are still checked); also when the run is cancelled (the reports keep what was checked)
          2  nothing checked: wrong command line, or an input that cannot be read at all (missing, too large,
             not UTF-8, a syntax error that stops its reader)

        """;

    /// <inheritdoc/>
    public async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var quiet = parse.GetValue(_quiet);
        var text = parse.GetValue(_format) == "text";
        if (parse.GetValue(_noDb) && parse.GetValue(_db) is not null)
        {
            throw new UsageException("--db and --no-db contradict each other.");
        }

        var sharedConnection = SharedRunConnection(parse);
        if (quiet && parse.GetValue(_verbose))
        {
            throw new UsageException("--quiet and --verbose contradict each other.");
        }

        if (parse.GetValue(_progressInterval) is { } every && every < TimeSpan.FromMilliseconds(100))
        {
            throw new UsageException("--progress-interval must be at least 100ms.");
        }

        // The options and the environment are checked before any input is read.
        var builder = CreateBuilder(parse, context);

        // Every file is read before anything is checked: a file that cannot be read stops the run (nothing is checked),
        // a file with some bad entries is reported and its other entries are checked.
        var input = LinkTargetSet.Empty;
        var inputErrors = 0;
        var maxBytes = parse.GetValue(_maxInputSize) ?? InputFile.DefaultMaxBytes;
        var extraction = new LinkExtractionOptions
        {
            IncludeVerbatim = parse.GetValue(_includeVerbatim),
            SkipNofollow = parse.GetValue(_skipNofollow),
            BaseUrl = parse.GetValue(_baseUrl) is { } baseUrl ? OptionValues.ParseBaseUrl(baseUrl) : null,
        };
        foreach (var path in parse.GetRequiredValue(_paths))
        {
            var read = ItemInputs.ReadDoiTargets(path, maxBytes, context)
                       ?? await LinkTargetReader.ReadSetFileAsync(context.ResolvePath(path), null, path, maxBytes, extraction, cancellationToken).ConfigureAwait(false);
            await context.WriteDiagnosticsAsync(read.Diagnostics, withInfo: !quiet).ConfigureAwait(false);
            if (read.Stopped)
            {
                throw new InputException($"{path} could not be read (see above); nothing was checked.");
            }

            inputErrors += read.Diagnostics.Count(d => d.IsError);
            input = input.Concat(read.Value!);
        }

        // With --run the history is kept in the shared PostgreSQL database too, so rot and incremental skipping work
        // across the workers as on one machine.
        var db = parse.GetValue(_db);
        using var history = parse.GetValue(_noDb) ? null
            : LinkHistoryDatabase.Open(LinkHistoryDatabase.IsPostgreSql(db) ? db : context.ResolvePath(db ?? LinkHistory.DefaultFileName));
        if (history is not null)
        {
            builder.WithHistory(history);
        }

        context.ConfigureLinkChecker?.Invoke(builder);
        using var checker = Build(builder);
        await using var dataSource = sharedConnection is null ? null : NpgsqlDataSource.Create(sharedConnection);
        var shared = dataSource is null ? null
            : new SharedLinkRun(dataSource, parse.GetValue(_run)!, new SharedRunOptions { LeaseDuration = parse.GetValue(_lease) ?? TimeSpan.FromSeconds(30) });
        IReadOnlyList<LinkCheckResult> results = [];
        var checkedHere = new List<LinkCheckResult>();
        var cancelled = false;
        var level = !text || quiet ? CheckOutputLevel.Quiet : parse.GetValue(_verbose) ? CheckOutputLevel.Verbose : CheckOutputLevel.Normal;
        var interval = parse.GetValue(_progressInterval) ?? TimeSpan.FromSeconds(10);
        try
        {
            await CheckProgressDisplay.RunAsync(context, level, interval, input.Targets.Count, async display =>
            {
                var stream = shared is null
                    ? checker.CheckAsync(input.Targets, display, cancellationToken)
                    : shared.CheckAsync(checker, input.Targets, display, cancellationToken);
                await foreach (var result in stream.ConfigureAwait(false))
                {
                    checkedHere.Add(result);
                    display.Show(result);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }

        results = checkedHere;
        if (shared is not null && !cancelled)
        {
            // The run is over: the report is the whole run's, whichever worker checked what.
            results = (await shared.ReadAsync(cancellationToken).ConfigureAwait(false))?.Results ?? checkedHere;
        }

        var excluded = input.Targets.Where(t => checker.IsExcluded(t.Url)).Select(t => t.Url).Distinct(StringComparer.Ordinal).Count();
        var report = new LinkReport(results, checker.TimeProvider.GetUtcNow(), input.NotCheckable);
        await WriteReportsAsync(parse, report, context).ConfigureAwait(false);

        // A damaged history does not stop the run; its warnings say how to repair or reset the file.
        await context.WriteDiagnosticsAsync(history?.Diagnostics ?? []).ConfigureAwait(false);
        if (text)
        {
            await LinkCheckConsole.WriteSummaryAsync(report, context, quiet, excluded).ConfigureAwait(false);
        }
        else
        {
            ILinkReportWriter writer = parse.GetValue(_format) == "json" ? JsonLinkReportWriter.Indented : MarkdownLinkReportWriter.Instance;
            using var buffer = new MemoryStream();
            await writer.WriteAsync(report, buffer, CancellationToken.None).ConfigureAwait(false);
            await context.Out.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)).ConfigureAwait(false);
        }

        if (cancelled)
        {
            await context.Error.WriteLineAsync(shared is null
                ? $"citations check: cancelled after {results.Count} of the links; the history and the reports keep them."
                : $"citations check: cancelled after {results.Count} of the links; the run '{shared.Name}' keeps them, and its other workers (or this command again) finish it.").ConfigureAwait(false);
            return ExitCodes.Problems;
        }

        if (inputErrors > 0)
        {
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"citations check: {inputErrors} error(s) in the input (listed above); the entries with errors were not checked.")).ConfigureAwait(false);
        }

        if (report.TitleChanged > 0)
        {
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"citations check: {report.TitleChanged} page(s) no longer resemble the title they are cited under (changed){(parse.GetValue(_failOnChange) ? "" : "; --fail-on-change makes this fail the run")}.")).ConfigureAwait(false);
        }

        var failed = report.HasFailures || inputErrors > 0 || (parse.GetValue(_failOnChange) && report.TitleChanged > 0);
        return failed ? ExitCodes.Problems : ExitCodes.Success;
    }

    /// <summary>The connection string of the shared run's database with <c>--run</c>, else <see langword="null"/>.</summary>
    /// <exception cref="UsageException">--run without a PostgreSQL --db, or a bad run name or URI; --lease without --run.</exception>
    private string? SharedRunConnection(ParseResult parse)
    {
        if (parse.GetValue(_run) is not { } run)
        {
            return parse.GetValue(_lease) is null ? null : throw new UsageException("--lease applies only to a shared run (--run NAME).");
        }

        if (SharedLinkRun.ProblemWithName(run) is { } problem)
        {
            throw new UsageException($"--run: {problem}");
        }

        return PostgresDatabaseOption.ConnectionString(parse.GetValue(_db), "--run needs --db postgresql://USER@HOST:PORT/DATABASE (or an Npgsql connection string), the PostgreSQL database the workers share.");
    }

    /// <summary>The checker's builder from the command line and the environment, its options validated.</summary>
    /// <exception cref="UsageException">An option or an environment variable is out of its range.</exception>
    private LinkCheckerBuilder CreateBuilder(ParseResult parse, CliContext context)
    {
        var maxAge = parse.GetValue(_maxAge) ?? TimeSpan.FromHours(12);
        var options = new LinkCheckerOptions
        {
            AllowPrivateAddresses = parse.GetValue(_allowPrivate),
            MaxAge = maxAge > TimeSpan.Zero ? maxAge : null,
            PageText = parse.GetValue(_headOnly) ? PageTextMode.WhenNeeded : PageTextMode.Always,
            Render = parse.GetValue(_render),
        };
        options.GlobalConcurrency = parse.GetValue(_concurrency) ?? options.GlobalConcurrency;
        options.PerHostConcurrency = parse.GetValue(_perHost) ?? options.PerHostConcurrency;
        options.MaxRetries = parse.GetValue(_retries) ?? options.MaxRetries;
        options.PerHostMinimumInterval = parse.GetValue(_hostInterval) ?? options.PerHostMinimumInterval;
        options.ExcludePatterns = [.. parse.GetValue(_exclude) ?? []];
        options.IncludePatterns = [.. parse.GetValue(_include) ?? []];
        options.AcceptedStatusCodes = [.. (parse.GetValue(_accept) ?? []).SelectMany(t => OptionValues.ParseStatusCodes(t)!).Distinct()];
        options.Remaps = [.. (parse.GetValue(_remap) ?? []).Select(t => OptionValues.ParseRemap(t)!.Value).Select(r => new UrlRemap(r.Pattern, r.Replacement))];
        options.RequestHeaders = [.. (parse.GetValue(_header) ?? []).Select(t => HostHeader(t, context))];
        if (parse.GetValue(_timeout) is { } timeout)
        {
            // A URL gets six attempts' time in all (retries, waits, redirects), within what the checker accepts.
            options.AttemptTimeout = timeout;
            var total = timeout * 6 > options.TotalTimeout ? timeout * 6 : options.TotalTimeout;
            options.TotalTimeout = total > LinkCheckerOptions.MaximumDuration ? LinkCheckerOptions.MaximumDuration : total;
        }

        try
        {
            options.Validate();
            var builder = new LinkCheckerBuilder { Options = options }.WithNetworkFromEnvironment(context.EnvironmentVariable);
            if (!parse.GetValue(_noArchives))
            {
                builder.WithArchives(new ArchiveOptions());
            }

            return builder;
        }
        catch (LinkOptionsException e)
        {
            throw new UsageException(string.Join(" ", e.Errors));
        }
    }

    private static LinkChecker Build(LinkCheckerBuilder builder)
    {
        try
        {
            return builder.Build();
        }
        catch (LinkOptionsException e)
        {
            throw new UsageException(string.Join(" ", e.Errors));
        }
    }

    /// <summary>A <c>--header</c> with its value read from the environment when it names a variable; the value is never shown.</summary>
    private static HostRequestHeader HostHeader(string text, CliContext context)
    {
        var (host, name, value) = OptionValues.ParseHostHeader(text)!.Value;
        if (OptionValues.EnvironmentVariableOf(value) is { } variable)
        {
            value = context.EnvironmentVariable(variable)
                    ?? throw new UsageException($"--header {host}:{name}: the environment variable {variable} is not set.");
        }

        return new HostRequestHeader(host, name, value);
    }

    private static string? RegexProblem(string pattern)
        => OptionValues.RegexProblem(pattern) is { } problem ? $"'{pattern}' is not a regular expression: {problem}" : null;

    private async Task WriteReportsAsync(ParseResult parse, LinkReport report, CliContext context)
    {
        (string? Path, ILinkReportWriter Writer)[] files =
        [
            (parse.GetValue(_json), JsonLinkReportWriter.Indented),
            (parse.GetValue(_markdown), MarkdownLinkReportWriter.Instance),
            (parse.GetValue(_junit), JUnitLinkReportWriter.Instance),
            (parse.GetValue(_html), HtmlLinkReportWriter.Instance),
        ];
        foreach (var (path, writer) in files)
        {
            if (path is not null)
            {
                await LinkReportFiles.WriteAsync(writer, report, context.ResolvePath(path)).ConfigureAwait(false);
            }
        }
    }
}
