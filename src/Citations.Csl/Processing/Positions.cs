using Citations.Csl.Evaluation;

namespace Citations.Csl.Processing;

/// <summary>
/// Works out where each cite stands in a document (CSL positions: first, subsequent, ibid, ibid-with-locator,
/// near-note) and the note number of an item's first citation, with citeproc-js's rules: cites are taken in their
/// sorted order, citations in the text and citations in notes are separate sequences, and ibid needs the previous
/// citation to hold only that item in a note no further back than the previous one.
/// </summary>
internal static class Positions
{
    public static List<CslCitation> Assign(IReadOnlyList<CslCitation> citations, int nearNoteDistance)
    {
        var result = citations.ToList();
        foreach (var inNotes in new[] { false, true })
        {
            var indexes = Enumerable.Range(0, citations.Count).Where(i => (citations[i].NoteNumber > 0) == inNotes).ToList();
            AssignSequence(result, indexes, nearNoteDistance);
        }

        return result;
    }

    private static void AssignSequence(List<CslCitation> citations, List<int> indexes, int nearNoteDistance)
    {
        var firstRef = new Dictionary<string, int>(StringComparer.Ordinal);
        var lastRef = new Dictionary<string, int>(StringComparer.Ordinal);
        var citesInNote = new Dictionary<int, int>();
        for (var j = 0; j < indexes.Count; j++)
        {
            var citation = citations[indexes[j]];
            var note = citation.NoteNumber;
            if (j > 0 && note > 0 && citations[indexes[j - 1]].NoteNumber > note)
            {
                // Notes numbered backwards start a new sequence.
                citesInNote.Clear();
                firstRef.Clear();
                lastRef.Clear();
            }

            citesInNote[note] = citesInNote.GetValueOrDefault(note) + citation.Cites.Count;
            var cites = new List<CslCite>(citation.Cites.Count);
            for (var k = 0; k < citation.Cites.Count; k++)
            {
                var cite = citation.Cites[k];
                var id = cite.Id;
                CitePosition position;
                int? firstReferenceNote = null;
                if (cite.Position is { } forced)
                {
                    position = Forced(forced, cite.NearNote);
                }
                else if (!lastRef.ContainsKey(id))
                {
                    firstRef[id] = note;
                    lastRef[id] = note;
                    position = CitePosition.First;
                }
                else
                {
                    var previousCitation = j > 0 ? citations[indexes[j - 1]] : null;
                    var ibid = false;
                    CslCite? previous = null;
                    if (j > 0 && k == 0 && previousCitation!.NoteNumber != note)
                    {
                        if (previousCitation.Cites.Count > 0 && previousCitation.Cites[0].Id == id
                            && previousCitation.NoteNumber >= note - 1
                            && (citesInNote.GetValueOrDefault(previousCitation.NoteNumber) == 1 || previousCitation.NoteNumber == 0))
                        {
                            ibid = true;
                            previous = previousCitation.Cites[0];
                        }
                    }
                    else if (k > 0 && citation.Cites[k - 1].Id == id)
                    {
                        ibid = true;
                        previous = citation.Cites[k - 1];
                    }
                    else if (k == 0 && j > 0 && previousCitation!.NoteNumber == note && previousCitation.Cites.Count > 0)
                    {
                        var offset = previousCitation.Cites.Count > 0 && previousCitation.Cites[0].AuthorOnly && j > 1 ? 2 : 1;
                        var last = citations[indexes[j - offset]].Cites;
                        if (last.Count > 0 && last[^1].Id == id)
                        {
                            ibid = true;
                            previous = previousCitation.Cites[0];
                        }
                    }

                    position = CitePosition.Subsequent;
                    if (ibid && previous is not null)
                    {
                        var previousLocator = string.IsNullOrEmpty(previous.Locator) ? null : previous.Locator + (previous.Label ?? string.Empty);
                        var currentLocator = string.IsNullOrEmpty(cite.Locator) ? null : cite.Locator + (cite.Label ?? string.Empty);
                        if (previousLocator is null && currentLocator is not null)
                        {
                            position |= CitePosition.IbidWithLocator;
                        }
                        else if (previousLocator is null && currentLocator is null)
                        {
                            position |= CitePosition.Ibid;
                        }
                        else if (previousLocator is not null && currentLocator == previousLocator)
                        {
                            position |= CitePosition.Ibid;
                        }
                        else if (previousLocator is not null && currentLocator is not null)
                        {
                            position |= CitePosition.IbidWithLocator;
                        }
                    }

                    if (!firstRef.ContainsKey(id))
                    {
                        firstRef[id] = note;
                    }


                    if (firstRef[id] != note)
                    {
                        firstReferenceNote = firstRef[id];
                    }
                }

                if (cite.Position is null)
                {
                    if (note > 0)
                    {
                        if (position != CitePosition.First && lastRef.TryGetValue(id, out var lastNote) && note - lastNote <= nearNoteDistance)
                        {
                            position |= CitePosition.NearNote;
                        }

                        lastRef[id] = note;
                    }
                    else if (position != CitePosition.First)
                    {
                        position |= CitePosition.NearNote;
                    }
                }

                cites.Add(cite with { PositionFlags = (int)position, FirstReferenceNoteNumber = firstReferenceNote });
            }

            citations[indexes[j]] = citation with { Cites = cites };
        }
    }

    /// <summary>A position given by the caller (<see cref="CslCite.Position"/>), as the flags the renderer tests.</summary>
    public static CitePosition Forced(CslPosition position, bool nearNote)
    {
        var result = position switch
        {
            CslPosition.First => CitePosition.First,
            CslPosition.Ibid => CitePosition.Subsequent | CitePosition.Ibid,
            CslPosition.IbidWithLocator => CitePosition.Subsequent | CitePosition.IbidWithLocator,
            _ => CitePosition.Subsequent,
        };
        return nearNote && result != CitePosition.First ? result | CitePosition.NearNote : result;
    }
}
