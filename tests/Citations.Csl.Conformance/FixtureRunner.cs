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
/// Runs fixtures of the CSL test suite through the processor the way the official citeproc-js runner drives
/// citeproc-js, and compares the output with the fixture's RESULT exactly.
/// </summary>
public sealed class FixtureRunner
{
    private static readonly HashSet<string> SupportedSubmodes = new(StringComparer.Ordinal)
    {
        "rtf", "plain", "asciidoc", "xslfo", "nosort", "header", "suppress_trailing_punctuation", "nojuris",
    };

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
        var mode = modeParts[0];
        var sub = modeParts.Skip(1).ToHashSet(StringComparer.Ordinal);
        var format = sub.Contains("rtf") ? CslOutputFormat.Rtf : sub.Contains("plain") ? CslOutputFormat.Text : CslOutputFormat.Html;

        var style = CslStyle.Parse(fixture.Csl!, fixture.Name + ".csl");
        var processor = CslProcessor.Create(style, new CslProcessorOptions { Locales = _locales, Format = format });
        var items = ReadItems(fixture.Input!, fixture.Name);
        var session = new Session(processor, items);
        var allIds = items.Select(i => i.Id.Text).ToList();
        var noSort = sub.Contains("nosort");

        if (fixture.Sections.TryGetValue("BIBENTRIES", out var bibEntries))
        {
            foreach (var set in JsonDocument.Parse(bibEntries).RootElement.EnumerateArray())
            {
                session.UpdateItems(set.EnumerateArray().Select(IdOf), noSort);
            }
        }
        else if (!fixture.Sections.ContainsKey("CITATIONS"))
        {
            session.UpdateItems(allIds, noSort);
        }

        string output;
        if (fixture.Sections.TryGetValue("CITATION-ITEMS", out var citationItems))
        {
            var clusters = JsonDocument.Parse(citationItems).RootElement.EnumerateArray()
                .Select(cluster => (IReadOnlyList<CslCite>)cluster.EnumerateArray().Select(ParseCite).ToList())
                .ToList();
            output = string.Join('\n', clusters.Select(session.MakeCitationCluster));
        }
        else if (fixture.Sections.TryGetValue("CITATIONS", out var citations))
        {
            var replay = new DocumentReplay(session);
            replay.Apply(JsonDocument.Parse(citations).RootElement);
            output = string.Join('\n', replay.Lines());
        }
        else
        {
            output = session.MakeCitationCluster(session.RegisteredInOrder().Select(id => new CslCite(id)).ToList());
        }

        if (mode == "bibliography")
        {
            if (sub.Contains("header"))
            {
                return session.BibliographyHeader();
            }

            var bibliography = fixture.Sections.TryGetValue("BIBSECTION", out var bibSection)
                ? session.MakeBibliography(BibSection.Parse(bibSection))
                : session.MakeBibliography();
            return format.BibliographyStart + string.Concat(bibliography.Entries.Select(e => e.Text)) + format.BibliographyEnd;
        }

        return output;
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
            Position = e.TryGetProperty("position", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null,
            NearNote = e.TryGetProperty("near-note", out var nn) && nn.ValueKind == JsonValueKind.True,
        };
    }
}
