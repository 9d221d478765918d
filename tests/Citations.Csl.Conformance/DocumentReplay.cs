using System.Text.Json;
using Citations.Csl.Processing;

namespace Citations.Csl.Conformance;

/// <summary>
/// Replays a fixture's CITATIONS section, citeproc-js's <c>processCitationCluster</c> calls, as edits of a public
/// <see cref="CslDocument"/>, and prints the document the way the official runner does: each citation as
/// <c>&gt;&gt;[i] text</c> when the last call reported it as updated, else <c>..[i] text</c>.
/// </summary>
/// <remarks>
/// A call names the citation processed and the citations before and after it (with their note numbers): citations
/// it no longer names are removed, those whose note number changed are replaced, the processed one is inserted (or
/// replaced). citeproc-js reports as updated every citation it rendered again (tainted by a renumbered or
/// re-disambiguated item, or a moved position) even when its text is the same: that is
/// <see cref="CslDocumentUpdate.Rendered"/>, gathered over the call's edits, plus every citation whose text changed.
/// </remarks>
internal sealed class DocumentReplay(CslDocument document)
{
    /// <summary>The document's citations by citeproc-js citation id, in document order.</summary>
    private readonly List<(string Id, CslCitation Citation)> _citations = [];

    /// <summary>What the runner prints: each citation's text and its mark from the last call.</summary>
    private readonly List<(string Id, string Text, string Mark)> _printed = [];

    public CslDocument Document => document;

    public void Apply(JsonElement calls)
    {
        foreach (var call in calls.EnumerateArray())
        {
            var citationElement = call[0];
            var pre = ReadPairs(call.GetArrayLength() > 1 ? call[1] : default);
            var post = ReadPairs(call.GetArrayLength() > 2 ? call[2] : default);
            var id = citationElement.TryGetProperty("citationID", out var cid) ? cid.GetString() ?? "CITATION" : "CITATION";
            var cites = citationElement.GetProperty("citationItems").EnumerateArray().Select(FixtureRunner.ParseCite).ToList();
            var note = citationElement.TryGetProperty("properties", out var props) && props.TryGetProperty("noteIndex", out var ni) && ni.ValueKind == JsonValueKind.Number ? ni.GetInt32() : 0;
            Process(id, new CslCitation(cites) { NoteNumber = note }, pre, post);
        }
    }

    public IEnumerable<string> Lines() => _printed.Select((d, i) => $"{d.Mark}[{i}] {d.Text}");

    private void Process(string id, CslCitation citation, List<(string Id, int Note)> pre, List<(string Id, int Note)> post)
    {
        // The document this call describes: the citations named before and after (those already known), with the
        // note numbers given for them, and the processed citation between.
        var known = _citations.ToDictionary(c => c.Id, c => c.Citation, StringComparer.Ordinal);
        var target = new List<(string Id, CslCitation Citation)>();
        foreach (var (other, otherNote) in pre)
        {
            if (other != id && known.TryGetValue(other, out var c))
            {
                target.Add((other, c with { NoteNumber = otherNote }));
            }
        }

        target.Add((id, citation));
        foreach (var (other, otherNote) in post)
        {
            if (other != id && known.TryGetValue(other, out var c))
            {
                target.Add((other, c with { NoteNumber = otherNote }));
            }
        }

        var before = _printed.ToDictionary(p => p.Id, p => p.Text, StringComparer.Ordinal);
        var rendered = new HashSet<string>(StringComparer.Ordinal);

        // Edit the document into that shape: remove, then insert or replace citation by citation.
        var wanted = target.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = _citations.Count - 1; i >= 0; i--)
        {
            if (!wanted.Contains(_citations[i].Id))
            {
                Edit(document.RemoveAt(i), () => _citations.RemoveAt(i), rendered);
            }
        }

        for (var i = 0; i < target.Count; i++)
        {
            var (targetId, targetCitation) = target[i];
            var at = _citations.FindIndex(c => c.Id == targetId);
            if (at >= 0 && at != i)
            {
                Edit(document.RemoveAt(at), () => _citations.RemoveAt(at), rendered);
                at = -1;
            }

            if (at < 0)
            {
                Edit(document.Insert(i, targetCitation), () => _citations.Insert(i, (targetId, targetCitation)), rendered);
            }
            else if (targetId == id)
            {
                Edit(document.Replace(i, targetCitation), () => _citations[i] = (targetId, targetCitation), rendered);
            }
            else if (targetCitation.NoteNumber != _citations[i].Citation.NoteNumber)
            {
                // A citation moved to another note: the document renders it again only when its output may change
                // (as citeproc-js does), so it is reported when rendered, not for the move itself.
                Edit(document.Replace(i, targetCitation), () => _citations[i] = (targetId, targetCitation), rendered);
            }
        }

        // Print: the citations in their new order; marked when rendered again, new, processed, or changed.
        var texts = document.Texts;
        _printed.Clear();
        for (var i = 0; i < _citations.Count; i++)
        {
            var citationId = _citations[i].Id;
            var updated = citationId == id || rendered.Contains(citationId) || !before.TryGetValue(citationId, out var old) || old != texts[i];
            _printed.Add((citationId, texts[i], updated ? ">>" : ".."));
        }
    }

    /// <summary>Notes, by citation id, which citations an edit rendered again (the id list updated first).</summary>
    private void Edit(CslDocumentUpdate update, Action mirror, HashSet<string> rendered)
    {
        mirror();
        foreach (var index in update.Rendered)
        {
            rendered.Add(_citations[index].Id);
        }
    }

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
