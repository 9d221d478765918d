using System.Globalization;
using System.Text;
using Citations.Csl;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Diagnostics;
using Citations.Model;
using Citations.Reports;
using Citations.Serialization;

namespace Citations.Cli.Commands;

/// <summary>
/// <c>citations report ARTICLE.json [--format text|markdown|json] [--text ARTICLE.txt] [--bibliography [--style ID|PATH]]</c>:
/// validates an article file and prints its claim-coverage report, and on request the bibliography of its sources
/// (offline, in the embedded author-date style unless another is named). Problems go to standard error with file, line
/// and column; the report goes to standard output. Exit code 0 when the article has no errors, 1 when it has, 2 for a
/// wrong command line.
/// </summary>
internal sealed class ReportCommand : ICliCommand
{
    public string Name => "report";

    public string Summary => "Validate an article file and print which claims stand on primary data, secondary sources or nothing.";

    public async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var options = Parse(args);
        if (options is null)
        {
            await context.Out.WriteAsync(Usage).ConfigureAwait(false);
            return 0;
        }

        ArticleText? text = null;
        if (options.TextPath is { } textPath)
        {
            try
            {
                text = await ArticleText.ReadFileAsync(context.ResolvePath(textPath), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await context.Error.WriteLineAsync($"{textPath}: error: the article's text could not be read: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        }

        var result = await ReadAsync(options.ArticlePath, context, new ArticleReadOptions { Text = text }, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in result.Diagnostics)
        {
            await context.Error.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
        }

        if (result.Value is { } article)
        {
            // A report is still useful when some claims had to be left out; the exit code says the input was wrong.
            await context.Out.WriteAsync(CoverageReport.Create(article).Render(options.Format)).ConfigureAwait(false);
            if (options.BibliographyStyle is { } styleReference)
            {
                var bibliography = await BibliographyAsync(article, styleReference, options.Format, context, cancellationToken).ConfigureAwait(false);
                if (bibliography is null)
                {
                    return 2;
                }

                await context.Out.WriteAsync(bibliography).ConfigureAwait(false);
            }
        }

        var errors = result.Diagnostics.Count(d => d.IsError);
        if (errors > 0)
        {
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"citations report: {errors} error(s) in {options.ArticlePath}.")).ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    /// <summary>The bibliography of the article's sources as a section after the report, or <see langword="null"/> when the
    /// style cannot be loaded (the reason is on standard error).</summary>
    private static async Task<string?> BibliographyAsync(Article article, string styleReference, ICoverageReportFormat format, CliContext context, CancellationToken cancellationToken)
    {
        CslStyle style;
        try
        {
            var path = context.ResolvePath(styleReference);
            style = await CslStyleLoader.Default.LoadAsync(File.Exists(path) ? path : styleReference, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CslException or CslStyleNotFoundException or IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"citations report: {e.Message}").ConfigureAwait(false);
            return null;
        }

        var markdown = format == CoverageReportFormats.Markdown;
        var processor = CslProcessor.Create(style, new CslProcessorOptions { Format = markdown ? CslOutputFormat.Markdown : CslOutputFormat.Text });
        var result = processor.FormatBibliography(article.Sources.Select(s => s.Item));
        foreach (var warning in result.Warnings)
        {
            await context.Error.WriteLineAsync(warning.ToString()).ConfigureAwait(false);
        }

        var title = $"Bibliography ({style.Title})";
        var text = new StringBuilder("\n");
        text.Append(markdown ? "## " + title + "\n\n" : title + "\n" + new string('-', title.Length) + "\n\n");
        foreach (var entry in result.Entries)
        {
            text.Append(entry.Text).Append(markdown ? "\n\n" : "\n");
        }

        return markdown ? text.ToString().TrimEnd('\n') + "\n" : text.ToString();
    }

    private static async Task<ParseResult<Article>> ReadAsync(string path, CliContext context, ArticleReadOptions readOptions, CancellationToken cancellationToken)
    {
        // Diagnostics name the file as the user typed it, not as an absolute path.
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(context.ResolvePath(path), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ParseResult<Article>(null,
                [new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.UnreadableFile, $"The file could not be read: {e.Message}", new SourceLocation(path, null, 0, 0))]);
        }

        return ArticleJson.Read(bytes, path, readOptions);
    }

    /// <summary>Parses the arguments; <see langword="null"/> means help was asked for.</summary>
    /// <exception cref="UsageException">The arguments are wrong.</exception>
    internal static Options? Parse(string[] args)
    {
        string? article = null;
        string? textPath = null;
        string? style = null;
        var bibliography = false;
        var format = CoverageReportFormats.PlainText;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    return null;
                case "-f" or "--format":
                    var name = Value(args, ref i, arg);
                    format = CoverageReportFormats.Find(name)
                             ?? throw new UsageException($"unknown format '{name}'; use {string.Join(", ", CoverageReportFormats.All.Select(f => f.Name))}.");
                    break;
                case "-t" or "--text":
                    textPath = Value(args, ref i, arg);
                    break;
                case "-b" or "--bibliography":
                    bibliography = true;
                    break;
                case "-s" or "--style":
                    style = Value(args, ref i, arg);
                    break;
                case "--":
                    if (i + 1 < args.Length)
                    {
                        SetArticle(args[i + 1]);
                        i++;
                    }

                    break;
                default:
                    if (arg.StartsWith('-') && arg.Length > 1)
                    {
                        throw new UsageException($"unknown option '{arg}'. Run 'citations report --help'.");
                    }

                    SetArticle(arg);
                    break;
            }
        }

        if (article is null)
        {
            throw new UsageException("give the article file to report on, e.g. 'citations report seeds/article.json'.");
        }

        if (style is not null && !bibliography)
        {
            throw new UsageException("--style chooses the bibliography's style; add --bibliography.");
        }

        if (bibliography && format == CoverageReportFormats.Json)
        {
            throw new UsageException("--bibliography goes with the text and markdown formats; for JSON, use 'citations format'.");
        }

        return new Options(article, format, textPath, bibliography ? style ?? CslStyleSources.AuthorDate : null);

        void SetArticle(string value)
        {
            if (article is not null)
            {
                throw new UsageException($"one article file at a time ('{article}' and '{value}' were given).");
            }

            article = value;
        }
    }

    private static string Value(string[] args, ref int i, string option)
    {
        if (i + 1 >= args.Length || (args[i + 1].StartsWith('-') && args[i + 1].Length > 1))
        {
            throw new UsageException($"option '{option}' needs a value.");
        }

        return args[++i];
    }

    private const string Usage = """
        usage: citations report ARTICLE.json [--format text|markdown|json] [--text ARTICLE.txt]
                                             [--bibliography [--style ID|PATH]]

        Validates an article file (claims, anchors, sources) and prints its claim-coverage report:
        for each claim, the strongest support it has (primary data, secondary sources only,
        anonymous sources only, or none), with totals.

          -f, --format NAME   text (default), markdown or json
          -t, --text FILE     the article's plain text, to check that each claim's anchor quotes it
          -b, --bibliography  also print the bibliography of the article's sources (text, markdown)
          -s, --style ID|PATH the bibliography's CSL style (default: the embedded citations-author-date;
                              also citations-numeric, or a .csl file)
          -h, --help          show this help

        Problems are written to standard error as file(line,column) path: severity CODE: message.
        Exit code: 0 no errors, 1 the article has errors, 2 wrong command line.

        """;

    /// <param name="ArticlePath">The article file.</param>
    /// <param name="Format">The report's format.</param>
    /// <param name="TextPath">The article's text, if given.</param>
    /// <param name="BibliographyStyle">The style of the bibliography to append, or <see langword="null"/> for none.</param>
    internal sealed record Options(string ArticlePath, ICoverageReportFormat Format, string? TextPath, string? BibliographyStyle = null);
}
