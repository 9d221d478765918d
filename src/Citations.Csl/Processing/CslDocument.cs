using System.Globalization;
using System.Text;
using Citations.Csl.Styles;
using Citations.CslData;
using Citations.Diagnostics;

namespace Citations.Csl.Processing;

/// <summary>
/// A document being written: its citations in order, each with its formatted text, kept up to date as citations are
/// added, changed and removed. An edit re-renders only the citations whose output can have changed: the edited one,
/// those whose positions moved (ibid, subsequent, near-note, first-reference-note-number), and those citing items
/// whose disambiguation, citation number or name forms changed.
/// </summary>
/// <remarks>
/// Create one with <see cref="CslProcessor.CreateDocument"/>. Not thread-safe: one document is edited by one caller
/// at a time (the processor it came from can serve any number of documents concurrently).
/// </remarks>
/// <example>
/// <code>
/// var document = processor.CreateDocument(items);
/// document.Add(CslCitation.Of("doe2020"));
/// var update = document.Insert(0, new CslCitation([new CslCite("roe2021") { Locator = "12" }]) { NoteNumber = 1 });
/// foreach (var changed in update.Changed) Console.WriteLine($"{changed.Index}: {changed.Text}");
/// </code>
/// </example>
public sealed class CslDocument
{
    private readonly Session _session;
    private readonly bool _hasBibliography;
    private readonly int _nearNoteDistance;
    private readonly bool _tracksPositions;
    private readonly bool _countsCitations;
    private readonly List<Slot> _slots = [];

    /// <summary>How many citations cite each item, as of the last edit (kept when <see cref="_countsCitations"/>).</summary>
    private Dictionary<string, int> _citationCounts = new(StringComparer.Ordinal);

    internal CslDocument(CslProcessor processor, IEnumerable<CslItem> items)
    {
        _session = new Session(processor, items, document: true);
        _hasBibliography = processor.Style.HasBibliography;
        _nearNoteDistance = processor.Style.Citation!.NearNoteDistance;
        _tracksPositions = processor.Runtime.TracksPositions;
        _countsCitations = _tracksPositions && processor.Style.Class == CslStyleClass.Note && processor.Runtime.HasDisambiguateCondition;
    }

    /// <summary>The number of citations in the document.</summary>
    public int Count => _slots.Count;

    /// <summary>The formatted text of the citation at <paramref name="index"/>.</summary>
    public string this[int index] => _slots[index].Text;

    /// <summary>Every citation's formatted text, in document order.</summary>
    public IReadOnlyList<string> Texts => _slots.Select(s => s.Text).ToList();

    /// <summary>The citation at <paramref name="index"/> as it was given.</summary>
    public CslCitation CitationAt(int index) => _slots[index].Input;

    /// <summary>
    /// Problems with the citations as they stand: unknown item ids, empty citations, negative or out-of-order note
    /// numbers, locators without labels. Each names the citation (<c>citations[3].cites[1]</c>); the rest of the
    /// document renders regardless.
    /// </summary>
    public IReadOnlyList<Diagnostic> Diagnostics
    {
        get
        {
            var result = new List<Diagnostic>();
            for (var i = 0; i < _slots.Count; i++)
            {
                result.AddRange(DiagnosticsOf(i));
            }

            return result;
        }
    }

    /// <summary>How many citations the last edit rendered again (the edited one included).</summary>
    public int LastRenderCount { get; private set; }

    /// <summary>Adds a citation at the end of the document.</summary>
    public CslDocumentUpdate Add(CslCitation citation) => Insert(_slots.Count, citation);

    /// <summary>Adds citations at the end of the document in one edit.</summary>
    public CslDocumentUpdate AddRange(IEnumerable<CslCitation> citations)
    {
        ArgumentNullException.ThrowIfNull(citations);
        var first = _slots.Count;
        foreach (var citation in citations)
        {
            ArgumentNullException.ThrowIfNull(citation, nameof(citations));
            _slots.Add(new Slot(citation, this));
        }

        return Refresh(Enumerable.Range(first, _slots.Count - first));
    }

    /// <summary>Inserts a citation before the one at <paramref name="index"/> (or at the end when it equals <see cref="Count"/>).</summary>
    public CslDocumentUpdate Insert(int index, CslCitation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, _slots.Count);
        _slots.Insert(index, new Slot(citation, this));
        return Refresh([index]);
    }

    /// <summary>
    /// Replaces the citation at <paramref name="index"/>. A replacement with the same cites in another note (the
    /// citation moved) is rendered again only when its output may have changed, and is among the changed citations
    /// only when its text did.
    /// </summary>
    public CslDocumentUpdate Replace(int index, CslCitation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _slots.Count);
        var old = _slots[index];
        var slot = new Slot(citation, this);
        _slots[index] = slot;
        if (old.Input.Cites.SequenceEqual(citation.Cites))
        {
            slot.Key = old.Key;
            slot.Text = old.Text;
            slot.Failure = old.Failure;
            slot.Positioned = old.Positioned;
            return Refresh([index], render: false);
        }

        return Refresh([index]);
    }

    /// <summary>Removes the citation at <paramref name="index"/>.</summary>
    public CslDocumentUpdate RemoveAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _slots.Count);
        _slots.RemoveAt(index);
        return Refresh([]);
    }

    /// <summary>The bibliography of the items cited so far, as the style sorts it.</summary>
    /// <exception cref="InvalidOperationException">The style has no bibliography.</exception>
    public CslBibliography FormatBibliography()
    {
        if (!_hasBibliography)
        {
            throw new InvalidOperationException("The style has no bibliography.");
        }

        return _session.Bibliography.Write();
    }

    /// <summary>The diagnostic of a citation the style could not format.</summary>
    internal static Diagnostic CitationFailure(int index, CslException failure)
        => new(DiagnosticSeverity.Error, CslDiagnosticCodes.CitationNotFormatted, $"Citation {index + 1} could not be formatted: {failure.Problem} It was left empty.", failure.Location);

    private IEnumerable<Diagnostic> DiagnosticsOf(int index)
    {
        var slot = _slots[index];
        foreach (var diagnostic in slot.Checked.Diagnostics(index))
        {
            yield return diagnostic;
        }

        if (slot.OrderProblem is { } order)
        {
            yield return new Diagnostic(DiagnosticSeverity.Warning, CslDiagnosticCodes.NoteOutOfOrder, $"Citation {index + 1}: {order}", new SourceLocation(null, $"citations[{index}].noteNumber", 0, 0));
        }

        if (slot.Failure is { } failure)
        {
            yield return CitationFailure(index, failure);
        }
    }

    /// <summary>
    /// Brings every citation up to date after an edit; <paramref name="edited"/> are always rendered unless
    /// <paramref name="render"/> is false (a citation moved to another note: rendered only when its output may change).
    /// </summary>
    private CslDocumentUpdate Refresh(IEnumerable<int> edited, bool render = true)
    {
        var editedSet = edited.ToHashSet();
        HashSet<int> forced = render ? editedSet : [];

        // 1. The cited items in first-cite order decide registration, citation numbers and disambiguation.
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slot in _slots)
        {
            foreach (var cite in slot.Valid.Cites)
            {
                if (seen.Add(cite.Id))
                {
                    ids.Add(cite.Id);
                }
            }
        }

        _session.Registry.SyncRegistration(ids);
        _session.Registry.Sorted();
        var generation = _session.Registry.Generation;

        // 2. Positions over the whole document, with each citation's cites in sorted order.
        var sorted = new List<CslCitation>(_slots.Count);
        var lastNote = 0;
        var notesSeen = new HashSet<int>();
        for (var i = 0; i < _slots.Count; i++)
        {
            var slot = _slots[i];
            if (slot.SortedGeneration != generation)
            {
                slot.Sorted = slot.Valid with { Cites = _session.Citations.SortCitesOf(slot.Valid) };
                slot.SortedGeneration = generation;
            }

            sorted.Add(slot.Sorted!);
            var note = slot.Valid.NoteNumber;
            slot.OrderProblem = null;
            if (note > 0)
            {
                if (note < lastNote)
                {
                    slot.OrderProblem = $"note {note.ToString(CultureInfo.InvariantCulture)} comes after note {lastNote.ToString(CultureInfo.InvariantCulture)}; positions (ibid, subsequent) restart from here.";
                }
                else if (note != lastNote && !notesSeen.Add(note))
                {
                    slot.OrderProblem = $"note {note.ToString(CultureInfo.InvariantCulture)} is used again after other notes.";
                }

                notesSeen.Add(note);
                lastNote = note;
            }
        }

        var positioned = Positions.Assign(sorted, _nearNoteDistance);
        var tainted = TaintedItems(positioned, forced);

        // 3. Render what may have changed: a citation's key covers everything its output depends on.
        var changed = new List<CslCitationText>();
        var rendered = new List<int>();
        for (var i = 0; i < _slots.Count; i++)
        {
            var slot = _slots[i];
            var key = KeyOf(positioned[i]);
            slot.Positioned = positioned[i];
            if (!forced.Contains(i) && string.Equals(key, slot.Key, StringComparison.Ordinal) && !positioned[i].Cites.Any(c => tainted.Contains(c.Id)))
            {
                continue;
            }

            CslException? failure = null;
            var text = positioned[i].Cites.Count == 0 ? string.Empty : _session.Citations.Render(positioned[i], out failure);
            slot.Failure = failure;
            slot.Key = key; // only once rendered: a citation whose render failed is tried again at the next edit
            rendered.Add(i);
            if (forced.Contains(i) || !string.Equals(text, slot.Text, StringComparison.Ordinal))
            {
                slot.Text = text;
                changed.Add(new CslCitationText(i, text));
            }
        }

        LastRenderCount = rendered.Count;
        var diagnostics = editedSet.Order().SelectMany(DiagnosticsOf).ToList();
        return new CslDocumentUpdate(changed, diagnostics, rendered);
    }

    /// <summary>
    /// The items whose every citation citeproc-js renders again after this edit, though nothing a citation's key holds
    /// changed: in the position update mode, items a cite of which (outside the edited citations) has a new
    /// first-reference note number, and, in note styles testing <c>disambiguate="true"</c>, items newly cited or whose
    /// number of citations crossed from one to several or back.
    /// </summary>
    private HashSet<string> TaintedItems(List<CslCitation> positioned, HashSet<int> edited)
    {
        var tainted = new HashSet<string>(StringComparer.Ordinal);
        if (!_tracksPositions)
        {
            return tainted;
        }

        for (var i = 0; i < _slots.Count; i++)
        {
            if (edited.Contains(i) || _slots[i].Positioned is not { } before || before.Cites.Count != positioned[i].Cites.Count)
            {
                continue;
            }

            for (var k = 0; k < before.Cites.Count; k++)
            {
                var (was, now) = (before.Cites[k], positioned[i].Cites[k]);
                if (string.Equals(was.Id, now.Id, StringComparison.Ordinal) && was.FirstReferenceNoteNumber != now.FirstReferenceNoteNumber)
                {
                    tainted.Add(now.Id);
                }
            }
        }

        if (_countsCitations)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var citation in positioned)
            {
                foreach (var id in citation.Cites.Select(c => c.Id).Distinct(StringComparer.Ordinal))
                {
                    counts[id] = counts.GetValueOrDefault(id) + 1;
                }
            }

            foreach (var (id, count) in counts)
            {
                if (!_citationCounts.TryGetValue(id, out var before) || (before < 2) != (count < 2))
                {
                    tainted.Add(id);
                }
            }

            _citationCounts = counts;
        }

        return tainted;
    }

    private string KeyOf(CslCitation citation)
    {
        // The note number itself is not here: what it changes in the output (positions, first-reference note numbers,
        // near-note) is in each cite's part.
        var sb = new StringBuilder();
        foreach (var cite in citation.Cites)
        {
            var entry = _session.Registry.Find(cite.Id);
            sb.Append(cite.Id).Append('\u0001').Append(entry?.Version ?? -1).Append('\u0001')
                .Append(cite.PositionFlags).Append('\u0001').Append(cite.FirstReferenceNoteNumber ?? -1).Append('\u0001')
                .Append(cite.Locator).Append('\u0001').Append(cite.Label).Append('\u0001')
                .Append(cite.Prefix).Append('\u0001').Append(cite.Suffix).Append('\u0001')
                .Append(cite.SuppressAuthor ? 'S' : '-').Append(cite.AuthorOnly ? 'A' : '-')
                .Append(cite.Position is { } forced ? (int)forced : -1).Append(cite.NearNote ? 'N' : '-').Append('\u0002');
        }

        return sb.ToString();
    }

    /// <summary>One citation of the document and what is known about it.</summary>
    private sealed class Slot(CslCitation input, CslDocument document)
    {
        /// <summary>The citation as given, checked.</summary>
        public CheckedCitation Checked { get; } = new(input, document._session.Registry.IsKnown);

        public CslCitation Input => Checked.Input;

        /// <summary>The citation without the cites that cannot be rendered.</summary>
        public CslCitation Valid => Checked.Valid;

        public string? OrderProblem { get; set; }

        /// <summary>Why the citation's last render failed, if it did.</summary>
        public CslException? Failure { get; set; }

        public CslCitation? Sorted { get; set; }

        public int SortedGeneration { get; set; } = -1;

        public string? Key { get; set; }

        /// <summary>The citation with its cites' positions, as of the last edit.</summary>
        public CslCitation? Positioned { get; set; }

        public string Text { get; set; } = string.Empty;
    }
}

/// <summary>A citation's new text after an edit.</summary>
/// <param name="Index">The citation's index in the document.</param>
/// <param name="Text">Its formatted text.</param>
public sealed record CslCitationText(int Index, string Text);

/// <summary>What an edit of a <see cref="CslDocument"/> changed.</summary>
/// <param name="Changed">
/// The citations whose text is new (the edited one always, unless the edit only moved it to another note), in
/// document order.
/// </param>
/// <param name="Diagnostics">Problems with the edited citations.</param>
/// <param name="Rendered">
/// The indexes of the citations rendered again to find out, in document order: the edited ones (a citation only moved
/// to another note when its output may have changed), and those whose output may have changed (positions moved; items
/// renumbered in a style printing citation numbers, disambiguated anew, or with a moved first-reference note),
/// including those whose text came out the same. citeproc-js reports these as updated; <paramref name="Changed"/>
/// holds only new texts.
/// </param>
public sealed record CslDocumentUpdate(IReadOnlyList<CslCitationText> Changed, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<int> Rendered);
