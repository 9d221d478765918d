using Citations.Csl.Evaluation;
using Citations.Csl.Output;
using Citations.Csl.Styles;

namespace Citations.Csl.Disambiguation;

/// <summary>What rendering an item's ambiguous cite under some settings gave: its text and the settings it used.</summary>
/// <param name="Text">The cite as plain text.</param>
/// <param name="Settings">The settings the render used (names shown and given-name levels per list).</param>
/// <param name="NamesMax">How many names each list has in all.</param>
/// <param name="DisambiguateCount">How many <c>disambiguate="true"</c> tests passed.</param>
/// <param name="DisambiguateMax">How many <c>disambiguate="true"</c> tests were evaluated.</param>
/// <param name="RegistryLookups">The name registry's answers, when asked for.</param>
internal sealed record ProbeResult(string Text, DisambiguationState Settings, List<int> NamesMax, int DisambiguateCount, int DisambiguateMax, List<NameRegistry.Lookup>? RegistryLookups);

/// <summary>
/// Renders items' "ambiguous cites", what disambiguation compares: the subsequent citation form of an item (a
/// near-note cite without locator or affixes), as plain text, without year suffix, first-cite boost, author
/// suppression or collapsing. Reads the style only, so renders may run on several threads (each with its own writer).
/// </summary>
internal sealed class AmbiguousCites(StyleRuntime runtime, Renderer renderer)
{
    private static readonly CiteInfo SubsequentNearNote = new() { Position = CitePosition.Subsequent | CitePosition.NearNote };

    private CslStyle Style => runtime.Style;

    /// <summary>Renders an item's ambiguous cite under <paramref name="request"/> (the style's defaults when null).</summary>
    /// <param name="item">The item.</param>
    /// <param name="request">The settings to render with; it records the settings the render actually used, as in citeproc-js.</param>
    /// <param name="names">The name registry the render consults (and adds to).</param>
    /// <param name="writer">A plain-text writer of the calling thread.</param>
    /// <param name="recordLookups">Whether to record the registry's answers.</param>
    public ProbeResult Render(IDisambiguatedItem item, DisambiguationState? request, NameRegistry names, BlobWriter writer, bool recordLookups = false)
    {
        var ctx = new RenderContext(Input(item, request ?? new DisambiguationState(), names, recordLookups));
        Blob blob;
        try
        {
            blob = renderer.RenderLayout(Style.Citation!.Layout, ctx);
        }
        catch (CslException)
        {
            // The style cannot render this item (a runaway style): its cite looks like no other, so nothing is
            // disambiguated against it; the cite or entry rendered for output reports the error.
            return new ProbeResult("\u0000" + item.Item.Id.Text, new DisambiguationState(), [], 0, 0, ctx.Found.RegistryLookups);
        }

        PunctuationAdjuster.Adjust(blob, runtime.Locale.PunctuationInQuote);
        var text = writer.Write(blob);
        var found = ctx.Found;
        DisambiguationState settings;
        if (request is null)
        {
            settings = found.Settings.Clone();
        }
        else
        {
            // Like citeproc-js, the request records what the render actually used, list by list and name by name:
            // a name list the render did not reach (under a disambiguate condition that failed) keeps what the
            // request had. The settings are the request's after that.
            Record(request, found.Settings);
            settings = request.Clone();
            settings.IsRequest = false;
            settings.YearSuffixIndex = null;
        }

        return new ProbeResult(text, settings, [.. found.NamesMax], found.DisambiguateCount, found.DisambiguateMax, found.RegistryLookups);
    }

    /// <summary>Writes the names shown and given-name levels a render used over the request's.</summary>
    private static void Record(DisambiguationState request, DisambiguationState used)
    {
        var names = new List<int>(request.Names);
        for (var i = 0; i < used.Names.Count; i++)
        {
            while (names.Count <= i)
            {
                names.Add(0);
            }

            names[i] = used.Names[i];
        }

        var givens = request.Givens.Select(g => new List<int>(g)).ToList();
        for (var i = 0; i < used.Givens.Count; i++)
        {
            while (givens.Count <= i)
            {
                givens.Add([]);
            }

            for (var j = 0; j < used.Givens[i].Count; j++)
            {
                while (givens[i].Count <= j)
                {
                    givens[i].Add(0);
                }

                givens[i][j] = used.Givens[i][j];
            }
        }

        request.Names = names;
        request.Givens = givens;
    }

    /// <summary>The plain text of the names an item's cite leads with (its ambiguous cite under its settled state).</summary>
    public string? LeadingNamesText(IDisambiguatedItem item, NameRegistry names)
    {
        var ctx = new RenderContext(Input(item, item.Disambiguation, names, recordLookups: false));
        try
        {
            renderer.RenderLayout(Style.Citation!.Layout, ctx);
        }
        catch (CslException)
        {
            // Reported by the cite rendered for output.
            return string.Empty;
        }

        return SortKeys.Plain(ctx.Found.FirstNames);
    }

    private static RenderInput Input(IDisambiguatedItem item, DisambiguationState state, NameRegistry names, bool recordLookups) => new()
    {
        Item = item.Item,
        Mode = RenderMode.Citation,
        Cite = SubsequentNearNote,
        Disambiguation = state,
        CitationNumber = item.CitationNumber,
        NameRegistry = names,
        RecordsRegistryLookups = recordLookups,
        IsProbe = true,
    };
}
