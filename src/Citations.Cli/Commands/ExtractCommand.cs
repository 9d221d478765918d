using System.CommandLine;
using System.Globalization;
using Citations.Cli.CommandLine;
using Citations.Formats;
using Citations.Links;
using Citations.Links.Articles;
using Citations.Links.Checking;
using Citations.Links.Http;
using Citations.Links.Lookup;
using Citations.Serialization;

namespace Citations.Cli.Commands;

/// <summary>
/// <c>citations extract SOURCE [-o article.json]</c>: from a published article (an HTML or Markdown file, or an http(s)
/// URL) to a suggested source map: the article's own metadata, one unreviewed claim per sentence that cites something,
/// one unreviewed source per distinct target with the cited page's own metadata.
/// </summary>
internal sealed class ExtractCommand : ICliCommand
{
    private readonly Argument<string> _source = CliOptions.SinglePath("SOURCE", "the article: an HTML or Markdown file, or an http(s) URL");
    private readonly Option<string?> _output = CliOptions.Value("--output", "FILE", "write the article file to FILE (default: standard output)", "-o");
    private readonly Option<string?> _text = CliOptions.Value("--text", "FILE", "write the article's text to FILE, one paragraph per block (the claims' anchors point into it)");
    private readonly Option<bool> _noFetch = CliOptions.Flag("--no-fetch", "do not fetch the cited pages or look their DOIs up: every source gets a minimal item");
    private readonly ItemInputs _dois = new("allow loopback, private and link-local addresses for the article, the cited pages and DOIs (refused by default)");
    private readonly Option<long?> _maxInputSize;

    /// <summary>Creates the command.</summary>
    /// <param name="maxInputSize">The tool's <c>--max-input-size</c> option.</param>
    public ExtractCommand(Option<long?> maxInputSize)
    {
        _maxInputSize = maxInputSize;
        Definition = new Command("extract", "suggest a source map (claims and sources, unreviewed) from a published article")
        {
            _source, _output, _text, _noFetch,
        };
        foreach (var option in _dois.Options)
        {
            Definition.Options.Add(option);
        }
    }

    /// <inheritdoc/>
    public Command Definition { get; }

    /// <inheritdoc/>
    public string HelpNotes => """
        Every sentence with a link or a footnote reference becomes a claim (its kind suggested: a
        sentence with a figure is a statistic), anchored by paragraph and the sentence's words with
        the words around them; every distinct link target (after URL normalisation) becomes a source
        whose item comes from the cited page's own metadata (Highwire citation_*, JSON-LD, Dublin Core,
        OpenGraph), from the DOI for doi.org links, or at least its URL, title and accessed date. Each
        page is fetched once, politely (two requests at a time per host, 250 ms apart). Everything is
        marked "reviewed": false: a person confirms kinds, classes and evidence.
        Boilerplate left out: nav, header, footer, aside, forms, scripts, ARIA navigation, banner,
        contentinfo and complementary regions, and elements whose class or id names navigation,
        menus, comments, ads, sidebars, sharing, related links, newsletters, bylines or tags, and
        "Read more:" lines; text is taken from <article> or <main> when the page has one. Table
        rows and list items count as text. Author, tag and photo-credit links are not citations;
        tracking parameters (utm_*, fbclid, gclid) are dropped from targets.

        Exit codes:
          0  extracted (cited pages that could not be fetched are warnings: their sources get a
             minimal item)
          2  nothing extracted: wrong command line, or an article that cannot be read or fetched

        """;

    /// <inheritdoc/>
    public async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var source = parse.GetRequiredValue(_source);
        var allowPrivate = parse.GetValue(_dois.AllowPrivateOption);
        var hostResolver = ResolverFromEnvironment();
        var lookup = _dois.LookupOptions(parse, offline: false, context);
        context.ConfigureDoiLookup?.Invoke(lookup);
        using var dois = new DoiResolver(lookup, hostResolver: hostResolver);
        var fetch = !parse.GetValue(_noFetch);
        var options = new ArticleExtractionOptions { AllowPrivateAddresses = allowPrivate, FetchCitedPages = fetch, ResolveDois = fetch };
        using var extractor = new ArticleExtractor(options, hostResolver: hostResolver, doiResolver: dois);

        Citations.Diagnostics.ParseResult<ExtractedArticle> read;
        if (Uri.TryCreate(source, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            read = await extractor.ExtractUrlAsync(url, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var path = context.ResolvePath(source);
            var maxBytes = parse.GetValue(_maxInputSize) ?? InputFile.DefaultMaxBytes;
            if (!File.Exists(path))
            {
                throw new InputException($"{source}: no such file.");
            }

            read = await extractor.ExtractFileAsync(path, maxBytes, cancellationToken).ConfigureAwait(false);
        }

        await context.WriteDiagnosticsAsync(read.Diagnostics).ConfigureAwait(false);
        if (read.Value is not { } extracted)
        {
            throw new InputException($"{source} could not be read (see above); nothing was extracted.");
        }

        var json = ArticleJson.Write(extracted.Article) + "\n";
        if (parse.GetValue(_output) is { } output)
        {
            await File.WriteAllTextAsync(context.ResolvePath(output), json, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await context.Out.WriteAsync(json).ConfigureAwait(false);
        }

        if (parse.GetValue(_text) is { } textFile)
        {
            await File.WriteAllTextAsync(context.ResolvePath(textFile), string.Join("\n\n", extracted.Text.Paragraphs) + "\n", cancellationToken).ConfigureAwait(false);
        }

        var article = extracted.Article;
        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"citations extract: {extracted.Text.Paragraphs.Count} paragraphs, {article.Claims.Count} claims and {article.Sources.Count} sources suggested, all unreviewed; {read.Diagnostics.Count(d => d.Code == LinkDiagnosticCodes.CitedPageUnavailable)} cited page(s) could not be fetched.")).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The resolver <see cref="LinkCheckerBuilder.ResolverVariable"/> asks for: <c>loopback</c> never asks DNS.</summary>
    private static HostResolver? ResolverFromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(LinkCheckerBuilder.ResolverVariable)?.Trim().ToLowerInvariant();
        return value switch
        {
            null or "" or "system" => null,
            "loopback" => HostResolver.LoopbackOnly,
            _ => throw new UsageException($"{LinkCheckerBuilder.ResolverVariable} must be 'system' or 'loopback', not '{value}'."),
        };
    }
}
