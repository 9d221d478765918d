using Citations.Model;

namespace Citations.Links.Extraction;

/// <summary>
/// Turns an article's sources into link targets: one target per source with a URL (or a DOI), carrying the source's
/// id, the date its CSL item says it was accessed, and the passages the page should still contain. Sources with
/// neither a URL nor a DOI are listed as not checkable.
/// </summary>
/// <remarks>
/// <para>The passages looked for on a source's page (<see cref="QuotesFor"/>), in the article's claim order, each once:</para>
/// <list type="bullet">
/// <item>every <see cref="EvidenceLink.Quote"/> of an evidence link to the source: the source's own words;</item>
/// <item>for an evidence link that says the claim quotes the source (<see cref="CitationRelation.IncludesQuotationFrom"/>)
/// and carries no quote of its own, the claim's exact words in the article (its anchor's
/// <see cref="TextQuoteSelector.Exact"/>), since those are the quoted words.</item>
/// </list>
/// <para>A claim that merely takes figures from a source, or is itself a quotation of the article
/// (<see cref="ClaimWording.Quote"/>), adds nothing: the article's wording is not expected on the source's page.</para>
/// <para>Thread-safe.</para>
/// </remarks>
public static class ArticleLinkTargets
{
    /// <summary>The targets and the not-checkable sources of an article, in the order of its sources.</summary>
    /// <param name="article">The article.</param>
    /// <param name="file">The file the article was read from, for the targets' origins; <see langword="null"/> when unknown.</param>
    public static LinkTargetSet From(Article article, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        var quotes = QuotesBySource(article);
        var targets = new List<LinkTarget>();
        var notCheckable = new List<NotCheckableSource>();
        foreach (var source in article.Sources)
        {
            var origin = Origin(file, source.Id);
            var sourceQuotes = quotes.TryGetValue(source.Id, out var list) ? list : [];
            if (FromSource(source, sourceQuotes, origin) is { } target)
            {
                targets.Add(target with { File = file, Construct = LinkConstructs.ArticleSource });
            }
            else
            {
                notCheckable.Add(new NotCheckableSource(source.Id, NotCheckableSource.NoLinkReason) { Title = source.Item.Title, Origin = origin });
            }
        }

        return new LinkTargetSet { Targets = targets, NotCheckable = notCheckable };
    }

    /// <summary>
    /// The target of one source: its URL (or its DOI's resolver URL), id and accessed date, with the given quotes;
    /// <see langword="null"/> when the source cites no link.
    /// </summary>
    /// <param name="source">The source.</param>
    /// <param name="quotes">Passages the page should contain (see <see cref="QuotesFor"/>).</param>
    /// <param name="origin">Where the source was read from, for reports.</param>
    public static LinkTarget? FromSource(Source source, IEnumerable<string>? quotes = null, string? origin = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var target = LinkTarget.FromCslItem(source.Item, origin);
        return target is null ? null : target with { SourceId = source.Id, Quotes = [.. quotes ?? []] };
    }

    /// <summary>The passages an article expects a source's page to contain (see the remarks on <see cref="ArticleLinkTargets"/>).</summary>
    /// <param name="article">The article.</param>
    /// <param name="sourceId">The source's id.</param>
    public static IReadOnlyList<string> QuotesFor(Article article, string sourceId)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(sourceId);
        return QuotesBySource(article).TryGetValue(sourceId, out var list) ? list : [];
    }

    private static Dictionary<string, List<string>> QuotesBySource(Article article)
    {
        var bySource = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var claim in article.Claims)
        {
            foreach (var link in claim.Evidence)
            {
                var quote = link.Quote;
                if (string.IsNullOrWhiteSpace(quote) && link.Relation == CitationRelation.IncludesQuotationFrom)
                {
                    quote = claim.Anchor.Selector.Exact;
                }

                quote = quote?.Trim();
                if (string.IsNullOrEmpty(quote))
                {
                    continue;
                }

                if (!bySource.TryGetValue(link.SourceId, out var list))
                {
                    bySource[link.SourceId] = list = [];
                }

                if (!list.Contains(quote, StringComparer.Ordinal))
                {
                    list.Add(quote);
                }
            }
        }

        return bySource;
    }

    private static string Origin(string? file, string sourceId) => file is null ? $"source {sourceId}" : $"{file} (source {sourceId})";
}
