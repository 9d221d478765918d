using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.CslData;
using Citations.Diagnostics;

namespace Citations.Cli.Commands;

/// <summary>What <c>citations format</c> formatted, and its two printed shapes: render.js's plain output and its JSON.</summary>
/// <param name="Citations">The citations' texts, in order.</param>
/// <param name="Bibliography">The bibliography, if one was made.</param>
/// <param name="Warnings">The processor's warnings worth a line on standard error.</param>
internal sealed record FormatOutput(IReadOnlyList<string> Citations, CslBibliography? Bibliography, IReadOnlyList<Diagnostic> Warnings)
{
    /// <summary>Whether a bibliography was asked for but the style has none.</summary>
    public bool BibliographyMissing { get; init; }

    /// <summary>Formats the citations (if any) and the bibliography: of every item without citations, of the cited items
    /// with <paramref name="withBibliography"/>.</summary>
    public static FormatOutput Create(CslProcessor processor, CslStyle style, IReadOnlyList<CslItem> items, List<CslCitation>? citations, bool withBibliography)
    {
        IReadOnlyList<string> texts = [];
        CslBibliography? bibliography = null;
        var warnings = new List<Diagnostic>();
        if (citations is not null)
        {
            var result = processor.FormatDocument(items, citations, withBibliography);
            texts = result.Citations;
            bibliography = result.Bibliography;
            // Informational notes (a locator taken as a page) are not worth a line on stderr.
            warnings.AddRange(result.Warnings.Where(w => w.Severity != DiagnosticSeverity.Info));
        }
        else if (style.HasBibliography)
        {
            bibliography = processor.FormatBibliography(items);
        }

        warnings.AddRange(bibliography?.Warnings ?? []);
        return new FormatOutput(texts, bibliography, warnings.Distinct().ToList())
        {
            BibliographyMissing = (citations is null || withBibliography) && !style.HasBibliography,
        };
    }

    /// <summary>render.js's plain output: the citations, then the bibliography (HTML as one block with its wrapper).</summary>
    public string Text(CslOutputFormat format)
    {
        var lines = new List<string>(Citations);
        if (Bibliography is not null)
        {
            if (format == CslOutputFormat.Html)
            {
                lines.Add(format.BibliographyStart + string.Concat(Bibliography.Entries.Select(e => e.Text)) + format.BibliographyEnd);
            }
            else
            {
                lines.AddRange(Entries());
            }
        }

        return lines.Count == 0 ? string.Empty : string.Join('\n', lines) + "\n";
    }

    /// <summary>render.js's <c>--json</c> output, byte for byte.</summary>
    public string Json() => ScriptJson.Write([("citations", Citations), ("bibliography", Entries())]) + "\n";

    /// <summary>The entries with their one trailing line break removed, as render.js gives them.</summary>
    private List<string> Entries()
        => Bibliography?.Entries.Select(e => e.Text.EndsWith("\r\n", StringComparison.Ordinal) ? e.Text[..^2] : e.Text.EndsWith('\n') ? e.Text[..^1] : e.Text).ToList() ?? [];
}
