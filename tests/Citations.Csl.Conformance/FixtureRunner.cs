using System.Text.Json;
using Citations.Csl.Locales;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.CslData;
using Citations.Serialization;

namespace Citations.Csl.Conformance;

/// <summary>The outcome of running one fixture.</summary>
public sealed record FixtureOutcome(string Name, string Family, bool Passed, bool Skipped, string Expected, string? Actual, string? Error);

/// <summary>
/// Runs fixtures of the CSL test suite through the public API (<see cref="CslProcessor"/>, <see cref="CslDocument"/>)
/// and compares the output with the fixture's RESULT exactly. The official runner drives citeproc-js; each of its
/// operations maps onto a public one:
/// <list type="bullet">
/// <item>CITATION-ITEMS (<c>makeCitationCluster</c> with every item registered): <see cref="CslProcessor.FormatCitations"/>,
/// each cluster on its own, positions only where a cite gives one;</item>
/// <item>CITATIONS (<c>processCitationCluster</c>): edits of a <see cref="CslDocument"/> (see <see cref="DocumentReplay"/>);</item>
/// <item>neither: one citation of every item in bibliography order, and <see cref="CslProcessor.FormatBibliography"/>.</item>
/// </list>
/// </summary>
public sealed class FixtureRunner
{
    /// <summary>The submodes the official runner knows that choose an output format (the rest are not supported).</summary>
    private static readonly HashSet<string> SupportedSubmodes = new(StringComparer.Ordinal) { "rtf", "plain" };

    /// <summary>Sections that drive citeproc-js operations the public API has no counterpart for.</summary>
    private static readonly string[] UnsupportedSections = ["BIBENTRIES", "BIBSECTION"];

    private readonly CslLocaleProvider _locales;

    public FixtureRunner(string cslDirectory)
    {
        _locales = CslLocaleProvider.FromDirectory(Path.Combine(cslDirectory, "locales"));
        FixturesDirectory = Path.Combine(cslDirectory, "test-suite", "processor-tests", "humans");
    }

    public string FixturesDirectory { get; }

    public IEnumerable<string> FixtureFiles() => Directory.EnumerateFiles(FixturesDirectory, "*.txt").Order(StringComparer.Ordinal);

    public FixtureOutcome Run(string path)
    {
        var fixture = Fixture.Load(path);
        var expected = fixture.Result ?? string.Empty;
        var skip = SkipReason(fixture);
        if (skip is not null)
        {
            return new FixtureOutcome(fixture.Name, fixture.Family, false, true, expected, null, skip);
        }

        try
        {
            var actual = Execute(fixture).Replace("\r\n", "\n", StringComparison.Ordinal);
            return new FixtureOutcome(fixture.Name, fixture.Family, actual == expected, false, expected, actual, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new FixtureOutcome(fixture.Name, fixture.Family, false, false, expected, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static string? SkipReason(Fixture fixture)
    {
        if (fixture.ParseErrors.Count > 0)
        {
            return "unparseable fixture (" + fixture.ParseErrors[0] + ")";
        }

        foreach (var required in new[] { "MODE", "CSL", "INPUT", "RESULT" })
        {
            if (!fixture.Sections.ContainsKey(required))
            {
                return "missing section " + required;
            }
        }

        if (UnsupportedSections.FirstOrDefault(fixture.Sections.ContainsKey) is { } section)
        {
            return $"unsupported section {section}";
        }

        var parts = fixture.Mode.Split('-');
        if (parts[0] is not ("citation" or "bibliography"))
        {
            return $"unsupported mode \"{parts[0]}\"";
        }

        return parts.Skip(1).FirstOrDefault(p => !SupportedSubmodes.Contains(p)) is { } sub ? $"unsupported submode \"{sub}\"" : null;
    }

    private string Execute(Fixture fixture)
    {
        var modeParts = fixture.Mode.Split('-');
        var bibliographyMode = modeParts[0] == "bibliography";
        var sub = modeParts.Skip(1).ToHashSet(StringComparer.Ordinal);
        var format = sub.Contains("rtf") ? CslOutputFormat.Rtf : sub.Contains("plain") ? CslOutputFormat.Text : CslOutputFormat.Html;

        var style = CslStyle.Parse(fixture.Csl!, fixture.Name + ".csl");
        var processor = CslProcessor.Create(style, new CslProcessorOptions { Locales = _locales, Format = format });
        var items = ReadItems(fixture.Input!, fixture.Name);

        CslBibliography? bibliography;
        string citations;
        if (fixture.Sections.TryGetValue("CITATION-ITEMS", out var citationItems))
        {
            var clusters = JsonDocument.Parse(citationItems).RootElement.EnumerateArray()
                .Select(cluster => new CslCitation(cluster.EnumerateArray().Select(ParseCite).ToList()))
                .ToList();
            var result = processor.FormatCitations(items, clusters, bibliographyMode);
            citations = string.Join('\n', result.Citations);
            bibliography = result.Bibliography;
        }
        else if (fixture.Sections.TryGetValue("CITATIONS", out var calls))
        {
            var replay = new DocumentReplay(processor.CreateDocument(items));
            replay.Apply(JsonDocument.Parse(calls).RootElement);
            citations = string.Join('\n', replay.Lines());
            bibliography = bibliographyMode && style.HasBibliography ? replay.Document.FormatBibliography() : null;
        }
        else
        {
            // citeproc-js's runner cites every item at once, in the order its registry holds them (the bibliography's).
            bibliography = processor.FormatBibliography(items);
            var order = bibliography.Entries.Select(e => e.Id).ToList();
            var listed = order.ToHashSet(StringComparer.Ordinal);
            order.AddRange(items.Select(i => i.Id.Text).Where(id => !listed.Contains(id)));
            citations = bibliographyMode ? string.Empty : processor.FormatCitations(items, [new CslCitation(order.Select(id => new CslCite(id)).ToList())]).Citations[0];
        }

        if (!bibliographyMode)
        {
            return citations;
        }

        return format.BibliographyStart + string.Concat(bibliography?.Entries.Select(e => e.Text) ?? []) + format.BibliographyEnd;
    }

    /// <summary>
    /// Reads the fixture's items as the citeproc-js runner's item store does: an item without an id is stored under
    /// "undefined", and of two items with the same id the later one wins.
    /// </summary>
    private static List<CslItem> ReadItems(string json, string name)
    {
        var array = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsArray();
        var byId = new Dictionary<string, System.Text.Json.Nodes.JsonNode>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var node in array)
        {
            var obj = node!.AsObject();
            if (!obj.ContainsKey("id"))
            {
                obj["id"] = "undefined";
            }

            var id = obj["id"]!.GetValueKind() == JsonValueKind.String ? obj["id"]!.GetValue<string>() : obj["id"]!.ToJsonString();
            if (!byId.ContainsKey(id))
            {
                order.Add(id);
            }

            byId[id] = obj;
        }

        var fixedJson = new System.Text.Json.Nodes.JsonArray(order.Select(id => byId[id].DeepClone()).ToArray()).ToJsonString();
        return CslJson.Read(fixedJson, name).GetValueOrThrow().ToList();
    }

    /// <summary>citeproc-js's position numbers: 0 first, 1 subsequent, 2 ibid, 3 ibid-with-locator.</summary>
    private static CslPosition PositionOf(int number) => number switch
    {
        0 => CslPosition.First,
        2 => CslPosition.Ibid,
        3 => CslPosition.IbidWithLocator,
        _ => CslPosition.Subsequent,
    };

    internal static string IdOf(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();

    internal static CslCite ParseCite(JsonElement e)
    {
        string? Text(string name) => e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind is JsonValueKind.Number ? v.GetRawText() : null : null;
        bool Flag(string name) => e.TryGetProperty(name, out var v) && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.Number && v.GetRawText() != "0") || (v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s && s != "false"));
        return new CslCite(IdOf(e.GetProperty("id")))
        {
            Locator = Text("locator"),
            Label = Text("label"),
            Prefix = Text("prefix"),
            Suffix = Text("suffix"),
            SuppressAuthor = Flag("suppress-author"),
            AuthorOnly = Flag("author-only"),
            Position = e.TryGetProperty("position", out var p) && p.ValueKind == JsonValueKind.Number ? PositionOf(p.GetInt32()) : null,
            NearNote = e.TryGetProperty("near-note", out var nn) && nn.ValueKind == JsonValueKind.True,
        };
    }
}
