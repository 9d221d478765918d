using System.Globalization;
using Citations.Diagnostics;

namespace Citations.Csl.Processing;

/// <summary>
/// A citation as given, checked: the problems found (cites without an item id or naming an item not in the list, no
/// cites at all, a negative note number, a locator without a label) and the citation without the cites that cannot be
/// rendered. Shared by documents and by citations formatted on their own.
/// </summary>
internal sealed class CheckedCitation
{
    private readonly List<(DiagnosticSeverity Severity, string Code, int Cite, string Message)> _problems = [];

    /// <summary>Checks <paramref name="input"/>; <paramref name="isKnown"/> tells whether an item id is in the item list.</summary>
    public CheckedCitation(CslCitation input, Func<string, bool> isKnown)
    {
        Input = input;
        var valid = new List<CslCite>(input.Cites.Count);
        for (var k = 0; k < input.Cites.Count; k++)
        {
            var cite = input.Cites[k];
            if (cite is null || string.IsNullOrEmpty(cite.Id))
            {
                _problems.Add((DiagnosticSeverity.Error, CslDiagnosticCodes.UnknownItem, k, "a cite has no item id; it was left out."));
                continue;
            }

            if (!isKnown(cite.Id))
            {
                _problems.Add((DiagnosticSeverity.Error, CslDiagnosticCodes.UnknownItem, k, $"item '{cite.Id}' is not in the item list; the cite was left out."));
                continue;
            }

            if (!string.IsNullOrWhiteSpace(cite.Locator) && string.IsNullOrWhiteSpace(cite.Label))
            {
                _problems.Add((DiagnosticSeverity.Info, CslDiagnosticCodes.LocatorWithoutLabel, k, $"locator '{cite.Locator}' has no label; it is taken as a page."));
            }

            valid.Add(cite);
        }

        if (input.Cites.Count == 0)
        {
            _problems.Add((DiagnosticSeverity.Error, CslDiagnosticCodes.EmptyCitation, -1, "the citation has no cites; it renders as nothing."));
        }

        var note = input.NoteNumber;
        if (note < 0)
        {
            _problems.Add((DiagnosticSeverity.Error, CslDiagnosticCodes.NegativeNoteNumber, -1, $"note number {note.ToString(CultureInfo.InvariantCulture)} is negative; the citation is treated as being in the running text."));
            note = 0;
        }

        Valid = new CslCitation(valid) { NoteNumber = note };
    }

    /// <summary>The citation as it was given.</summary>
    public CslCitation Input { get; }

    /// <summary>The citation without the cites that cannot be rendered, its note number at least 0.</summary>
    public CslCitation Valid { get; }

    /// <summary>The problems as diagnostics, for the citation at <paramref name="index"/> (<c>citations[3].cites[1]</c>).</summary>
    public IEnumerable<Diagnostic> Diagnostics(int index)
    {
        foreach (var (severity, code, cite, message) in _problems)
        {
            var path = cite < 0 ? $"citations[{index}]" : $"citations[{index}].cites[{cite}]";
            yield return new Diagnostic(severity, code, $"Citation {index + 1}: {message}", new SourceLocation(null, path, 0, 0));
        }
    }
}
