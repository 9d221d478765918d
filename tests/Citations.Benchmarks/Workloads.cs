using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Citations.Csl.Locales;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Reference;
using Citations.CslData;
using Citations.Serialization;

namespace Citations.Benchmarks;

/// <summary>
/// The inputs every benchmark uses, made the same way for our processor and for citeproc-js (files both read):
/// generated items (bench.js's generator), a variant of them built to collide (few surnames, shared initials, four
/// years: heavy disambiguation), an item with 500 authors, and generated citation documents. Files live in the
/// reference cache directory; each is written once.
/// </summary>
public sealed class Workloads
{
    /// <summary>The author-date style of the disambiguation document.</summary>
    public const string AuthorDateStyle = "apa";

    /// <summary>The note style of the ibid document.</summary>
    public const string NoteStyle = "chicago-notes-bibliography";

    private static readonly Lazy<Workloads> Shared = new(() => new Workloads(TextWriter.Null));

    private readonly CslLocaleProvider _locales;

    /// <summary>Finds the shared material and citeproc-js (installing it when needed).</summary>
    /// <param name="log">Where to report an installation.</param>
    public Workloads(TextWriter log)
    {
        Locations = SharedLocations.Find();
        Reference = CiteprocJs.Start(Locations, log);
        _locales = CslLocaleProvider.FromDirectory(Locations.LocalesDirectory);
    }

    /// <summary>One instance per process, for BenchmarkDotNet's setups.</summary>
    public static Workloads Instance => Shared.Value;

    /// <summary>The shared locations.</summary>
    public SharedLocations Locations { get; }

    /// <summary>The citeproc-js runner.</summary>
    public CiteprocJs Reference { get; }

    /// <summary>The path of a shared style by name (<c>apa</c>, <c>modern-language-association</c>...).</summary>
    /// <param name="name">The file name without extension.</param>
    public string StylePath(string name) => Path.Combine(Locations.StylesDirectory, name + ".csl");

    /// <summary>A processor for a shared style with the shared locales, using every core as the tool does (the
    /// library's default is one thread per call; the figures before that default changed were taken on every core).</summary>
    /// <param name="name">The style's file name without extension.</param>
    /// <param name="format">The output format; text when omitted.</param>
    public CslProcessor Processor(string name, CslOutputFormat? format = null)
        => CslProcessor.Create(Csl.Styles.CslStyle.Load(StylePath(name)), new CslProcessorOptions
        {
            Locales = _locales,
            Format = format ?? CslOutputFormat.Text,
            MaxDegreeOfParallelism = Environment.ProcessorCount,
        });

    /// <summary>The generated items file (bench.js --generate N --seed 1).</summary>
    /// <param name="count">How many items.</param>
    public string GeneratedItemsPath(int count) => Reference.GenerateItems(count, 1);

    /// <summary>Reads a CSL-JSON file with our reader.</summary>
    /// <param name="path">The file.</param>
    public static IReadOnlyList<CslItem> ReadItems(string path)
        => CslJson.ReadFile(path).Value ?? throw new InvalidDataException($"{path} could not be read as CSL-JSON.");

    /// <summary>
    /// The generated items rewritten to collide: surnames from a pool of eight, given names from a pool whose initials
    /// repeat ("John A." and "John B."), years 2016–2019 only, particles and suffixes dropped. In an author-date style
    /// nearly every cite then needs add-names, add-givenname or a year suffix.
    /// </summary>
    /// <param name="count">How many items.</param>
    public string CollidingItemsPath(int count)
    {
        var source = GeneratedItemsPath(count);
        var path = Path.Combine(Reference.CacheDirectory, $"colliding-{count}-{CiteprocJs.Digest([File.ReadAllBytes(source)])[..16]}.json");
        if (File.Exists(path))
        {
            return path;
        }

        string[] families = ["Smith", "Jones", "Garcia", "Chen", "Müller", "Kowalski", "Nguyen", "Okafor"];
        string[] givens = ["John A.", "John B.", "Jane", "James", "Maria", "Mark", "Anna", "Ann"];
        var random = new SeededRandom(20240611);
        var items = JsonNode.Parse(File.ReadAllText(source))!.AsArray();
        foreach (var item in items.OfType<JsonObject>())
        {
            foreach (var role in new[] { "author", "editor" })
            {
                if (item[role] is JsonArray names)
                {
                    for (var i = 0; i < names.Count; i++)
                    {
                        if (names[i] is JsonObject name && name["literal"] is null)
                        {
                            names[i] = new JsonObject { ["family"] = random.Pick(families), ["given"] = random.Pick(givens) };
                        }
                    }
                }
            }

            item["issued"] = new JsonObject { ["date-parts"] = new JsonArray(new JsonArray(2016 + random.Next(4))) };
        }

        WriteItems(path, items);
        return path;
    }

    /// <summary>An items file holding one journal article with 500 personal authors.</summary>
    public string ManyAuthorsPath()
    {
        var path = Path.Combine(Reference.CacheDirectory, "many-authors-500-v1.json");
        if (File.Exists(path))
        {
            return path;
        }

        string[] starts = ["Ab", "Bel", "Car", "Dal", "Es", "Fon", "Gal", "Hur", "Ib", "Jan", "Kal", "Lor", "Mar", "Nov", "Or", "Pet", "Quin", "Ros", "Sal", "Tor"];
        string[] ends = ["bott", "ler", "vin", "sen", "ova", "tana", "lardo", "ley", "sen", "ssen", "man", "enz", "tinez", "ak", "tiz", "rov", "n", "si", "azar", "res"];
        string[] givens = ["B. P.", "Anna", "José", "Mei", "Olusegun", "Katarzyna", "Hiroshi", "Łukasz", "Émilie", "Sven"];
        var random = new SeededRandom(500);
        var authors = new JsonArray();
        for (var i = 0; i < 500; i++)
        {
            authors.Add(new JsonObject { ["family"] = random.Pick(starts) + random.Pick(ends), ["given"] = random.Pick(givens) });
        }

        var item = new JsonObject
        {
            ["id"] = "MANY-AUTHORS",
            ["type"] = "article-journal",
            ["title"] = "Observation of gravitational waves from a binary black hole merger",
            ["container-title"] = "Physical Review Letters",
            ["volume"] = "116",
            ["issue"] = "6",
            ["page"] = "061102",
            ["DOI"] = "10.1103/PhysRevLett.116.061102",
            ["issued"] = new JsonObject { ["date-parts"] = new JsonArray(new JsonArray(2016, 2, 11)) },
            ["author"] = authors,
        };
        WriteItems(path, new JsonArray(item));
        return path;
    }

    /// <summary>The generated citation document over an items file, written as render.js reads it.</summary>
    /// <param name="itemsPath">The items.</param>
    /// <param name="clusters">How many clusters.</param>
    public (string Path, CitationDocument Document) DocumentFor(string itemsPath, int clusters)
    {
        var ids = ReadItems(itemsPath).Select(i => i.Id.Text).ToList();
        var document = CitationDocument.Generate(ids, clusters, seed: 1);
        var json = document.ToRenderJson();
        var path = Path.Combine(Reference.CacheDirectory, $"document-{CiteprocJs.Digest([Encoding.UTF8.GetBytes(json)])[..16]}.json");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, json);
        }

        return (path, document);
    }

    /// <summary>The edit the benchmarks make: the middle cluster replaced by a two-cite cluster with a locator.</summary>
    /// <param name="document">The document.</param>
    public (int Index, IReadOnlyList<GeneratedCite> Cluster, string Path) EditFor(CitationDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var index = document.Clusters.Count / 2;
        var original = document.Clusters[index];
        var other = document.Clusters[(index + 7) % document.Clusters.Count][0].Id;
        IReadOnlyList<GeneratedCite> cluster = other == original[0].Id
            ? [original[0] with { Locator = "99", Label = "page" }]
            : [original[0] with { Locator = "99", Label = "page" }, new GeneratedCite(other)];
        var json = CitationDocument.ClusterToJson(cluster);
        var path = Path.Combine(Reference.CacheDirectory, $"edit-{CiteprocJs.Digest([Encoding.UTF8.GetBytes(json)])[..16]}.json");
        File.WriteAllText(path, json);
        return (index, cluster, path);
    }

    private static void WriteItems(string path, JsonArray items)
    {
        var sb = new StringBuilder("[\n");
        for (var i = 0; i < items.Count; i++)
        {
            sb.Append(items[i]!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            sb.Append(i + 1 < items.Count ? ",\n" : "\n");
        }

        var temp = path + string.Create(CultureInfo.InvariantCulture, $".{Environment.ProcessId}.tmp");
        File.WriteAllText(temp, sb.Append("]\n").ToString(), new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
