using System.CommandLine;
using System.Text;
using Citations.Annotations;
using Citations.Cli.CommandLine;
using Citations.Diagnostics;
using Citations.Formats;
using Citations.Model;
using Citations.Serialization;

namespace Citations.Cli.Commands;

/// <summary>
/// <c>citations export ARTICLE --to web-annotation|csljson|bibtex [-o FILE]</c>: the claims as W3C Web Annotations
/// (JSON-LD) targeting the article's page, or the sources' items through the item writers of <c>convert</c>.
/// </summary>
internal sealed class ExportCommand : ICliCommand
{
    private const string WebAnnotation = "web-annotation";

    private static readonly string[] Formats = [WebAnnotation, "csljson", "bibtex"];

    private readonly Argument<string> _article = CliOptions.SinglePath("ARTICLE", "the article file");
    private readonly Option<string> _to = CliOptions.Choice("--to", "web-annotation (the claims), csljson or bibtex (the sources)", null, Formats, "-t");
    private readonly Option<string?> _output = CliOptions.Value("--output", "FILE", "write to FILE (default: standard output)", "-o");
    private readonly Option<string?> _target = CliOptions.Value("--target", "URL", "with web-annotation: the page the annotations target (default: the article's URL)");
    private readonly Option<long?> _maxInputSize;

    /// <summary>Creates the command.</summary>
    /// <param name="maxInputSize">The tool's <c>--max-input-size</c> option.</param>
    public ExportCommand(Option<long?> maxInputSize)
    {
        _maxInputSize = maxInputSize;
        Definition = new Command("export", "write an article's claims as W3C Web Annotations, or its sources as CSL-JSON or BibTeX")
        {
            _article, _to, _output, _target,
        };
    }

    /// <inheritdoc/>
    public Command Definition { get; }

    /// <inheritdoc/>
    public string HelpNotes => """
        web-annotation: one AnnotationCollection (JSON-LD, context http://www.w3.org/ns/anno.jsonld)
        with one Annotation per claim: target the article's URL with the claim's TextQuoteSelector
        (exact, prefix, suffix); bodies the claim's text (describing), its kind and "unreviewed"
        (tagging) and each cited source's URL or DOI link (SpecificResource, linking). Ids are stable
        urn:uuid values, so exporting again gives the same annotations.
        csljson, bibtex: the sources' items, as 'citations convert' writes them.

        Exit codes:
          0  exported
          1  exported, but the article file has errors (the claims or sources with errors left out)
          2  nothing done: wrong command line, the article cannot be read, or (web-annotation) the
             article has no http(s) URL and --target gives none

        """;

    /// <inheritdoc/>
    public async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var articlePath = parse.GetRequiredValue(_article);
        var to = parse.GetRequiredValue(_to);
        var target = parse.GetValue(_target);
        if (target is not null && to != WebAnnotation)
        {
            throw new UsageException("--target names the page the annotations target; it goes with --to web-annotation.");
        }

        var maxBytes = parse.GetValue(_maxInputSize) ?? InputFile.DefaultMaxBytes;
        var bytes = InputFile.ReadAllBytes(context.ResolvePath(articlePath), maxBytes, articlePath);
        var read = bytes.Value is null
            ? new ParseResult<Article>(null, bytes.Diagnostics)
            : ArticleJson.Read(bytes.Value, articlePath, new ArticleReadOptions { MaxFileBytes = maxBytes, BaseDirectory = Path.GetDirectoryName(context.ResolvePath(articlePath)) });
        await context.WriteDiagnosticsAsync(read.Diagnostics.Where(d => d.IsError)).ConfigureAwait(false);
        if (read.Stopped || read.Value is not { } article)
        {
            throw new InputException($"{articlePath} could not be read (see above); nothing was exported.");
        }

        string text;
        if (to == WebAnnotation)
        {
            if (target is not null && WebAnnotations.TargetOf(article, target) is null)
            {
                throw new UsageException($"--target: '{target}' is not an absolute http(s) URL.");
            }

            if (WebAnnotations.TargetOf(article, target) is null)
            {
                throw new InputException($"{articlePath}: the article's metadata has no http(s) URL for the annotations to target; give one with --target URL.");
            }

            text = WebAnnotations.Write(article, target);
        }
        else
        {
            text = ItemFormats.Default.FindWriter(to)!.Write(article.Sources.Select(s => s.Item).ToList());
        }

        if (parse.GetValue(_output) is { } output)
        {
            try
            {
                await File.WriteAllTextAsync(context.ResolvePath(output), text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"{output} could not be written: {e.Message}");
            }
        }
        else
        {
            await context.Out.WriteAsync(text).ConfigureAwait(false);
        }

        return read.Diagnostics.Any(d => d.IsError) ? ExitCodes.Problems : ExitCodes.Success;
    }
}
