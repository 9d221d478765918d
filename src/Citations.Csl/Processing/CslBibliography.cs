using System.Text;
using Citations.Csl.Output;
using Citations.Diagnostics;

namespace Citations.Csl.Processing;

/// <summary>One formatted bibliography entry.</summary>
/// <param name="Id">The item's id.</param>
/// <param name="Text">The entry in the output format (an HTML entry includes its <c>csl-entry</c> wrapper).</param>
public sealed record CslBibliographyEntry(string Id, string Text);

/// <summary>
/// A formatted bibliography: the entries in the style's order, the layout the style asks for (hanging indent, spacing,
/// second-field alignment) and any problems met while formatting.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CslBibliography
{
    internal CslBibliography(CslOutputFormat format, IReadOnlyList<CslBibliographyEntry> entries, IReadOnlyList<Diagnostic> warnings, bool hangingIndent, string? secondFieldAlign, double lineSpacing, double entrySpacing)
    {
        Format = format;
        // The result keeps read-only copies: nothing the processor does later (another bibliography) changes it.
        Entries = [.. entries];
        Warnings = [.. warnings];
        HangingIndent = hangingIndent;
        SecondFieldAlign = secondFieldAlign;
        LineSpacing = lineSpacing;
        EntrySpacing = entrySpacing;
    }

    /// <summary>The output format the entries are in.</summary>
    public CslOutputFormat Format { get; }

    /// <summary>The entries, in bibliography order.</summary>
    public IReadOnlyList<CslBibliographyEntry> Entries { get; }

    /// <summary>The processor's own warnings (<see cref="CslProcessor.Warnings"/>: a missing locale), then the items that
    /// could not be formatted, and why (the rest are formatted).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; }

    /// <summary>Whether the style asks for a hanging indent.</summary>
    public bool HangingIndent { get; }

    /// <summary><c>flush</c> or <c>margin</c> when the first field is set apart (numbered styles), else <see langword="null"/>.</summary>
    public string? SecondFieldAlign { get; }

    /// <summary>Line spacing inside an entry (1 = single).</summary>
    public double LineSpacing { get; }

    /// <summary>Spacing between entries (1 = one blank line's worth).</summary>
    public double EntrySpacing { get; }

    /// <summary>The whole bibliography as one string: the format's start, every entry, the format's end.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Format.BibliographyStart);
        foreach (var entry in Entries)
        {
            sb.Append(entry.Text);
            if (Format.Name is not "html")
            {
                sb.Append('\n');
            }
        }

        return sb.Append(Format.BibliographyEnd).ToString();
    }
}
