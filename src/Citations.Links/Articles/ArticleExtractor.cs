using Citations.Formats;
using System.Globalization;
using System.Text;
using AngleSharp.Html.Parser;
using Citations.CslData;
using Citations.Diagnostics;
using Citations.Links.Http;
using Citations.Links.Lookup;
using Citations.Model;
using Citations.Validation;
using Markdig;

namespace Citations.Links.Articles;

/// <summary>How an article's text is marked up.</summary>
public enum ArticleMarkup
{
    /// <summary>An HTML page.</summary>
    Html,

    /// <summary>Markdown (CommonMark with footnotes, autolinks and pipe tables).</summary>
    Markdown,
}

/// <summary>An article extracted from its published page: the suggested source map and the text it is anchored in.</summary>
/// <param name="Article">The article: its own metadata, one unreviewed claim per sentence that cites something, one
/// unreviewed source per distinct target.</param>
/// <param name="Text">The article's text as paragraphs (boilerplate left out); the claims' anchors point into it.</param>
public sealed record ExtractedArticle(Article Article, ArticleText Text);

/// <summary>
/// From a published article (HTML or Markdown) to a suggested source map: the article's own metadata as a CSL item,
/// its text as paragraphs, every sentence that carries a link or a footnote reference as a claim anchored by paragraph
/// and <c>TextQuoteSelector</c>, and every distinct target (after URL normalisation) as a source whose item comes from
/// the cited page's own embedded metadata (or its DOI). Everything it makes is marked unreviewed: kinds and classes
/// are suggestions with their reasons, for a person to confirm.
/// </summary>
/// <example>
/// <code>
/// using var extractor = new ArticleExtractor();
/// var read = await extractor.ExtractFileAsync("article.html");
/// foreach (var problem in read.Diagnostics) Console.Error.WriteLine(problem);
/// File.WriteAllText("article.json", ArticleJson.Write(read.Value!.Article));
/// </code>
/// </example>
/// <remarks>
/// Thread-safe; one extractor fetches each distinct cited page once over its lifetime and keeps it in memory. Pages
/// are fetched through the link checker's guarded client (private addresses refused after DNS unless allowed) and
/// its per-host pipelines (per-host concurrency and minimum interval, retries). A page that cannot be fetched still
/// gets a source with a minimal item (URL, link text as title, accessed date), a note and a <c>LNK0201</c> warning:
/// extraction never fails for a cited page.
/// </remarks>
public sealed class ArticleExtractor : IDisposable
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseFootnotes().UseAutoLinks().UsePipeTables().Build();

    private readonly ArticleExtractionOptions _options;
    private readonly PageFetcher? _fetcher;
    private readonly DoiResolver? _dois;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an extractor.</summary>
    /// <param name="options">The options (copied and validated); the defaults when <see langword="null"/>.</param>
    /// <param name="httpClient">The client for cited pages (make its handler with <see cref="LinkHttpHandler.Create"/>);
    /// one is created when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for accessed dates, waits and timeouts; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="hostResolver">Resolves host names for a created client; the system's when <see langword="null"/>.</param>
    /// <param name="doiResolver">Looks cited DOIs up; DOIs are fetched as pages when <see langword="null"/>. Not disposed by the extractor.</param>
    /// <exception cref="LinkOptionsException">The options are invalid; every problem is listed.</exception>
    public ArticleExtractor(ArticleExtractionOptions? options = null, HttpClient? httpClient = null, TimeProvider? timeProvider = null,
        HostResolver? hostResolver = null, DoiResolver? doiResolver = null)
    {
        _options = (options ?? new ArticleExtractionOptions()).Clone();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _dois = _options.ResolveDois ? doiResolver : null;
        if (_options.FetchCitedPages)
        {
            _fetcher = new PageFetcher(_options, httpClient, hostResolver, _timeProvider);
        }
    }

    /// <summary>Extracts an article from an HTML (<c>.html</c>, <c>.htm</c>, <c>.xhtml</c>) or Markdown file; other extensions are told by content.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest file read (default 256 MiB); a larger one, or a device, is a fatal diagnostic.</param>
    /// <param name="cancellationToken">Cancels fetching.</param>
    /// <returns>The article, or a fatal diagnostic naming the file when it cannot be read.</returns>
    public async Task<ParseResult<ExtractedArticle>> ExtractFileAsync(string path, long maxBytes = InputFile.DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        // The shared capped reader: a device or an endless file stops at the cap instead of filling memory.
        var text = await InputFile.ReadAllTextAsync(path, maxBytes, path, cancellationToken).ConfigureAwait(false);
        if (text.Value is not { } content)
        {
            return Fatal(path, "The article file cannot be read: " + (text.Diagnostics.FirstOrDefault()?.Message ?? "unknown error"));
        }

        var markup = ArticleMarkups.OfFile(path, content);
        return await ExtractAsync(content, markup, null, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Extracts an article from an http(s) URL, fetched like a cited page; relative links are resolved against where it ended up.</summary>
    /// <param name="url">The article's address.</param>
    /// <param name="cancellationToken">Cancels fetching.</param>
    /// <returns>The article, or a fatal diagnostic naming the URL when it cannot be fetched.</returns>
    public async Task<ParseResult<ExtractedArticle>> ExtractUrlAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_fetcher is null)
        {
            return Fatal(url.AbsoluteUri, "Fetching is off, so the article cannot be fetched.");
        }

        var page = await _fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
        if (page.Html is null)
        {
            return Fatal(url.AbsoluteUri, $"The article could not be fetched: {page.Problem ?? $"it is {page.MediaType}, not a page"}.");
        }

        var markup = page.MediaType is { } type && (type.Contains("markdown", StringComparison.Ordinal) || type.StartsWith("text/plain", StringComparison.Ordinal))
            ? ArticleMarkup.Markdown : ArticleMarkup.Html;
        return await ExtractAsync(page.Html, markup, page.FinalUrl, url.AbsoluteUri, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Extracts an article from its text.</summary>
    /// <param name="content">The HTML or Markdown.</param>
    /// <param name="markup">Which of the two it is.</param>
    /// <param name="address">Where it was published: relative links are resolved against it and it is the article's
    /// <c>URL</c> unless the page names a canonical one; <see langword="null"/> for a local file (relative links are then
    /// resolved against the address the page names for itself — <c>&lt;base href&gt;</c>, its canonical link, <c>og:url</c> —
    /// and left out when it names none: they cannot be fetched).</param>
    /// <param name="location">The file or URL named in diagnostics.</param>
    /// <param name="cancellationToken">Cancels fetching.</param>
    public async Task<ParseResult<ExtractedArticle>> ExtractAsync(string content, ArticleMarkup markup, Uri? address, string location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(location);
        var html = markup == ArticleMarkup.Markdown ? Markdig.Markdown.ToHtml(content, Markdown) : content;
        var document = new HtmlParser().ParseDocument(html);
        var diagnostics = new List<Diagnostic>();
        var now = _timeProvider.GetUtcNow();

        var (metadata, _) = PageMetadata.Read(document, "article", address, address is null ? null : now);
        if (metadata.Title is null && document.QuerySelector("h1")?.TextContent.Trim() is { Length: > 0 } heading)
        {
            metadata = new CslItemBuilder(metadata).Set(CslVariables.Title, heading).Build();
        }

        metadata = new CslItemBuilder(metadata) { Id = Slug(metadata.Title ?? Path.GetFileNameWithoutExtension(location), "article") }.Build();

        // A saved page still says where it was published (<base href>, a canonical link, og:url): its relative links
        // are resolved against that, and links to it are links to the article itself.
        address ??= PublishedAddress(document);
        var (paragraphs, notes) = ArticleBody.Read(document, address);
        var targets = new Dictionary<string, Target>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var claims = new List<(Claim Claim, List<Target> Cited)>();
        for (var p = 0; p < paragraphs.Count; p++)
        {
            var paragraph = paragraphs[p];
            var sentences = Sentences.Split(paragraph.Text, paragraph.Links.Where(l => l.Href.StartsWith('#')).Select(l => (l.Start, l.End)).ToList());
            for (var s = 0; s < sentences.Count; s++)
            {
                var (start, end) = sentences[s];
                var cited = new List<Target>();
                foreach (var link in paragraph.Links.Where(l => l.Start >= start && l.Start < Math.Max(end, start + 1)))
                {
                    foreach (var target in TargetsOf(link, notes, address, targets, ids))
                    {
                        if (!cited.Contains(target))
                        {
                            cited.Add(target);
                        }
                    }
                }

                if (cited.Count > 0)
                {
                    // Footnote markers are link text, not figures: they are left out when the kind is suggested.
                    var markers = paragraph.Links.Where(l => l.Href.StartsWith('#') && l.Start >= start && l.End <= end).ToList();
                    claims.Add((MakeClaim(paragraph.Text, p + 1, s + 1, start, end, cited, markers), cited));
                }
            }
        }

        var sources = new Source[targets.Count];
        var ordered = targets.Values.ToList();
        await Parallel.ForEachAsync(Enumerable.Range(0, ordered.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (i, token) => sources[i] = await SourceForAsync(ordered[i], now, token).ConfigureAwait(false)).ConfigureAwait(false);

        foreach (var (target, source) in ordered.Zip(sources))
        {
            if (target.Problem is { } problem)
            {
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, LinkDiagnosticCodes.CitedPageUnavailable,
                    $"The cited page {DisplayText.Url(target.Url!.AbsoluteUri)} could not be fetched ({problem}); source '{source.Id}' has a minimal item.",
                    new SourceLocation(location, null, 0, 0)));
            }
        }

        var article = new Article(metadata) { Claims = claims.Select(c => c.Claim).ToList(), Sources = sources };
        return new ParseResult<ExtractedArticle>(new ExtractedArticle(article, new ArticleText(paragraphs.Select(p => p.Text))), diagnostics);
    }

    /// <inheritdoc/>
    public void Dispose() => _fetcher?.Dispose();

    private static ParseResult<ExtractedArticle> Fatal(string location, string message)
        => new(null, [new Diagnostic(DiagnosticSeverity.Fatal, LinkDiagnosticCodes.ArticleUnavailable, message, new SourceLocation(location, null, 0, 0))]);

    /// <summary>The targets a link stands for: its URL, or the URLs of the note an in-page link points to (the note itself when it has none).</summary>
    private static IEnumerable<Target> TargetsOf(LinkSpan link, IReadOnlyDictionary<string, BodyParagraph> notes, Uri? address,
        Dictionary<string, Target> targets, HashSet<string> ids)
    {
        if (link.Href.StartsWith('#'))
        {
            if (!notes.TryGetValue(link.Href[1..], out var note))
            {
                yield break;
            }

            var external = note.Links.Where(l => !l.Href.StartsWith('#')).ToList();
            if (external.Count == 0)
            {
                // A note with no link: a reference written out in words. Its text is the best title there is.
                var key = "note:" + link.Href;
                var text = note.Text.Trim();
                if (text.Length == 0 || IsBackReferenceOnly(note))
                {
                    yield break;
                }

                if (!targets.TryGetValue(key, out var written))
                {
                    targets[key] = written = new Target(UniqueId(Slug(text, "note"), ids), null, text);
                }

                yield return written;
                yield break;
            }

            foreach (var inner in external)
            {
                if (TargetOf(inner, address, targets, ids, note.Text) is { } target)
                {
                    yield return target;
                }
            }

            yield break;
        }

        if (TargetOf(link, address, targets, ids, null) is { } direct)
        {
            yield return direct;
        }
    }

    /// <summary>The absolute http(s) address a page names for itself, or <see langword="null"/>.</summary>
    private static Uri? PublishedAddress(AngleSharp.Dom.IDocument document)
    {
        var named = document.QuerySelector("base[href]")?.GetAttribute("href")
            ?? document.QuerySelector("link[rel=canonical]")?.GetAttribute("href")
            ?? document.QuerySelector("meta[property='og:url']")?.GetAttribute("content");
        return Uri.TryCreate(named?.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
    }

    private static bool IsBackReferenceOnly(BodyParagraph note) => note.Text.Length <= 3 && note.Links.Count > 0;

    private static Target? TargetOf(LinkSpan link, Uri? address, Dictionary<string, Target> targets, HashSet<string> ids, string? noteText)
    {
        if (!UrlNormalizer.TryNormalize(link.Href, out var url, out _))
        {
            return null;
        }

        url = WithoutTracking(url);
        var key = UrlNormalizer.Key(url);
        if (address is not null && key == UrlNormalizer.Key(address))
        {
            return null; // a link to the article itself
        }

        if (!targets.TryGetValue(key, out var target))
        {
            var segment = url.Segments.Select(s => s.Trim('/')).LastOrDefault(s => s.Length > 0) ?? string.Empty;
            var host = url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host;
            var id = UniqueId(Slug(Path.GetFileNameWithoutExtension(segment) is { Length: > 0 } name ? $"{host.Split('.')[0]}-{name}" : host, "source"), ids);
            var linkText = link.Text.Length > 0 && !LooksLikeUrl(link.Text) ? link.Text : noteText;
            targets[key] = target = new Target(id, url, linkText);
        }

        return target;
    }

    /// <summary>
    /// The URL without the query parameters that only tell the linking site where a click came from (<c>utm_*</c>,
    /// <c>fbclid</c>, <c>gclid</c>, <c>mc_cid</c>, <c>mc_eid</c>): the same page linked from a newsletter is one source.
    /// </summary>
    private static Uri WithoutTracking(Uri url)
    {
        if (url.Query.Length <= 1)
        {
            return url;
        }

        var kept = url.Query[1..].Split('&').Where(p => p.Length > 0 && !IsTracking(p.Split('=')[0])).ToList();
        if (kept.Count == url.Query[1..].Split('&').Count(p => p.Length > 0))
        {
            return url;
        }

        return new UriBuilder(url) { Query = string.Join('&', kept) }.Uri;
    }

    private static bool IsTracking(string name) => name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)
        || name is "fbclid" or "gclid" or "mc_cid" or "mc_eid";

    private static bool LooksLikeUrl(string text) => text.StartsWith("http", StringComparison.OrdinalIgnoreCase) || text.StartsWith("www.", StringComparison.OrdinalIgnoreCase);

    private Claim MakeClaim(string paragraph, int number, int sentence, int start, int end, List<Target> cited, List<LinkSpan> markers)
    {
        var exact = QuoteText.Normalize(paragraph[start..end]);
        var withoutMarkers = new StringBuilder(paragraph[start..end]);
        foreach (var marker in markers.OrderByDescending(m => m.Start))
        {
            withoutMarkers.Remove(marker.Start - start, marker.End - marker.Start);
        }

        var (kind, reason) = Suggestions.Kind(withoutMarkers.ToString());
        var context = _options.ContextLength;
        var prefix = context == 0 ? null : Context(paragraph[Math.Max(0, start - context)..start], fromEnd: true);
        var suffix = context == 0 ? null : Context(paragraph[end..Math.Min(paragraph.Length, end + context)], fromEnd: false);
        var relation = kind == ClaimKind.Statistic ? CitationRelation.CitesAsDataSource : CitationRelation.CitesForInformation;
        return new Claim(string.Create(CultureInfo.InvariantCulture, $"claim-{number}-{sentence}"), kind, exact, new TextAnchor(number, exact, prefix, suffix))
        {
            Wording = ClaimWording.Quote,
            Evidence = cited.Select(t => new EvidenceLink(t.Id, relation)).ToList(),
            Note = $"Suggested by citations extract: kind {kind.ToString().ToLowerInvariant()} because {reason}. Check the kind, the wording and the relation.",
            Reviewed = false,
        };
    }

    /// <summary>Context around a sentence, cut at a word boundary; <see langword="null"/> when there is none.</summary>
    private static string? Context(string text, bool fromEnd)
    {
        var normalized = QuoteText.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        // Whole words only, so that the context survives re-wrapping; the word cut by the window is dropped.
        var space = fromEnd ? normalized.IndexOf(' ', StringComparison.Ordinal) : normalized.LastIndexOf(' ');
        if (space > 0 && normalized.Length >= 16)
        {
            normalized = fromEnd ? normalized[(space + 1)..] : normalized[..space];
        }

        return normalized.Length == 0 ? null : normalized;
    }

    private async Task<Source> SourceForAsync(Target target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var accessed = CslDate.FromParts(now.Year, now.Month, now.Day);
        if (target.Url is not { } url)
        {
            var item = new CslItemBuilder(target.Id, CslItemTypes.Document).Set(CslVariables.Title, PageMetadata.Scalar(target.LinkText)).Build();
            return new Source(item, SourceClass.Unknown)
            {
                Reviewed = false,
                Note = "Suggested by citations extract from a note with no link: the item's title is the note's text; fill in the item by hand.",
            };
        }

        if (_dois is not null && IsDoiLink(url, out var doi))
        {
            var resolved = await _dois.ResolveAsync(doi, cancellationToken).ConfigureAwait(false);
            if (resolved.Value is { } found)
            {
                var item = new CslItemBuilder(found) { Id = target.Id }.Set(CslVariables.Url, found.Url ?? url.AbsoluteUri).SetDate(CslVariables.Accessed, accessed).Build();
                var (@class, reason) = Suggestions.Class(url, new PageFacts(item.Title, item.Type, null, null, ["doi"]));
                return new Source(item, @class) { Reviewed = false, Note = $"Suggested by citations extract: item from the DOI's registration agency; class {ClassName(@class)} because {reason}." };
            }
        }

        FetchedPage? page = null;
        if (_fetcher is not null)
        {
            try
            {
                page = await _fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                page = new FetchedPage(url, null, null, e.Message);
            }
        }

        if (page is { Html: { } html })
        {
            var document = new HtmlParser().ParseDocument(html);
            var (item, facts) = PageMetadata.Read(document, target.Id, page.FinalUrl, now);
            if (item.Title is null && target.LinkText is { } text)
            {
                item = new CslItemBuilder(item).Set(CslVariables.Title, text).Build();
            }

            var (@class, reason) = Suggestions.Class(page.FinalUrl, facts);
            var from = facts.HasMetadata ? "the page's own metadata (" + string.Join(", ", facts.Vocabularies) + ")" : facts.Title is null ? "the link text (the page has no title)" : "the page's title only (no embedded metadata)";
            return new Source(item, @class) { Reviewed = false, Note = $"Suggested by citations extract: item from {from}; class {ClassName(@class)} because {reason}." };
        }

        var minimal = new CslItemBuilder(target.Id, page?.MediaType is null ? CslItemTypes.Webpage : CslItemTypes.Document)
            .Set(CslVariables.Title, PageMetadata.Scalar(target.LinkText))
            .Set(CslVariables.Url, url.AbsoluteUri)
            .Set(CslVariables.Doi, PageMetadata.Scalar(IsDoiLink(url, out var linkedDoi) ? linkedDoi.Text : null))
            .SetDate(CslVariables.Accessed, accessed)
            .Build();
        var (minimalClass, minimalReason) = Suggestions.Class(url, null);
        var why = page is null ? "fetching is off" : page.Problem is { } problem ? $"the page could not be fetched: {problem}" : $"the link is to {page.MediaType}, not a page";
        if (page?.Problem is { } failed)
        {
            target.Problem = failed;
        }

        return new Source(minimal, minimalClass)
        {
            Reviewed = false,
            Note = $"Suggested by citations extract: {why}, so the item holds only the URL, the link text as title and the accessed date; class {ClassName(minimalClass)} because {minimalReason}.",
        };
    }

    /// <summary>Whether the URL is a DOI resolver's link (<c>https://doi.org/10…</c>), and its DOI.</summary>
    private static bool IsDoiLink(Uri url, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Lookup.Doi? doi)
    {
        doi = null;
        return url.Host.EndsWith("doi.org", StringComparison.OrdinalIgnoreCase) && Lookup.Doi.TryParse(url.AbsoluteUri, out doi);
    }

    private static string ClassName(SourceClass @class) => @class switch
    {
        SourceClass.PrimaryData => "primary data",
        SourceClass.OfficialStatement => "official statement",
        SourceClass.AdvocacyOrThinkTank => "advocacy or think tank",
        _ => @class.ToString().ToLowerInvariant(),
    };

    private static string UniqueId(string id, HashSet<string> ids)
    {
        var candidate = id;
        for (var n = 2; !ids.Add(candidate); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{id}-{n}");
        }

        return candidate;
    }

    /// <summary>Lower-case ASCII words joined by hyphens, at most 40 characters.</summary>
    private static string Slug(string text, string fallback)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-' && (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c)))
            {
                builder.Append('-');
            }

            if (builder.Length >= 40)
            {
                break;
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? fallback : slug;
    }

    /// <summary>One distinct thing the article cites.</summary>
    private sealed class Target(string id, Uri? url, string? linkText)
    {
        public string Id { get; } = id;

        public Uri? Url { get; } = url;

        public string? LinkText { get; } = linkText;

        /// <summary>Why the page could not be fetched, once known.</summary>
        public string? Problem { get; set; }
    }
}
