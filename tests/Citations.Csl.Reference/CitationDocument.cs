using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Citations.Csl.Processing;

namespace Citations.Csl.Reference;

/// <summary>One generated cite: an item id and what the writer added to it.</summary>
/// <param name="Id">The cited item's id.</param>
public sealed record GeneratedCite(string Id)
{
    /// <summary>A locator ("23", "12-15").</summary>
    public string? Locator { get; init; }

    /// <summary>The locator's label (<c>page</c>, <c>chapter</c>, …); <see langword="null"/> leaves the default.</summary>
    public string? Label { get; init; }

    /// <summary>Text before the cite.</summary>
    public string? Prefix { get; init; }

    /// <summary>Text after the cite.</summary>
    public string? Suffix { get; init; }

    /// <summary>Leave the author out.</summary>
    public bool SuppressAuthor { get; init; }

    /// <summary>Only the author.</summary>
    public bool AuthorOnly { get; init; }
}

/// <summary>
/// A synthetic document: a sequence of citation clusters over a set of items, as a writer would produce them — mostly
/// single cites, some clusters of two to six, many repeated cites (the same item again straight away, giving ibid; soon
/// after, giving near-note and subsequent; much later), locators with labels, prefixes and suffixes, suppressed authors
/// and a few author-only cites. Deterministic for a given item list, cluster count and seed. Cluster <c>i</c> (0-based)
/// is in note <c>i + 1</c>, as render.js numbers them.
/// </summary>
public sealed class CitationDocument
{
    private static readonly string[] Labels =
    [
        "page", "page", "page", "page", "page", "page", "page", "page", "page", "page", "page", "page",
        "chapter", "chapter", "section", "section", "figure", "paragraph", "volume", "line", "note", "verse",
        "book", "part", "column", "issue", "sub-verbo", "opus", "folio",
    ];

    private static readonly string[] Prefixes = ["see ", "cf. ", "e.g., ", "see also ", "as discussed in ", "compare "];

    private static readonly string[] Suffixes = [", emphasis added", " (discussing methods)", "; and passim", ", n. 4", " (translation ours)", ", at length"];

    private CitationDocument(IReadOnlyList<IReadOnlyList<GeneratedCite>> clusters, int seed)
    {
        Clusters = clusters;
        Seed = seed;
    }

    /// <summary>The clusters, in document order.</summary>
    public IReadOnlyList<IReadOnlyList<GeneratedCite>> Clusters { get; }

    /// <summary>The seed the document was generated with.</summary>
    public int Seed { get; }

    /// <summary>How many cites the document holds.</summary>
    public int CiteCount => Clusters.Sum(c => c.Count);

    /// <summary>Generates a document.</summary>
    /// <param name="itemIds">The ids of the items that may be cited (in a fixed order).</param>
    /// <param name="clusterCount">How many clusters.</param>
    /// <param name="seed">The seed.</param>
    public static CitationDocument Generate(IReadOnlyList<string> itemIds, int clusterCount, int seed)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentOutOfRangeException.ThrowIfZero(itemIds.Count);
        var random = new SeededRandom((ulong)seed * 0x2545F4914F6CDD1DUL + 17);
        var cited = new List<string>();
        var citedSet = new HashSet<string>(StringComparer.Ordinal);
        var clusters = new List<IReadOnlyList<GeneratedCite>>(clusterCount);
        for (var c = 0; c < clusterCount; c++)
        {
            var size = ClusterSize(random);
            var ids = new List<string>(size);
            for (var attempt = 0; ids.Count < size && attempt < size * 10; attempt++)
            {
                var id = ChooseItem(random, itemIds, cited, clusters, ids.Count == 0);
                if (!ids.Contains(id, StringComparer.Ordinal))
                {
                    ids.Add(id);
                }
            }

            var cites = ids.Select(id => Decorate(random, id, single: ids.Count == 1)).ToList();
            foreach (var id in ids.Where(citedSet.Add))
            {
                cited.Add(id);
            }

            clusters.Add(cites);
        }

        return new CitationDocument(clusters, seed);
    }

    /// <summary>The document as render.js reads it: an array of citations, each an array of cite objects.</summary>
    public string ToRenderJson()
    {
        var root = new JsonArray();
        foreach (var cluster in Clusters)
        {
            root.Add(ClusterNode(cluster));
        }

        return root.ToJsonString() + "\n";
    }

    /// <summary>One cluster as render.js reads it: an array of cite objects.</summary>
    /// <param name="cluster">The cluster.</param>
    public static string ClusterToJson(IReadOnlyList<GeneratedCite> cluster) => ClusterNode(cluster).ToJsonString();

    private static JsonArray ClusterNode(IReadOnlyList<GeneratedCite> cluster)
    {
        var array = new JsonArray();
        foreach (var cite in cluster)
        {
            var o = new JsonObject { ["id"] = cite.Id };
            if (cite.Locator is not null)
            {
                o["locator"] = cite.Locator;
            }

            if (cite.Label is not null)
            {
                o["label"] = cite.Label;
            }

            if (cite.Prefix is not null)
            {
                o["prefix"] = cite.Prefix;
            }

            if (cite.Suffix is not null)
            {
                o["suffix"] = cite.Suffix;
            }

            if (cite.SuppressAuthor)
            {
                o["suppress-author"] = true;
            }

            if (cite.AuthorOnly)
            {
                o["author-only"] = true;
            }

            array.Add(o);
        }

        return array;
    }

    /// <summary>Reads a document written by <see cref="ToRenderJson"/> (render.js's citations format).</summary>
    /// <param name="json">The JSON text: an array of citations, each an array of cite objects.</param>
    /// <exception cref="JsonException">The text is not in that shape.</exception>
    public static CitationDocument FromRenderJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("A citations file is a JSON array of citations.");
        }

        return new CitationDocument([.. document.RootElement.EnumerateArray().Select(ReadCluster)], seed: -1);
    }

    /// <summary>Reads one cluster: a JSON array of cite objects.</summary>
    /// <param name="cluster">The array.</param>
    /// <exception cref="JsonException">The element is not in that shape.</exception>
    public static IReadOnlyList<GeneratedCite> ReadCluster(JsonElement cluster)
    {
        if (cluster.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("A citation is a JSON array of cite objects.");
        }

        return [.. cluster.EnumerateArray().Select(cite => new GeneratedCite(ReadString(cite, "id") ?? throw new JsonException("A cite needs an \"id\"."))
        {
            Locator = ReadString(cite, "locator"),
            Label = ReadString(cite, "label"),
            Prefix = ReadString(cite, "prefix"),
            Suffix = ReadString(cite, "suffix"),
            SuppressAuthor = cite.TryGetProperty("suppress-author", out var s) && s.ValueKind == JsonValueKind.True,
            AuthorOnly = cite.TryGetProperty("author-only", out var a) && a.ValueKind == JsonValueKind.True,
        })];
    }

    /// <summary>The document as our processor takes it; note numbers are 1, 2, 3, … as in render.js.</summary>
    public IReadOnlyList<CslCitation> ToCslCitations()
        => [.. Clusters.Select((cluster, i) => new CslCitation([.. cluster.Select(ToCslCite)]) { NoteNumber = i + 1 })];

    /// <summary>The document with cluster <paramref name="index"/> replaced: the edit the benchmarks time.</summary>
    /// <param name="index">The cluster to replace.</param>
    /// <param name="replacement">Its new cites.</param>
    public CitationDocument WithCluster(int index, IReadOnlyList<GeneratedCite> replacement)
    {
        var clusters = Clusters.ToList();
        clusters[index] = replacement;
        return new CitationDocument(clusters, Seed);
    }

    /// <summary>Counts of what the document mixes, for reports.</summary>
    public string Describe()
    {
        var cites = Clusters.SelectMany(c => c).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var repeats = cites.Count(c => !seen.Add(c.Id));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Clusters.Count} clusters, {cites.Count} cites ({Clusters.Count(c => c.Count > 1)} multi-cite clusters), {seen.Count} distinct items, " +
            $"{repeats} repeated cites, {cites.Count(c => c.Locator is not null)} locators ({cites.Count(c => c.Locator is not null && c.Label is null)} without label), " +
            $"{cites.Count(c => c.Prefix is not null)} prefixes, {cites.Count(c => c.Suffix is not null)} suffixes, " +
            $"{cites.Count(c => c.SuppressAuthor)} suppress-author, {cites.Count(c => c.AuthorOnly)} author-only (seed {Seed})");
    }

    private static string? ReadString(JsonElement o, string name)
        => o.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    /// <summary>Our processor's cite for a generated one.</summary>
    /// <param name="cite">The generated cite.</param>
    public static CslCite ToCslCite(GeneratedCite cite) => new(cite.Id)
    {
        Locator = cite.Locator,
        Label = cite.Label,
        Prefix = cite.Prefix,
        Suffix = cite.Suffix,
        SuppressAuthor = cite.SuppressAuthor,
        AuthorOnly = cite.AuthorOnly,
    };

    private static int ClusterSize(SeededRandom random)
    {
        var r = random.NextDouble();
        return r < 0.55 ? 1 : r < 0.80 ? 2 : r < 0.92 ? 3 : r < 0.97 ? 4 : random.Between(5, 6);
    }

    private static string ChooseItem(SeededRandom random, IReadOnlyList<string> itemIds, List<string> cited, List<IReadOnlyList<GeneratedCite>> clusters, bool first)
    {
        var r = random.NextDouble();
        if (first && clusters.Count > 0 && r < 0.18)
        {
            // The item the previous note ended with: ibid, or ibid-with-locator.
            return clusters[^1][^1].Id;
        }

        if (cited.Count > 0 && r < 0.42)
        {
            // One of the last thirty items cited: near-note and subsequent positions.
            return cited[cited.Count - 1 - random.Next(Math.Min(30, cited.Count))];
        }

        if (cited.Count > 0 && r < 0.55)
        {
            return random.Pick(cited);
        }

        return random.Pick(itemIds);
    }

    private static GeneratedCite Decorate(SeededRandom random, string id, bool single)
    {
        string? locator = null, label = null;
        if (random.Chance(0.45))
        {
            label = random.Pick(Labels);
            locator = Locator(random, label);
            if (random.Chance(0.08))
            {
                label = null;
            }
        }

        var suppress = random.Chance(0.08);
        return new GeneratedCite(id)
        {
            Locator = locator,
            Label = label,
            Prefix = random.Chance(0.10) ? random.Pick(Prefixes) : null,
            Suffix = random.Chance(0.08) ? random.Pick(Suffixes) : null,
            SuppressAuthor = suppress,
            AuthorOnly = single && !suppress && random.Chance(0.03),
        };
    }

    private static string Locator(SeededRandom random, string label)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (label)
        {
            case "page":
                var start = random.Between(1, 480);
                return random.Next(10) switch
                {
                    < 5 => start.ToString(inv),
                    < 7 => string.Create(inv, $"{start}-{start + random.Between(1, 25)}"),
                    7 => string.Create(inv, $"{start}–{start + random.Between(1, 9)}"),
                    8 => string.Create(inv, $"{start}, {start + random.Between(2, 40)}"),
                    _ => random.Pick(["iv", "ix", "xii", "xiv-xvi"]),
                };
            case "section":
                return string.Create(inv, $"{random.Between(1, 12)}.{random.Between(1, 9)}");
            case "sub-verbo":
                return random.Pick(["Chicago", "liberty", "habeas corpus"]);
            case "verse":
            case "line":
                return string.Create(inv, $"{random.Between(1, 40)}-{random.Between(41, 90)}");
            default:
                return random.Between(1, 30).ToString(inv);
        }
    }
}
