using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using Citations.CslData;

namespace Citations.Links.Articles;

/// <summary>What a page says about itself, and which vocabularies said it.</summary>
/// <param name="Title">The page's own title (metadata first, then <c>&lt;title&gt;</c>), or <see langword="null"/>.</param>
/// <param name="Type">The CSL type the metadata implies.</param>
/// <param name="SchemaType">The schema.org <c>@type</c> of its JSON-LD, or <see langword="null"/>.</param>
/// <param name="Section">The section it says it belongs to (<c>article:section</c>, <c>articleSection</c>), or <see langword="null"/>.</param>
/// <param name="Vocabularies">The vocabularies found: <c>highwire</c>, <c>dublin-core</c>, <c>opengraph</c>, <c>json-ld</c>.</param>
internal sealed record PageFacts(string? Title, string Type, string? SchemaType, string? Section, IReadOnlyList<string> Vocabularies)
{
    /// <summary>Whether the page had any embedded bibliographic metadata (not just a <c>&lt;title&gt;</c>).</summary>
    public bool HasMetadata => Vocabularies.Count > 0;
}

/// <summary>
/// Reads a page's embedded bibliographic metadata into a CSL item, the way Zotero's embedded-metadata translator does:
/// Highwire Press <c>citation_*</c> tags first (what scholarly publishers write for indexers), then schema.org JSON-LD,
/// then Dublin Core (<c>DC.*</c>, <c>dcterms.*</c>), then OpenGraph (<c>og:*</c>, <c>article:*</c>), then the HTML
/// <c>&lt;title&gt;</c> and <c>author</c> meta tag. Each variable comes from the first vocabulary that has it.
/// </summary>
internal static class PageMetadata
{
    // Words that make a name an organisation's (compared case-insensitively, whole words).
    private static readonly FrozenSet<string> OrganisationWords = new[]
    {
        "of", "for", "and", "the", "&", "institute", "institution", "agency", "office", "council", "federation", "association",
        "department", "ministry", "university", "college", "center", "centre", "court", "team", "desk", "committee", "bureau",
        "commission", "foundation", "society", "organization", "organisation", "service", "services", "statistics", "board",
        "authority", "government", "administration", "network", "group", "press", "project", "programme", "program",
        "laboratory", "library", "museum", "union", "coalition", "alliance", "trust", "fund", "company", "inc", "ltd", "llc",
        "corporation", "staff", "editors", "editorial", "newsroom", "reporters",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] JsonLdTypes =
        ["ScholarlyArticle", "NewsArticle", "Article", "BlogPosting", "Report", "Dataset", "WebPage", "Book", "Chapter", "Thesis", "OpinionNewsArticle", "AnalysisNewsArticle", "GovernmentService", "Legislation"];

    /// <summary>Reads the item for a page.</summary>
    /// <param name="document">The parsed page.</param>
    /// <param name="id">The item's id.</param>
    /// <param name="url">The page's address (the item's <c>URL</c> when the page names no canonical one).</param>
    /// <param name="accessed">When the page was read.</param>
    public static (CslItem Item, PageFacts Facts) Read(IDocument document, string id, Uri? url, DateTimeOffset? accessed)
    {
        var meta = MetaTags(document);
        var jsonLd = JsonLdObject(document);
        var vocabularies = new List<string>();
        if (meta.Keys.Any(k => k.StartsWith("citation_", StringComparison.Ordinal)))
        {
            vocabularies.Add("highwire");
        }

        if (jsonLd is not null)
        {
            vocabularies.Add("json-ld");
        }

        if (meta.Keys.Any(k => k.StartsWith("dc.", StringComparison.Ordinal) || k.StartsWith("dcterms.", StringComparison.Ordinal)))
        {
            vocabularies.Add("dublin-core");
        }

        if (meta.Keys.Any(k => k.StartsWith("og:", StringComparison.Ordinal)))
        {
            vocabularies.Add("opengraph");
        }

        string? First(params string[] keys) => keys.Select(k => meta.TryGetValue(k, out var v) ? v[0] : null).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        IReadOnlyList<string> All(string key) => meta.TryGetValue(key, out var v) ? v : [];

        var schemaType = jsonLd is { } ld ? TypeOf(ld) : null;
        var title = First("citation_title") ?? JsonText(jsonLd, "headline") ?? JsonText(jsonLd, "name")
            ?? First("dc.title", "dcterms.title", "og:title", "twitter:title") ?? Clean(document.Title);
        var container = First("citation_journal_title", "citation_conference_title") ?? JsonText(jsonLd, "isPartOf", "name") ?? First("og:site_name");
        var publisher = First("citation_publisher", "dc.publisher", "dcterms.publisher") ?? JsonText(jsonLd, "publisher", "name");
        var date = First("citation_publication_date", "citation_date", "citation_online_date") ?? JsonText(jsonLd, "datePublished")
            ?? First("dc.date", "dcterms.date", "dcterms.issued", "article:published_time", "date");
        var doi = First("citation_doi", "dc.identifier.doi") ?? DoiIn(First("dc.identifier", "dcterms.identifier"));
        var canonical = First("citation_public_url", "citation_abstract_html_url", "og:url") ?? document.QuerySelector("link[rel=canonical]")?.GetAttribute("href");
        var section = First("article:section") ?? JsonText(jsonLd, "articleSection");

        var authors = All("citation_author").Select(Name).ToList();
        if (authors.Count == 0 && jsonLd is { } withAuthors)
        {
            authors = JsonAuthors(withAuthors).ToList();
        }

        if (authors.Count == 0)
        {
            authors = (All("dc.creator").Count > 0 ? All("dc.creator") : All("dcterms.creator")).Select(Name).ToList();
        }

        if (authors.Count == 0 && First("author", "article:author") is { } author && !author.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            authors = [Name(author)];
        }

        var type = CslType(meta, schemaType, First("og:type"));
        var builder = new CslItemBuilder(id, type);
        builder.Set(CslVariables.Title, Scalar(title));
        builder.Set(CslVariables.ContainerTitle, Scalar(container));
        builder.Set(CslVariables.Publisher, Scalar(publisher));
        builder.Set(CslVariables.Doi, Scalar(doi));
        builder.Set(CslVariables.Url, Scalar(AbsoluteOr(canonical, url)));
        builder.Set(CslVariables.Volume, Scalar(First("citation_volume")));
        builder.Set(CslVariables.Issue, Scalar(First("citation_issue")));
        if (First("citation_firstpage") is { } first)
        {
            builder.Set(CslVariables.Page, First("citation_lastpage") is { } last ? $"{first}-{last}" : first);
        }

        builder.SetNames(CslVariables.Author, authors.Count == 0 ? null : authors);
        builder.SetDate(CslVariables.Issued, Date(date));
        builder.SetDate(CslVariables.Accessed, accessed is { } when ? CslDate.FromParts(when.Year, when.Month, when.Day) : null);
        return (builder.Build(), new PageFacts(title, type, schemaType, section, vocabularies));
    }

    /// <summary>Every <c>&lt;meta name|property&gt;</c> by lower-cased key, values in order.</summary>
    private static Dictionary<string, List<string>> MetaTags(IDocument document)
    {
        var tags = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var meta in document.QuerySelectorAll("meta"))
        {
            var key = (meta.GetAttribute("name") ?? meta.GetAttribute("property"))?.Trim().ToLowerInvariant();
            var content = Clean(meta.GetAttribute("content"));
            if (string.IsNullOrEmpty(key) || content is null)
            {
                continue;
            }

            if (!tags.TryGetValue(key, out var values))
            {
                tags[key] = values = [];
            }

            values.Add(content);
        }

        return tags;
    }

    /// <summary>The first JSON-LD object (top level or in an <c>@graph</c>) of a creative-work type; bad JSON is skipped.</summary>
    private static JsonElement? JsonLdObject(IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            JsonDocument parsed;
            try
            {
                parsed = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { MaxDepth = 32, AllowTrailingCommas = true });
            }
            catch (JsonException)
            {
                continue;
            }

            foreach (var candidate in Candidates(parsed.RootElement))
            {
                if (TypeOf(candidate) is { } type && JsonLdTypes.Contains(type, StringComparer.Ordinal))
                {
                    return candidate.Clone();
                }
            }
        }

        return null;
    }

    private static IEnumerable<JsonElement> Candidates(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in root.EnumerateArray())
            {
                yield return element;
            }
        }
        else if (root.ValueKind == JsonValueKind.Object)
        {
            yield return root;
            if (root.TryGetProperty("@graph", out var graph) && graph.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in graph.EnumerateArray())
                {
                    yield return element;
                }
            }
        }
    }

    private static string? TypeOf(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("@type", out var type))
        {
            return null;
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => type.GetString(),
            JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()).FirstOrDefault(),
            _ => null,
        };
    }

    /// <summary>A string at a path of properties; an object on the way may be the first element of an array.</summary>
    private static string? JsonText(JsonElement? element, params string[] path)
    {
        if (element is not { } current)
        {
            return null;
        }

        foreach (var name in path)
        {
            if (current.ValueKind == JsonValueKind.Array && current.GetArrayLength() > 0)
            {
                current = current[0];
            }

            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        if (current.ValueKind == JsonValueKind.Array && current.GetArrayLength() > 0)
        {
            current = current[0];
        }

        return current.ValueKind == JsonValueKind.String ? Clean(current.GetString()) : null;
    }

    private static IEnumerable<CslName> JsonAuthors(JsonElement item)
    {
        if (!item.TryGetProperty("author", out var author))
        {
            yield break;
        }

        var list = author.ValueKind == JsonValueKind.Array ? author.EnumerateArray().ToList() : [author];
        foreach (var one in list)
        {
            var name = one.ValueKind == JsonValueKind.String ? Clean(one.GetString()) : JsonText(one, "name");
            if (name is null)
            {
                continue;
            }

            yield return one.ValueKind == JsonValueKind.Object && TypeOf(one) is "Organization" or "GovernmentOrganization"
                ? CslName.Institution(name)
                : Name(name);
        }
    }

    /// <summary>
    /// A name as a page writes it: an organisation (one word; a word such as "Agency", "Council", "Institute" or
    /// "Desk"; a linking word such as "of", "for" or "and"; or more than four words) is a literal, as
    /// <c>citation_author</c> and <c>DC.creator</c> often name one; otherwise a person, "Family, Given" or "Given Family".
    /// </summary>
    private static CslName Name(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 4 || words.Any(w => OrganisationWords.Contains(w.Trim(',', '.', '(', ')'))))
        {
            return CslName.Institution(text);
        }

        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0)
        {
            return CslName.Person(text[..comma].Trim(), text[(comma + 1)..].Trim() is { Length: > 0 } given ? given : null);
        }

        var space = text.LastIndexOf(' ');
        return space > 0 ? CslName.Person(text[(space + 1)..], text[..space]) : CslName.Institution(text);
    }

    private static string CslType(Dictionary<string, List<string>> meta, string? schemaType, string? ogType)
    {
        if (meta.ContainsKey("citation_journal_title"))
        {
            return CslItemTypes.ArticleJournal;
        }

        if (meta.ContainsKey("citation_technical_report_institution") || meta.ContainsKey("citation_technical_report_number"))
        {
            return CslItemTypes.Report;
        }

        if (meta.ContainsKey("citation_dissertation_institution"))
        {
            return "thesis";
        }

        return schemaType switch
        {
            "ScholarlyArticle" => CslItemTypes.ArticleJournal,
            "NewsArticle" or "OpinionNewsArticle" or "AnalysisNewsArticle" => CslItemTypes.ArticleNewspaper,
            "Report" => CslItemTypes.Report,
            "Dataset" => CslItemTypes.Dataset,
            "Book" => CslItemTypes.Book,
            "Chapter" => CslItemTypes.Chapter,
            "Thesis" => "thesis",
            "Legislation" => "legislation",
            "BlogPosting" => "post-weblog",
            _ => ogType == "article" ? CslItemTypes.Article : CslItemTypes.Webpage,
        };
    }

    private static CslDate? Date(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment) && trimmed.Length >= 8)
        {
            return CslDate.FromParts(moment.Year, moment.Month, moment.Day);
        }

        var parts = trimmed.Split('/', '-');
        if (parts.Length is >= 1 and <= 3 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var numbers = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            if (numbers[0] is >= 1000 and <= 2999)
            {
                return CslDate.FromParts(numbers[0], numbers.Length > 1 && numbers[1] is >= 1 and <= 12 ? numbers[1] : null,
                    numbers.Length > 2 && numbers[1] is >= 1 and <= 12 && numbers[2] is >= 1 and <= 31 ? numbers[2] : null);
            }
        }

        return CslDate.FromLiteral(trimmed);
    }

    /// <summary>A string value, or <see langword="null"/> (the variable left out).</summary>
    internal static CslScalar? Scalar(string? text) => text is null ? default(CslScalar?) : CslScalar.FromString(text);

    private static string? DoiIn(string? identifier)
    {
        if (identifier is null)
        {
            return null;
        }

        var at = identifier.IndexOf("10.", StringComparison.Ordinal);
        return at >= 0 && identifier.IndexOf('/', at) > at ? identifier[at..].Trim() : null;
    }

    private static string? AbsoluteOr(string? candidate, Uri? url)
    {
        if (candidate is not null && (url is null ? Uri.TryCreate(candidate, UriKind.Absolute, out var absolute) : Uri.TryCreate(url, candidate, out absolute))
            && absolute.Scheme is "http" or "https")
        {
            return absolute.AbsoluteUri;
        }

        return url?.AbsoluteUri;
    }

    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
