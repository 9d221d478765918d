using Citations.Csl.Evaluation;
using Citations.Csl.Output;
using Citations.Csl.Styles;
using Citations.Diagnostics;

namespace Citations.Csl.Processing;

/// <summary>
/// Writes the bibliography of a session's registered items: renders each entry (on the machine's cores for a long
/// list), applies subsequent-author-substitute, puts the layout's affixes on, reconciles punctuation and writes the
/// entries in the output format. An entry the style cannot format is left out with a diagnostic.
/// </summary>
internal sealed class BibliographyWriter(StyleRuntime runtime, Renderer renderer, ItemRegistry registry, RangeRunner runner, CslOutputFormat format)
{
    private CslStyle Style => runtime.Style;

    /// <summary>The bibliography of the registered items, as the style sorts it.</summary>
    public CslBibliography Write()
    {
        var section = Style.Bibliography;
        var entries = new List<CslBibliographyEntry>();
        if (section is null)
        {
            return new CslBibliography(format, entries, [], false, null, 1, 1);
        }

        var selected = registry.Sorted();

        // Entries render independently (disambiguation is settled by now, and an entry adds names only to a registry
        // that files them per item), so a long list is rendered in ranges on the machine's cores. Subsequent-author-
        // substitute compares each entry with the one before: within a range that is the previous entry; a range's
        // first entry waits until the ranges before it are done.
        var texts = new string?[selected.Count];
        var errors = new CslException?[selected.Count];
        var warnings = new List<Diagnostic>();
        var ranges = runner.ForEachRange(selected.Count, () => runtime.NewWriter(format), (writer, start, end) =>
        {
            var range = new RangeState(writer);
            for (var i = start; i < end; i++)
            {
                var done = RenderEntryContent(selected[i], section);
                if (done.Error is not null)
                {
                    errors[i] = done.Error;
                    continue;
                }

                if (!range.HasEntry)
                {
                    range.HasEntry = true;
                    range.First = (i, done);
                }
                else
                {
                    SubsequentAuthorSubstitute.Apply(range.LastKeys, done.LeadingNames, section);
                    texts[i] = done.Content is { } content ? WriteEntry(content, section.Layout, writer) : null;
                }

                range.LastKeys = SubsequentAuthorSubstitute.KeysOf(done.LeadingNames);
            }

            return range;
        });

        List<string>? lastKeys = null;
        foreach (var range in ranges)
        {
            if (!range.HasEntry)
            {
                continue;
            }

            var (index, first) = range.First;
            SubsequentAuthorSubstitute.Apply(lastKeys, first.LeadingNames, section);
            texts[index] = first.Content is { } content ? WriteEntry(content, section.Layout, range.Writer) : null;
            lastKeys = range.LastKeys;
        }

        for (var i = 0; i < selected.Count; i++)
        {
            if (errors[i] is { } e)
            {
                warnings.Add(new Diagnostic(DiagnosticSeverity.Error, CslDiagnosticCodes.EntryNotFormatted, $"Item '{selected[i].Item.Id.Text}' could not be formatted: {e.Problem}", e.Location));
                continue;
            }

            var text = texts[i];
            if (text is null && runtime.CitationPrintsNumbers)
            {
                // A numbered list keeps its numbering: an entry that renders nothing is shown as an error line.
                text = format.BibliographyEntry(format.Escape($"{entries.Count + 1}. [CSL STYLE ERROR: reference with no printed form.]"));
            }

            if (text is not null)
            {
                entries.Add(new CslBibliographyEntry(selected[i].Item.Id.Text, text));
            }
        }

        var align = section.SecondFieldAlign switch
        {
            SecondFieldAlign.Flush => "flush",
            SecondFieldAlign.Margin => "margin",
            _ => null,
        };
        return new CslBibliography(format, entries, warnings, section.HangingIndent, align, section.LineSpacing, section.EntrySpacing);
    }

    /// <summary>An entry's output tree before subsequent-author-substitute and writing, or the error that stopped it.</summary>
    private readonly record struct RenderedEntry(Blob? Content, AuthorNames? LeadingNames, CslException? Error);

    /// <summary>What rendering a range of entries leaves for the ranges after it.</summary>
    private sealed class RangeState(BlobWriter writer)
    {
        public BlobWriter Writer { get; } = writer;

        /// <summary>Whether an entry of the range rendered (without error).</summary>
        public bool HasEntry { get; set; }

        /// <summary>The range's first entry, kept unwritten until the entry before it is known.</summary>
        public (int Index, RenderedEntry Entry) First { get; set; }

        /// <summary>The leading names of the range's last entry (subsequent-author-substitute compares with them).</summary>
        public List<string>? LastKeys { get; set; }
    }

    /// <summary>Renders an entry's layout. Reads the session's settled state only, so entries may render concurrently.</summary>
    private RenderedEntry RenderEntryContent(RegisteredItem entry, BibliographySection section)
    {
        try
        {
            var ctx = new RenderContext(new RenderInput
            {
                Item = entry.Item,
                Mode = RenderMode.Bibliography,
                Disambiguation = entry.Disambiguation.ForBibliography(Style.Citation!.DisambiguateAddNames, Style.Citation.DisambiguateAddGivenName),
                CitationNumber = entry.CitationNumber,
                NameRegistry = registry.Names,
                Scope = DecorationScope.Empty.Push(Decorations.From(section.Layout.Decor.Formatting, section.Layout.Decor.Quotes)),
            });
            var content = renderer.RenderLayout(section.Layout, ctx);
            return new RenderedEntry(content.Children!.Count == 0 ? null : content, ctx.Found.LeadingNames, null);
        }
        catch (CslException e)
        {
            return new RenderedEntry(null, null, e);
        }
    }

    /// <summary>Puts the layout's affixes and formatting on an entry's content, reconciles punctuation and writes it.</summary>
    private string? WriteEntry(Blob content, Layout layout, BlobWriter writer)
    {
        // When the layout's first element is displayed, or the second field is aligned, the layout suffix goes inside
        // the last block, as citeproc-js does.
        var aligned = Style.Bibliography!.SecondFieldAlign != SecondFieldAlign.None && content.Children![^1].Display == Display.RightInline;
        if (aligned || (layout.Children.Count > 0 && layout.Children[0].Decor.Display != Display.None && content.Children![^1].Display != Display.None))
        {
            content.Children![^1].Suffix = layout.Decor.Suffix;
        }
        else
        {
            content.Suffix = layout.Decor.Suffix;
        }

        if (layout.Decor.Prefix.Length > 0)
        {
            content.Children![0].Prefix = layout.Decor.Prefix + content.Children[0].Prefix;
        }

        var root = Blob.Node();
        root.Decorations = Decorations.From(layout.Decor.Formatting, layout.Decor.Quotes);
        root.Add(content);
        PunctuationAdjuster.Adjust(root, runtime.Locale.PunctuationInQuote);
        var text = writer.Write(root);
        return text.Length == 0 ? null : format.BibliographyEntry(text);
    }
}
