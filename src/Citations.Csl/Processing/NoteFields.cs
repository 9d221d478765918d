using System.Text.RegularExpressions;
using Citations.CslData;

namespace Citations.Csl.Processing;

/// <summary>
/// Variables written in an item's <c>note</c> field, as Zotero users write what its fields cannot hold: lines such
/// as <c>original-date: 1859</c>, <c>container-title-short: Nature</c> or <c>translator: Doe || Jane</c> at the start
/// of the note, and inline <c>{:key:value}</c> forms. citeproc-js reads them the same way; a value already in the item
/// wins (dates excepted when the item has none), and the lines read are removed from the note.
/// </summary>
internal static partial class NoteFields
{
    [GeneratedRegex(@"\{:(?:[\-_a-z]+|[A-Z]+):[^\}]+\}")]
    private static partial Regex InlineFieldRegex();

    [GeneratedRegex(@"^([\-_a-z]+|[A-Z]+):\s*([^\}]+)$")]
    private static partial Regex FieldLineRegex();

    [GeneratedRegex(@"\s*\|\|\s*")]
    private static partial Regex NameSplitRegex();

    /// <summary>The item with the note's variables added, or the item itself when its note holds none.</summary>
    public static CslItem Apply(CslItem item)
    {
        if (item.GetText("note") is not { Length: > 0 } note || !note.Contains(':', StringComparison.Ordinal))
        {
            return item;
        }

        var lines = ExpandInlineFields(note.Split('\n')).Split('\n');
        var variables = new Dictionary<string, CslScalar>(item.Variables, StringComparer.Ordinal);
        var dates = new Dictionary<string, CslDate>(item.Dates, StringComparer.Ordinal);
        var names = new Dictionary<string, List<CslName>>(StringComparer.Ordinal);
        var type = item.Type;
        var changed = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var m = FieldLineRegex().Match(line);
            if (!m.Success)
            {
                // Free text ends the fields (a first line of free text is passed over).
                if (i == 0)
                {
                    continue;
                }

                break;
            }

            var key = m.Groups[1].Value;
            var value = m.Groups[2].Value.Trim();
            var kind = CslVariables.KindOf(key.StartsWith("alt-", StringComparison.Ordinal) ? key[4..] : key);
            if (key == "type")
            {
                type = value;
                lines[i] = string.Empty;
                changed = true;
            }
            else if (kind == CslVariableKind.Date)
            {
                if (!dates.ContainsKey(key))
                {
                    dates[key] = new CslDate { Raw = value };
                    lines[i] = string.Empty;
                    changed = true;
                }
            }
            else if (kind == CslVariableKind.Name)
            {
                if (item.GetNames(key) is null)
                {
                    if (!names.TryGetValue(key, out var list))
                    {
                        list = [];
                        names[key] = list;
                    }

                    var parts = NameSplitRegex().Split(value);
                    if (parts.Length == 1)
                    {
                        list.Add(CslName.Institution(parts[0]));
                    }
                    else if (parts.Length == 2)
                    {
                        list.Add(new CslName { Family = parts[0], Given = parts[1] });
                    }

                    lines[i] = string.Empty;
                    changed = true;
                }
            }
            else if (!variables.ContainsKey(key))
            {
                variables[key] = CslScalar.FromString(value);
                lines[i] = string.Empty;
                changed = true;
            }
        }

        if (!changed)
        {
            return item;
        }

        variables["note"] = CslScalar.FromString(string.Join('\n', lines).Trim());
        var allNames = new Dictionary<string, IReadOnlyList<CslName>>(item.Names, StringComparer.Ordinal);
        foreach (var (key, list) in names)
        {
            allNames[key] = list;
        }

        return item with { Type = type, Variables = variables, Dates = dates, Names = allNames };
    }

    /// <summary>Puts each inline <c>{:key:value}</c> on a line of its own, unless free text comes before it.</summary>
    private static string ExpandInlineFields(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var matches = InlineFieldRegex().Matches(line);
            if (matches.Count == 0)
            {
                continue;
            }

            var result = new System.Text.StringBuilder();
            var last = 0;
            for (var j = 0; j < matches.Count; j++)
            {
                var match = matches[j];
                var before = line[last..match.Index];
                if (before.Trim().Length > 0 && (i > 0 || j > 0) && !FieldLineRegex().IsMatch(before))
                {
                    result.Append(line[last..]);
                    last = line.Length;
                    break;
                }

                result.Append(before).Append('\n').Append(match.Value[2..^1].Trim()).Append('\n');
                last = match.Index + match.Length;
            }

            result.Append(line[last..]);
            lines[i] = result.ToString();
        }

        return string.Join('\n', lines);
    }
}
