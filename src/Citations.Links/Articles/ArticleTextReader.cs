using Citations.Formats;
using AngleSharp.Html.Parser;
using Citations.Diagnostics;
using Citations.Links.Http;
using Citations.Model;
using Markdig;

namespace Citations.Links.Articles;

/// <summary>
/// Reads the text of a published article (an HTML or Markdown file, or an http(s) URL) as the paragraphs
/// <see cref="ArticleExtractor"/> anchors claims in: the same choice of the article's element, the same boilerplate
/// left out, the same paragraph elements. Give the result to <see cref="Citations.Reanchoring.AnchorRelocation"/> to move an
/// article's anchors to a newer version of it.
/// </summary>
/// <example>
/// <code>
/// using var reader = new ArticleTextReader();
/// var read = await reader.ReadFileAsync("article-v2.html");
/// var result = AnchorRelocation.Relocate(article, read.Value!);
/// </code>
/// </example>
/// <remarks>
/// Thread-safe. A URL is fetched through the link checker's guarded client (private addresses refused after DNS
/// unless <see cref="ArticleExtractionOptions.AllowPrivateAddresses"/>), with its redirect limit, timeouts, retries and
/// page size cap (<see cref="ArticleExtractionOptions.MaxPageBytes"/>); of the options only those apply.
/// </remarks>
public sealed class ArticleTextReader : IDisposable
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseFootnotes().UseAutoLinks().Build();

    private readonly PageFetcher _fetcher;

    /// <summary>Creates a reader.</summary>
    /// <param name="options">How pages are fetched (copied and validated); the defaults when <see langword="null"/>.</param>
    /// <param name="httpClient">The client (make its handler with <see cref="LinkHttpHandler.Create"/>); one is created when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for waits and timeouts; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="hostResolver">Resolves host names for a created client; the system's when <see langword="null"/>.</param>
    /// <exception cref="LinkOptionsException">The options are invalid; every problem is listed.</exception>
    public ArticleTextReader(ArticleExtractionOptions? options = null, HttpClient? httpClient = null, TimeProvider? timeProvider = null, HostResolver? hostResolver = null)
    {
        var copy = (options ?? new ArticleExtractionOptions()).Clone();
        copy.Validate();
        _fetcher = new PageFetcher(copy, httpClient, hostResolver, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Reads an HTML (<c>.html</c>, <c>.htm</c>, <c>.xhtml</c>) or Markdown file; other extensions are told by content.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest file read (default 256 MiB); a larger one, or a device, is a fatal diagnostic.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The paragraphs, or a fatal <c>LNK0202</c> diagnostic naming the file when it cannot be read.</returns>
    public async Task<ParseResult<ArticleText>> ReadFileAsync(string path, long maxBytes = InputFile.DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        // The shared capped reader: a device or an endless file stops at the cap instead of filling memory.
        var text = await InputFile.ReadAllTextAsync(path, maxBytes, path, cancellationToken).ConfigureAwait(false);
        if (text.Value is not { } content)
        {
            return Fatal(path, "The article file cannot be read: " + (text.Diagnostics.FirstOrDefault()?.Message ?? "unknown error"));
        }

        var markup = ArticleMarkups.OfFile(path, content);
        return new ParseResult<ArticleText>(Read(content, markup, null), []);
    }

    /// <summary>Fetches an article and reads its text.</summary>
    /// <param name="url">The article's address.</param>
    /// <param name="cancellationToken">Cancels fetching.</param>
    /// <returns>The paragraphs, or a fatal <c>LNK0202</c> diagnostic naming the URL when it cannot be fetched.</returns>
    public async Task<ParseResult<ArticleText>> ReadUrlAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var page = await _fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
        if (page.Html is null)
        {
            return Fatal(url.AbsoluteUri, $"The article could not be fetched: {page.Problem ?? $"it is {page.MediaType}, not a page"}.");
        }

        var markup = page.MediaType is { } type && (type.Contains("markdown", StringComparison.Ordinal) || type.StartsWith("text/plain", StringComparison.Ordinal))
            ? ArticleMarkup.Markdown : ArticleMarkup.Html;
        return new ParseResult<ArticleText>(Read(page.Html, markup, page.FinalUrl), []);
    }

    /// <summary>Reads an article's text from its HTML or Markdown.</summary>
    /// <param name="content">The HTML or Markdown.</param>
    /// <param name="markup">Which of the two it is.</param>
    /// <param name="address">Where it was published, or <see langword="null"/>.</param>
    public static ArticleText Read(string content, ArticleMarkup markup, Uri? address)
    {
        ArgumentNullException.ThrowIfNull(content);
        var html = markup == ArticleMarkup.Markdown ? Markdig.Markdown.ToHtml(content, Markdown) : content;
        var (paragraphs, _) = ArticleBody.Read(new HtmlParser().ParseDocument(html), address);
        return new ArticleText(paragraphs.Select(p => p.Text));
    }

    /// <inheritdoc/>
    public void Dispose() => _fetcher.Dispose();

    private static ParseResult<ArticleText> Fatal(string location, string message)
        => new(null, [new Diagnostic(DiagnosticSeverity.Fatal, LinkDiagnosticCodes.ArticleUnavailable, message, new SourceLocation(location, null, 0, 0))]);
}
