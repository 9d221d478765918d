using System.CommandLine;
using System.Text;
using Citations.Cli.CommandLine;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Diagnostics;
using Citations.Formats;

namespace Citations.Cli.Commands;

/// <summary>
/// <c>citations format --style PATH|ID --items FILE [--citations FILE] [--bibliography] …</c>: formats citations and a
/// bibliography and prints them exactly as the reference harness <c>render.js</c> prints citeproc-js's output for the
/// same arguments (one citation per line, then the bibliography: one entry per line in text, RTF and Markdown, the
/// <c>csl-bib-body</c> block in HTML; or one JSON object with <c>--format json</c>, render.js's <c>--json</c>), so that
/// the two can be diffed.
/// </summary>
internal sealed class FormatCommand : ICliCommand
{
    private static readonly string[] Markups = ["text", "html", "rtf", "markdown"];

    private readonly Option<string?> _style = CliOptions.Value("--style", "ID|PATH", "a .csl file, or a style id: citations-author-date and citations-numeric are embedded; others come from --styles DIR or are downloaded once (dependent styles resolve to their parent)", "-s");
    private readonly Option<string[]> _items = CliOptions.Values("--items", "FILE|DOI", "the items: a bibliography file in any format the tool reads, a DOI (doi:10.1000/xyz or https://doi.org/10.1000/xyz) or a list of DOIs; give it several times to merge", "-i");
    private readonly Option<string?> _citations = CliOptions.Value("--citations", "FILE", "a JSON array of citations, each an array of cite objects {id, locator?, label?, prefix?, suffix?, suppress-author?, author-only?}; citation i is in note i. Without it, the bibliography of all items", "-c");
    private readonly Option<bool> _bibliography = CliOptions.Flag("--bibliography", "with --citations: also print the bibliography of the cited items", "-b");
    private readonly Option<string> _format = CliOptions.Choice("--format", "what to print: citations and entries in text, HTML, RTF or Markdown, or them all as JSON {\"citations\": [...], \"bibliography\": [...]}", "text", [.. Markups, "json"], "-f");
    private readonly Option<string> _markup = CliOptions.Choice("--markup", "with --format json: the markup of the citations and entries in the JSON", "text", Markups);
    private readonly Option<string?> _json = CliOptions.Value("--json", "FILE", "also write the JSON object of --format json to FILE (in the printed markup)");
    private readonly Option<string?> _language = CliOptions.Value("--lang", "TAG", "render in this language (over the style's default-locale)", "-l");
    private readonly Option<bool> _languageIsFallback = CliOptions.Flag("--lang-fallback", "use --lang only when the style has no default-locale");
    private readonly LocaleLoading _locales = new();
    private readonly Option<string?> _styles = CliOptions.Value("--styles", "DIR", "a folder of styles, like the official repository", "--styles-dir");
    private readonly Option<string?> _stylesUrl = CliOptions.Value("--styles-url", "URL", "where styles are downloaded from (default: the official CSL distribution)");
    private readonly ItemInputs _inputs = new("allow a DOI resolver on loopback, private and link-local addresses (refused by default)");
    private readonly Option<long?> _maxInputSize;

    /// <summary>Creates the command.</summary>
    /// <param name="maxInputSize">The tool's <c>--max-input-size</c> option.</param>
    public FormatCommand(Option<long?> maxInputSize)
    {
        _maxInputSize = maxInputSize;
        _style.Required = true;
        _items.Required = true;
        Definition = new Command("format", "format citations and a bibliography in any CSL style (prints what citeproc-js's render.js prints)")
        {
            _style, _items, _citations, _bibliography, _format, _markup, _json, _language, _languageIsFallback, _locales.Directory, _locales.Url, _styles,
            _locales.Offline, _locales.Cache, _stylesUrl,
        };
        foreach (var option in _inputs.Options)
        {
            Definition.Options.Add(option);
        }
    }

    /// <inheritdoc/>
    public Command Definition { get; }

    /// <inheritdoc/>
    public string HelpNotes => """
        Items: --items takes a file in any format the tool reads (CSL-JSON, BibTeX/BibLaTeX, RIS, CSL-YAML,
        Markdown front matter, CITATION.cff; told by extension, else by content), a DOI (doi:10.1000/xyz or
        https://doi.org/10.1000/xyz, looked up as CSL-JSON and cached) or a list of DOIs (.doi, or a file
        whose lines are all DOIs). Several --items are merged; an id in two of them is an error, the first
        kept.

        Output: one line per citation, then the bibliography (one entry per line in text, RTF and Markdown;
        the csl-bib-body block in HTML), as render.js prints it. Problems go to standard error with file,
        line and column.

        Exit codes:
          0  formatted, nothing to look at
          1  formatted, with problems: items or citations with errors (reported and left out), entries
             or citations the style could not format, a DOI that could not be looked up (offline and not
             cached, unknown, a bad answer), an item id in two inputs, or a style or locale unavailable
             here (offline and not cached, not published, a failed download)
          2  nothing done: wrong command line, or an items, citations or style file that cannot be read at
             all (missing, too large, not UTF-8, in no format the tool reads, a syntax error that stops its
             reader)

        """;

    /// <inheritdoc/>
    public async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var printed = parse.GetRequiredValue(_format);
        if (parse.GetResult(_markup) is { Implicit: false } && printed != "json")
        {
            throw new UsageException($"--markup sets the markup inside JSON output; to print {parse.GetValue(_markup)}, use --format {parse.GetValue(_markup)}.");
        }

        var maxBytes = parse.GetValue(_maxInputSize) ?? InputFile.DefaultMaxBytes;
        var (items, itemErrors) = await _inputs.ReadAsync(parse.GetRequiredValue(_items), null, parse.GetValue(_locales.Offline), maxBytes, parse, context, "formatted", cancellationToken)
            .ConfigureAwait(false);
        var exit = itemErrors > 0 ? ExitCodes.Problems : ExitCodes.Success;

        List<CslCitation>? citations = null;
        if (parse.GetValue(_citations) is { } citationsPath)
        {
            var bytes = InputFile.ReadAllBytes(context.ResolvePath(citationsPath), maxBytes, citationsPath);
            var read = bytes.Value is null
                ? new ParseResult<List<CslCitation>>(null, bytes.Diagnostics)
                : CitationsFile.Read(bytes.Value, citationsPath, items.Select(i => i.Id.Text).ToHashSet(StringComparer.Ordinal));
            exit = Math.Max(exit, await ReportAsync(read, citationsPath, context).ConfigureAwait(false));
            citations = read.Value;
        }

        var locales = _locales.Provider(parse, context, maxBytes);
        var style = await StyleLoading.LoadAsync(parse.GetRequiredValue(_style)!, StyleLoader(parse, context), context, "format", maxBytes, cancellationToken).ConfigureAwait(false);
        if (style is null)
        {
            return ExitCodes.Problems;
        }

        await context.WriteDiagnosticsAsync(style.Warnings).ConfigureAwait(false);
        var markup = CslOutputFormat.FromName(printed == "json" ? parse.GetRequiredValue(_markup) : printed)!;
        var options = new CslProcessorOptions
        {
            Language = parse.GetValue(_language),
            LanguageIsFallback = parse.GetValue(_languageIsFallback),
            Locales = locales,
            Format = markup,
            // One bibliography per run: the tool may use every core (the library's default is one thread).
            MaxDegreeOfParallelism = Environment.ProcessorCount,
        };
        var (processor, localeUnavailable) = await _locales.CreateProcessorAsync(style, options, parse, context, "format", cancellationToken).ConfigureAwait(false);
        exit = Math.Max(exit, localeUnavailable ? ExitCodes.Problems : ExitCodes.Success);

        var output = FormatOutput.Create(processor, style, items, citations, parse.GetValue(_bibliography));
        await context.WriteDiagnosticsAsync(LocaleLoading.Besides(processor, output.Warnings)).ConfigureAwait(false);
        exit = Math.Max(exit, output.Warnings.Any(w => w.IsError) ? ExitCodes.Problems : ExitCodes.Success);
        if (output.BibliographyMissing)
        {
            await context.Error.WriteLineAsync("citations format: warning: the style has no <bibliography>; there is none to print.").ConfigureAwait(false);
        }

        await context.Out.WriteAsync(printed == "json" ? output.Json() : output.Text(markup)).ConfigureAwait(false);
        if (parse.GetValue(_json) is { } jsonPath)
        {
            await File.WriteAllTextAsync(context.ResolvePath(jsonPath), output.Json(), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        }

        return exit;
    }

    /// <summary>Writes an input's diagnostics and says what they call for.</summary>
    /// <exception cref="InputException">The input could not be read (or not to its end).</exception>
    private static async Task<int> ReportAsync<T>(ParseResult<T> read, string path, CliContext context)
    {
        await context.WriteDiagnosticsAsync(read.Diagnostics).ConfigureAwait(false);
        return read.Stopped ? throw new InputException($"{path} could not be read (see above); nothing was formatted.") : ExitCodes.Of(read);
    }

    private CslStyleLoader StyleLoader(ParseResult parse, CliContext context)
    {
        var sources = new List<ICslStyleSource>();
        if (parse.GetValue(_styles) is { } directory)
        {
            var full = context.ResolvePath(directory);
            if (!Directory.Exists(full))
            {
                throw new InputException($"{directory}: the styles folder does not exist.");
            }

            sources.Add(CslStyleSources.FromDirectory(full, parse.GetValue(_maxInputSize) ?? InputFile.DefaultMaxBytes));
        }

        sources.Add(CslStyleSources.Embedded);
        if (!parse.GetValue(_locales.Offline))
        {
            var download = new CslStyleDownloadOptions();
            Uri? baseAddress = null;
            if (parse.GetValue(_stylesUrl) is { } url
                && !(Uri.TryCreate(url, UriKind.Absolute, out baseAddress) && baseAddress.Scheme is "http" or "https"))
            {
                throw new UsageException($"--styles-url must be an http or https address, not '{url}'.");
            }

            sources.Add(CslStyleSources.Download(new CslStyleDownloadOptions
            {
                BaseAddress = baseAddress ?? download.BaseAddress,
                CacheDirectory = _locales.CacheDirectory(parse, context) ?? download.CacheDirectory,
            }));
        }

        return new CslStyleLoader(sources);
    }
}
