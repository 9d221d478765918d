using Citations.Csl.Evaluation;

namespace Citations.Csl.Processing;

/// <summary>
/// Works out where each cite stands in a document (CSL positions): first, subsequent, ibid, ibid-with-locator,
/// near-note, and the note number of an item's first citation.
/// </summary>
internal static class Positions
{
    public static List<CslCitation> Assign(IReadOnlyList<CslCitation> citations, int nearNoteDistance)
    {
        var result = new List<CslCitation>(citations.Count);
        var firstNote = new Dictionary<string, int>(StringComparer.Ordinal);
        var lastNote = new Dictionary<string, int>(StringComparer.Ordinal);
        CslCite? previousCite = null;
        CslCitation? previousCitation = null;
        foreach (var citation in citations)
        {
            var cites = new List<CslCite>(citation.Cites.Count);
            for (var i = 0; i < citation.Cites.Count; i++)
            {
                var cite = citation.Cites[i];
                CitePosition position;
                if (cite.Position is { } forced)
                {
                    position = forced switch
                    {
                        0 => CitePosition.First,
                        1 => CitePosition.Subsequent,
                        2 => CitePosition.Subsequent | CitePosition.Ibid,
                        3 => CitePosition.Subsequent | CitePosition.IbidWithLocator,
                        _ => CitePosition.Subsequent,
                    };
                    if (cite.NearNote)
                    {
                        position |= CitePosition.NearNote;
                    }
                }
                else if (!firstNote.ContainsKey(cite.Id))
                {
                    position = CitePosition.First;
                }
                else
                {
                    position = CitePosition.Subsequent;
                    var preceding = i > 0 ? citation.Cites[i - 1]
                        : previousCitation is { Cites.Count: 1 } ? previousCite
                        : null;
                    if (preceding is not null && preceding.Id == cite.Id)
                    {
                        if (string.IsNullOrEmpty(preceding.Locator) && string.IsNullOrEmpty(cite.Locator))
                        {
                            position |= CitePosition.Ibid;
                        }
                        else if (!string.IsNullOrEmpty(cite.Locator) && (preceding.Locator != cite.Locator || preceding.Label != cite.Label))
                        {
                            position |= CitePosition.IbidWithLocator;
                        }
                        else if (preceding.Locator == cite.Locator && preceding.Label == cite.Label)
                        {
                            position |= CitePosition.Ibid;
                        }
                    }

                    if (citation.NoteNumber > 0 && lastNote.TryGetValue(cite.Id, out var last) && citation.NoteNumber - last <= nearNoteDistance)
                    {
                        position |= CitePosition.NearNote;
                    }
                }

                if (!firstNote.ContainsKey(cite.Id))
                {
                    firstNote[cite.Id] = citation.NoteNumber;
                }

                cites.Add(cite with
                {
                    PositionFlags = (int)position,
                    FirstReferenceNoteNumber = position == CitePosition.First || firstNote[cite.Id] == 0 ? null : firstNote[cite.Id],
                });
                previousCite = cite;
            }

            foreach (var cite in citation.Cites)
            {
                if (citation.NoteNumber > 0)
                {
                    lastNote[cite.Id] = citation.NoteNumber;
                }
            }

            previousCitation = citation;
            result.Add(citation with { Cites = cites });
        }

        return result;
    }
}
