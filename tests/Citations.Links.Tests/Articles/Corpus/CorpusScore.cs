using System.Globalization;
using System.Text;
using System.Text.Json;
using Citations.Model;

namespace Citations.Tests.ArticleCorpus;

/// <summary>What a person marked in one article: the claims (sentence start and cited targets) and, from them, the distinct targets.</summary>
/// <param name="Name">The article's file name.</param>
/// <param name="Kind">What kind of article it is and what it tests.</param>
/// <param name="Claims">The marked claims.</param>
internal sealed record MarkedArticle(string Name, string Kind, IReadOnlyList<MarkedClaim> Claims)
{
    /// <summary>The distinct targets the claims cite, in order (site paths, absolute links, or <c>note:</c> texts).</summary>
    public IReadOnlyList<string> Targets => Claims.SelectMany(c => c.Cites).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Every article of the corpus with its expectation, in file order.</summary>
    public static IReadOnlyList<MarkedArticle> All()
    {
        var articles = new List<MarkedArticle>();
        foreach (var file in Directory.GetFiles(Path.Combine(CorpusSite.Folder, "articles")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(CorpusSite.Folder, "expected", Path.GetFileNameWithoutExtension(file) + ".json")));
            var claims = expected.RootElement.GetProperty("claims").EnumerateArray()
                .Select(c => new MarkedClaim(c.GetProperty("starts").GetString()!, c.GetProperty("cites").EnumerateArray().Select(t => t.GetString()!).ToList()))
                .ToList();
            articles.Add(new MarkedArticle(name, expected.RootElement.GetProperty("kind").GetString()!, claims));
        }

        return articles;
    }
}

/// <summary>A marked claim: how its sentence starts, and what it cites.</summary>
internal sealed record MarkedClaim(string Starts, IReadOnlyList<string> Cites);

/// <summary>What a person marked about the cited pages (<c>site.json</c>): whether each has metadata, and its own title.</summary>
internal sealed class MarkedPages
{
    private readonly Dictionary<string, (bool Metadata, string? Title)> _pages;
    private readonly Dictionary<string, string> _redirects;

    private MarkedPages(Dictionary<string, (bool, string?)> pages, Dictionary<string, string> redirects)
    {
        _pages = pages;
        _redirects = redirects;
    }

    public static MarkedPages Read()
    {
        using var site = JsonDocument.Parse(File.ReadAllText(Path.Combine(CorpusSite.Folder, "site.json")));
        var pages = site.RootElement.GetProperty("pages").EnumerateObject().ToDictionary(p => p.Name,
            p => (p.Value.GetProperty("metadata").GetBoolean(), p.Value.TryGetProperty("title", out var t) ? t.GetString() : null), StringComparer.Ordinal);
        var redirects = site.RootElement.GetProperty("redirects").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        return new MarkedPages(pages, redirects);
    }

    /// <summary>Whether the target's page has embedded metadata, and the title it gives itself.</summary>
    public (bool Metadata, string? Title) For(string target)
        => _pages.TryGetValue(target, out var page) ? page : (false, null);

    /// <summary>Where a marked target ends up once its redirects are followed (a site path stays a path).</summary>
    public string Final(string target)
    {
        for (var hops = 0; hops < 10 && _redirects.TryGetValue(target, out var next); hops++)
        {
            target = next;
        }

        return target;
    }
}

/// <summary>One article's figures: extracted against marked.</summary>
internal sealed record ArticleScore(string Name, int MarkedClaims, int ExtractedClaims, int CorrectClaims, int MarkedSources, int FoundSources,
    int ExtraSources, int SourcesWithMetadata, int OwnTitles, int FullItems, int ExtractedSources, IReadOnlyList<string> Problems)
{
    /// <summary>The figures of an article extracted from the corpus site.</summary>
    /// <param name="marked">What a person marked.</param>
    /// <param name="pages">The cited pages as marked.</param>
    /// <param name="article">What the extractor made.</param>
    /// <param name="siteAddress">The site's address (marked site paths are relative to it).</param>
    public static ArticleScore Of(MarkedArticle marked, MarkedPages pages, Article article, string siteAddress)
    {
        var problems = new List<string>();

        // Each extracted source stands for the marked target whose final address is its URL (or whose note text is its title).
        string? TargetOf(Source source)
        {
            foreach (var target in marked.Targets)
            {
                if (target.StartsWith("note:", StringComparison.Ordinal))
                {
                    if (source.Item.Url is null && source.Item.Title is { } title && title.StartsWith(target["note:".Length..].TrimEnd('.'), StringComparison.Ordinal))
                    {
                        return target;
                    }

                    continue;
                }

                // Where the link ends up once its redirects are followed, or (not fetched) the link itself.
                foreach (var address in new[] { pages.Final(target), target })
                {
                    var url = address.StartsWith('/') ? siteAddress + address : address;
                    if (source.Item.Url is { } itemUrl && string.Equals(itemUrl.TrimEnd('/'), url.TrimEnd('/'), StringComparison.Ordinal))
                    {
                        return target;
                    }
                }
            }

            return null;
        }

        var targetOfSource = article.Sources.ToDictionary(s => s.Id, TargetOf, StringComparer.Ordinal);
        var found = marked.Targets.Where(t => targetOfSource.Values.Contains(t)).ToList();
        foreach (var missing in marked.Targets.Except(found))
        {
            problems.Add($"target not found: {missing}");
        }

        var extra = article.Sources.Where(s => targetOfSource[s.Id] is null).ToList();
        foreach (var source in extra)
        {
            problems.Add($"extra source: {source.Id} ({source.Item.Url ?? source.Item.Title})");
        }

        var duplicates = targetOfSource.Values.Where(t => t is not null).GroupBy(t => t).Where(g => g.Count() > 1).ToList();
        foreach (var duplicate in duplicates)
        {
            problems.Add($"one target, {duplicate.Count()} sources: {duplicate.Key}");
        }

        // Claims: a marked claim is matched by an extracted claim whose sentence starts with the marked words and that
        // cites exactly the marked targets.
        var used = new HashSet<Claim>();
        var correct = 0;
        foreach (var claim in marked.Claims)
        {
            var candidate = article.Claims.FirstOrDefault(c => !used.Contains(c) && Plain(c.Anchor.Selector.Exact).StartsWith(Plain(claim.Starts), StringComparison.Ordinal));
            if (candidate is null)
            {
                problems.Add($"claim not found: \"{claim.Starts}…\"");
                continue;
            }

            used.Add(candidate);
            var cites = candidate.Evidence.Select(e => targetOfSource.GetValueOrDefault(e.SourceId) ?? "?" + e.SourceId).ToHashSet(StringComparer.Ordinal);
            if (cites.SetEquals(claim.Cites))
            {
                correct++;
            }
            else
            {
                problems.Add($"claim \"{claim.Starts}…\" cites {string.Join(", ", cites.Order(StringComparer.Ordinal))}, marked {string.Join(", ", claim.Cites)}");
            }
        }

        foreach (var claim in article.Claims.Where(c => !used.Contains(c)))
        {
            problems.Add($"extra claim {claim.Id}: \"{Shorten(claim.Anchor.Selector.Exact)}\"");
        }

        var withMetadata = 0;
        var ownTitles = 0;
        foreach (var target in found)
        {
            var (metadata, title) = pages.For(target);
            if (!metadata)
            {
                continue;
            }

            withMetadata++;
            var source = article.Sources.First(s => targetOfSource[s.Id] == target);
            if (string.Equals(source.Item.Title, title, StringComparison.Ordinal))
            {
                ownTitles++;
            }
            else
            {
                problems.Add($"title of {target}: \"{source.Item.Title}\", the page's own is \"{title}\"");
            }
        }

        var full = article.Sources.Count(s => IsFull(s));
        return new ArticleScore(marked.Name, marked.Claims.Count, article.Claims.Count, correct, marked.Targets.Count, found.Count, extra.Count,
            withMetadata, ownTitles, full, article.Sources.Count, problems);
    }

    /// <summary>"Full" metadata: a title, an author, an issued date, and a container title or a publisher.</summary>
    public static bool IsFull(Source source)
        => source.Item.Title is not null && source.Item.Authors.Count > 0 && source.Item.Issued is not null
            && (source.Item.GetText("container-title") is not null || source.Item.GetText("publisher") is not null);

    /// <summary>The table of all articles, with totals, as plain text.</summary>
    public static string Table(IReadOnlyList<ArticleScore> scores, IReadOnlyDictionary<string, TimeSpan>? times = null)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"article",-28} {"claims m/x/ok",14} {"sources m/found/extra",22} {"titles ok/meta",15} {"full/x",7}{(times is null ? "" : "  time")}");
        foreach (var s in scores)
        {
            text.Append(CultureInfo.InvariantCulture, $"{s.Name,-28} {$"{s.MarkedClaims}/{s.ExtractedClaims}/{s.CorrectClaims}",14} {$"{s.MarkedSources}/{s.FoundSources}/{s.ExtraSources}",22} {$"{s.OwnTitles}/{s.SourcesWithMetadata}",15} {$"{s.FullItems}/{s.ExtractedSources}",7}");
            if (times is not null && times.TryGetValue(s.Name, out var time))
            {
                text.Append(CultureInfo.InvariantCulture, $"  {time.TotalMilliseconds,6:0} ms");
            }

            text.AppendLine();
            foreach (var problem in s.Problems)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    - {problem}");
            }
        }

        var t = Totals(scores);
        text.AppendLine(CultureInfo.InvariantCulture, $"{scores.Count} articles: claims marked {t.MarkedClaims}, extracted {t.ExtractedClaims}, correct {t.CorrectClaims}: recall {t.Recall:0.000}, precision {t.Precision:0.000}");
        text.AppendLine(CultureInfo.InvariantCulture, $"distinct targets marked {t.MarkedSources}, found {t.FoundSources}, extra sources {t.ExtraSources}; own title on {t.OwnTitles} of {t.SourcesWithMetadata} sources with metadata ({t.TitleShare:0.000}); full metadata (title, author, issued, container or publisher) on {t.FullItems} of {t.ExtractedSources} extracted sources");
        return text.ToString();
    }

    /// <summary>The corpus's totals.</summary>
    public static CorpusTotals Totals(IReadOnlyList<ArticleScore> scores) => new(
        scores.Sum(s => s.MarkedClaims), scores.Sum(s => s.ExtractedClaims), scores.Sum(s => s.CorrectClaims), scores.Sum(s => s.MarkedSources),
        scores.Sum(s => s.FoundSources), scores.Sum(s => s.ExtraSources), scores.Sum(s => s.SourcesWithMetadata), scores.Sum(s => s.OwnTitles),
        scores.Sum(s => s.FullItems), scores.Sum(s => s.ExtractedSources));

    private static string Plain(string text) => text.Replace('’', '\'').Replace('“', '"').Replace('”', '"').Replace('‘', '\'');

    private static string Shorten(string text) => text.Length <= 70 ? text : text[..70] + "…";
}

/// <summary>The corpus's totals and ratios.</summary>
internal sealed record CorpusTotals(int MarkedClaims, int ExtractedClaims, int CorrectClaims, int MarkedSources, int FoundSources, int ExtraSources,
    int SourcesWithMetadata, int OwnTitles, int FullItems, int ExtractedSources)
{
    public double Recall => MarkedClaims == 0 ? 0 : (double)CorrectClaims / MarkedClaims;

    public double Precision => ExtractedClaims == 0 ? 0 : (double)CorrectClaims / ExtractedClaims;

    public double TitleShare => SourcesWithMetadata == 0 ? 0 : (double)OwnTitles / SourcesWithMetadata;
}
