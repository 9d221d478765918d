using System.CommandLine;
using System.Globalization;
using System.Text;
using Citations.Cli.CommandLine;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Diagnostics;
using Citations.Formats;
using Citations.Model;
using Citations.Reports;
using Citations.Serialization;

namespace Citations.Cli.Commands;

/// <summary>
/// <c>citations report ARTICLE</c>: validates an article file and prints its claim-coverage report, and on request the
/// bibliography of its sources (offline, in the embedded author-date style unless another is named). Problems go to
/// standard error with file, line and column; the report goes to standard output (and to files with <c>--json</c>,
/// <c>--markdown</c> and <c>--html</c>).
/// </summary>
internal sealed class ReportCommand : ICliCommand
{
    private readonly Argument<string> _article = CliOptions.SinglePath("ARTICLE", "the article file (see schemas/article.schema.json)");
    private readonly Option<string> _format = CliOptions.Choice("--format", "what to print: the report as text, Markdown, HTML or JSON", "text", [.. CoverageReportFormats.All.Select(f => f.Name)], "-f");
    private readonly Option<string?> _text = CliOptions.Value("--text", "FILE", "the article's plain text, to check that each claim's anchor quotes it", "-t");
    private readonly Option<bool> _bibliography = CliOptions.Flag("--bibliography", "also print the bibliography of the article's sources (text and markdown)", "-b");
    private readonly Option<string?> _style = CliOptions.Value("--style", "ID|PATH", "the bibliography's CSL style: citations-author-date (default), citations-numeric or a .csl file", "-s");
    private readonly Option<string?> _json = CliOptions.Value("--json", "FILE", "write the report as JSON to FILE");
    private readonly Option<string?> _markdown = CliOptions.Value("--markdown", "FILE", "write the report as Markdown to FILE");
    private readonly LocaleLoading _locales = new();
    private readonly Option<string?> _html = CliOptions.Value("--html", "FILE", "write the report as one self-contained HTML page to FILE");
    private readonly Option<long?> _maxInputSize;

    /// <summary>Creates the command.</summary>
    /// <param name="maxInputSize">The tool's <c>--max-input-size</c> option.</param>
    public ReportCommand(Option<long?> maxInputSize)
    {
        _maxInputSize = maxInputSize;
        Definition = new Command("report", "validate an article file and print which claims stand on primary data, secondary sources or nothing")
        {
            _article, _format, _text, _bibliography, _style, _json, _markdown, _html, _locales.Directory, _locales.Url, _locales.Offline, _locales.Cache,
        };
    }

    /// <inheritdoc/>
    public Command Definition { get; }

    /// <inheritdoc/>
    public string HelpNotes => """
        An article's sources give their CSL-JSON item, or the 'id' of an item in the file its 'bibliography'
        property names (relative to the article; any item format the tool reads). Problems are written to
        standard error as file(line,column) path: severity CODE: message.

        Exit codes:
          0  the article has no errors
          1  the article has errors (the report is still printed), or the bibliography's style or
             locale is unavailable, or the style could not format some sources
          2  nothing done: wrong command line, or the article, its text or its bibliography file cannot be
             read at all (missing, too large, not UTF-8, invalid JSON), or the style file cannot be read

        """;

    /// <inheritdoc/>
    public async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var articlePath = parse.GetRequiredValue(_article);
        var format = CoverageReportFormats.Find(parse.GetRequiredValue(_format))!;
        var maxBytes = parse.GetValue(_maxInputSize) ?? InputFile.DefaultMaxBytes;
        var bibliography = parse.GetValue(_bibliography);
        var styleReference = parse.GetValue(_style);
        if (styleReference is not null && !bibliography)
        {
            throw new UsageException("--style chooses the bibliography's style; add --bibliography.");
        }

        var localeOption = new Option[] { _locales.Directory, _locales.Url, _locales.Offline, _locales.Cache }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false });
        if (localeOption is not null && !bibliography)
        {
            throw new UsageException($"{localeOption.Name} sets where the bibliography's locales come from; add --bibliography.");
        }

        if (bibliography && (format == CoverageReportFormats.Json || format == CoverageReportFormats.Html))
        {
            throw new UsageException("--bibliography goes with the text and markdown formats; for JSON or HTML, use 'citations format'.");
        }

        var exit = ExitCodes.Success;
        CslStyle? style = null;
        if (bibliography)
        {
            style = await StyleLoading.LoadAsync(styleReference ?? CslStyleSources.AuthorDate, CslStyleLoader.Default, context, "report", maxBytes, cancellationToken).ConfigureAwait(false);
            exit = style is null ? ExitCodes.Problems : exit;
        }

        ArticleText? text = null;
        if (parse.GetValue(_text) is { } textPath)
        {
            var read = InputFile.ReadAllText(context.ResolvePath(textPath), maxBytes, textPath);
            await context.WriteDiagnosticsAsync(read.Diagnostics).ConfigureAwait(false);
            if (read.Value is null)
            {
                return ExitCodes.NothingDone;
            }

            text = ArticleText.Parse(read.Value);
        }

        var result = ReadArticle(articlePath, context, new ArticleReadOptions
        {
            Text = text,
            MaxFileBytes = maxBytes,
            BaseDirectory = Path.GetDirectoryName(context.ResolvePath(articlePath)),
        });
        await context.WriteDiagnosticsAsync(result.Diagnostics).ConfigureAwait(false);
        if (result.Stopped)
        {
            await context.Error.WriteLineAsync($"citations report: {articlePath} could not be read; nothing was reported.").ConfigureAwait(false);
            return ExitCodes.NothingDone;
        }

        // A report is still useful when some claims had to be left out; the exit code says the input was wrong.
        var report = CoverageReport.Create(result.Value);
        await context.Out.WriteAsync(report.Render(format)).ConfigureAwait(false);
        await WriteFileAsync(parse.GetValue(_json), report.Render(CoverageReportFormats.Json), context).ConfigureAwait(false);
        // Markdown is read by people: control characters from the article are written as visible escapes, as on the terminal.
        await WriteFileAsync(parse.GetValue(_markdown), EscapingWriter.Escape(report.Render(CoverageReportFormats.Markdown)), context).ConfigureAwait(false);
        await WriteFileAsync(parse.GetValue(_html), report.Render(CoverageReportFormats.Html), context).ConfigureAwait(false);
        if (style is not null && !await WriteBibliographyAsync(result.Value, style, format, parse, context, cancellationToken).ConfigureAwait(false))
        {
            exit = ExitCodes.Problems;
        }

        var errors = result.Diagnostics.Count(d => d.IsError);
        if (errors > 0)
        {
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"citations report: {errors} error(s) in {articlePath}.")).ConfigureAwait(false);
            exit = ExitCodes.Problems;
        }

        return exit;
    }

    private static ParseResult<Article> ReadArticle(string path, CliContext context, ArticleReadOptions options)
    {
        // Diagnostics name the file as the user typed it, not as an absolute path.
        var bytes = InputFile.ReadAllBytes(context.ResolvePath(path), options.MaxFileBytes, path);
        return bytes.Value is null ? new ParseResult<Article>(null, bytes.Diagnostics) : ArticleJson.Read(bytes.Value, path, options);
    }

    private static async Task WriteFileAsync(string? path, string content, CliContext context)
    {
        if (path is not null)
        {
            await File.WriteAllTextAsync(context.ResolvePath(path), content, new UTF8Encoding(false)).ConfigureAwait(false);
        }
    }

    /// <summary>Prints the bibliography of the article's sources as a section after the report.</summary>
    /// <returns>Whether the bibliography came out without errors: its locale at hand, every source formatted.</returns>
    private async Task<bool> WriteBibliographyAsync(Article article, CslStyle style, ICoverageReportFormat format, ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var markdown = format == CoverageReportFormats.Markdown;
        var options = new CslProcessorOptions { Format = markdown ? CslOutputFormat.Markdown : CslOutputFormat.Text, Locales = _locales.Provider(parse, context, parse.GetValue(_maxInputSize) ?? InputFile.DefaultMaxBytes) };
        var (processor, localeUnavailable) = await _locales.CreateProcessorAsync(style, options, parse, context, "report", cancellationToken).ConfigureAwait(false);
        var result = processor.FormatBibliography(article.Sources.Select(s => s.Item));
        await context.WriteDiagnosticsAsync(LocaleLoading.Besides(processor, result.Warnings)).ConfigureAwait(false);

        var title = $"Bibliography ({style.Title})";
        var text = new StringBuilder("\n");
        text.Append(markdown ? "## " + title + "\n\n" : title + "\n" + new string('-', title.Length) + "\n\n");
        foreach (var entry in result.Entries)
        {
            text.Append(entry.Text).Append(markdown ? "\n\n" : "\n");
        }

        await context.Out.WriteAsync(markdown ? text.ToString().TrimEnd('\n') + "\n" : text.ToString()).ConfigureAwait(false);
        return !localeUnavailable && !result.Warnings.Any(w => w.IsError);
    }
}
