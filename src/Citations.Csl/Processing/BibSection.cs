using System.Text.Json;
using Citations.CslData;

namespace Citations.Csl.Processing;

/// <summary>Selects part of a bibliography by item fields (citeproc-js <c>bibsection</c>): select, include, exclude, quash.</summary>
internal sealed class BibSection
{
    public List<(string Field, string Value)> Select { get; } = [];

    public List<(string Field, string Value)> Include { get; } = [];

    public List<(string Field, string Value)> Exclude { get; } = [];

    public List<(string Field, string Value)> Quash { get; } = [];

    public static BibSection Parse(string json)
    {
        var section = new BibSection();
        using var document = JsonDocument.Parse(json);
        foreach (var (name, list) in new[] { ("select", section.Select), ("include", section.Include), ("exclude", section.Exclude), ("quash", section.Quash) })
        {
            if (document.RootElement.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var condition in array.EnumerateArray())
                {
                    var field = condition.GetProperty("field").GetString() ?? string.Empty;
                    var value = condition.GetProperty("value");
                    list.Add((field, value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText()));
                }
            }
        }

        return section;
    }

    public bool Accepts(CslItem item)
    {
        if (Select.Count > 0 && !Select.All(c => Matches(item, c)))
        {
            return false;
        }

        if (Include.Count > 0 && !Include.Any(c => Matches(item, c)))
        {
            return false;
        }

        if (Exclude.Count > 0 && Exclude.Any(c => Matches(item, c)))
        {
            return false;
        }

        return Quash.Count == 0 || !Quash.All(c => Matches(item, c));
    }

    private static bool Matches(CslItem item, (string Field, string Value) condition)
    {
        if (condition.Field == "type")
        {
            return item.Type == condition.Value;
        }

        if (condition.Field == "categories")
        {
            return item.Categories?.Contains(condition.Value) == true;
        }

        var text = item.GetText(condition.Field);
        if (condition.Value.Length == 0)
        {
            return string.IsNullOrEmpty(text) && item.GetNames(condition.Field) is null && item.GetDate(condition.Field) is null;
        }

        return text == condition.Value;
    }
}
