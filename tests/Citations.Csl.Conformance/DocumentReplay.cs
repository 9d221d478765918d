using System.Text.Json;
using Citations.Csl.Processing;

namespace Citations.Csl.Conformance;

/// <summary>
/// Replays a fixture's CITATIONS section through the processor, keeping the document of citations the way the official
/// runner does, and prints each citation as <c>&gt;&gt;[i] text</c> (touched by the last call) or <c>..[i] text</c>.
/// </summary>
internal sealed class DocumentReplay(Session session)
{
    private readonly List<(string Id, string Text, string Mark)> _document = [];

    public void Apply(JsonElement entries)
    {
        foreach (var entry in entries.EnumerateArray())
        {
            var citationElement = entry[0];
            var pre = ReadPairs(entry.GetArrayLength() > 1 ? entry[1] : default);
            var post = ReadPairs(entry.GetArrayLength() > 2 ? entry[2] : default);
            var id = citationElement.TryGetProperty("citationID", out var cid) ? cid.GetString() ?? "CITATION" : "CITATION";
            var cites = citationElement.GetProperty("citationItems").EnumerateArray().Select(FixtureRunner.ParseCite).ToList();
            var note = citationElement.TryGetProperty("properties", out var props) && props.TryGetProperty("noteIndex", out var ni) && ni.ValueKind == JsonValueKind.Number ? ni.GetInt32() : 0;
            var citation = new CslCitation(cites) { NoteNumber = note };
            var updates = session.ProcessCitationCluster(id, citation, pre, post);

            var known = pre.Select(p => p.Id).Concat(post.Select(p => p.Id)).Append(id).ToHashSet(StringComparer.Ordinal);
            _document.RemoveAll(d => !known.Contains(d.Id));
            var order = pre.Concat(post).Select((p, i) => (p.Id, i)).GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
            var sorted = _document.OrderBy(d => order.TryGetValue(d.Id, out var o) ? o : int.MaxValue).ToList();
            _document.Clear();
            _document.AddRange(sorted.Select(d => (d.Id, d.Text, "..")));
            var fresh = new List<(int Index, string Text, string Id)>();
            foreach (var update in updates)
            {
                var index = _document.FindIndex(d => d.Id == update.Id);
                if (index >= 0)
                {
                    _document[index] = (update.Id, update.Text, ">>");
                }
                else
                {
                    fresh.Add(update);
                }
            }

            foreach (var update in fresh)
            {
                _document.Insert(Math.Min(update.Index, _document.Count), (update.Id, update.Text, ">>"));
            }
        }
    }

    public IEnumerable<string> Lines() => _document.Select((d, i) => $"{d.Mark}[{i}] {d.Text}");

    private static List<(string Id, int Note)> ReadPairs(JsonElement array)
    {
        var list = new List<(string, int)>();
        if (array.ValueKind != JsonValueKind.Array)
        {
            return list;
        }

        foreach (var pair in array.EnumerateArray())
        {
            var id = pair[0].GetString() ?? string.Empty;
            var note = pair.GetArrayLength() > 1 && pair[1].ValueKind == JsonValueKind.Number ? pair[1].GetInt32() : 0;
            list.Add((id, note));
        }

        return list;
    }
}
