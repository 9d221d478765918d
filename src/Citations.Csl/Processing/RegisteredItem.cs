using Citations.Csl.Disambiguation;
using Citations.Csl.Evaluation;
using Citations.CslData;

namespace Citations.Csl.Processing;

/// <summary>An item registered in a session: its place in first-cite order, its citation number, sort keys and
/// disambiguation, and what its cites' output depends on (to tell when they must be rendered again).</summary>
internal sealed class RegisteredItem(CslItem item, int seq) : IDisambiguatedItem
{
    public CslItem Item { get; } = item;

    public int Seq { get; set; } = seq;

    public int CitationNumber { get; set; }

    public SortKeys.Lazy? BibliographyKeys { get; set; }

    public DisambiguationState Disambiguation { get; set; } = new();

    /// <summary>Everything about the item that shapes its cites (number, ambiguous cite, disambiguation), as last computed.</summary>
    public string? Signature { get; set; }

    /// <summary>Bumped whenever <see cref="Signature"/> changes: cites of this item must be rendered again.</summary>
    public int Version { get; set; }
}
