using System.Text.Json;
using System.Text.RegularExpressions;

namespace Citations.Csl.Conformance;

/// <summary>One fixture of the CSL processor test suite, in its "human" format.</summary>
public sealed partial class Fixture
{
    public required string Name { get; init; }

    public required IReadOnlyDictionary<string, string> Sections { get; init; }

    public List<string> ParseErrors { get; } = [];

    public string Mode => Sections.TryGetValue("MODE", out var m) ? m.Trim() : string.Empty;

    public string? Result => Sections.GetValueOrDefault("RESULT");

    public string? Csl => Sections.GetValueOrDefault("CSL");

    public string? Input => Sections.GetValueOrDefault("INPUT");

    /// <summary>The family of a fixture is the part of its name before the first underscore.</summary>
    public string Family => Name.Split('_')[0];

    [GeneratedRegex("^.*>>=+\\s+([A-Z][A-Z0-9-]*)\\s+=+>>.*$")]
    private static partial Regex OpenRegex();

    [GeneratedRegex("^.*<<=+\\s+([A-Z][A-Z0-9-]*)\\s+=+<<.*$")]
    private static partial Regex CloseRegex();

    private static readonly HashSet<string> JsonSections = new(StringComparer.Ordinal)
    {
        "INPUT", "INPUT2", "CITATION-ITEMS", "CITATIONS", "BIBENTRIES", "BIBSECTION", "ABBREVIATIONS", "OPTIONS", "LANGPARAMS", "MULTIAFFIX",
    };

    public static Fixture Parse(string name, string text)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        string? current = null;
        var buffer = new List<string>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (current is null)
            {
                var open = OpenRegex().Match(line);
                if (open.Success)
                {
                    current = open.Groups[1].Value;
                    buffer.Clear();
                }

                continue;
            }

            var close = CloseRegex().Match(line);
            if (close.Success && close.Groups[1].Value == current)
            {
                sections[current] = string.Join('\n', buffer);
                current = null;
                continue;
            }

            if (OpenRegex().IsMatch(line))
            {
                errors.Add($"section {current} not closed before line {i + 1}");
            }

            buffer.Add(line);
        }

        if (current is not null)
        {
            errors.Add($"section {current} not closed at end of file");
        }

        var fixture = new Fixture { Name = name, Sections = sections };
        fixture.ParseErrors.AddRange(errors);
        foreach (var (key, value) in sections)
        {
            if (JsonSections.Contains(key))
            {
                try
                {
                    using var _ = JsonDocument.Parse(value);
                }
                catch (JsonException e)
                {
                    fixture.ParseErrors.Add($"invalid JSON in section {key}: {e.Message}");
                }
            }
        }

        return fixture;
    }

    public static Fixture Load(string path) => Parse(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path));
}
