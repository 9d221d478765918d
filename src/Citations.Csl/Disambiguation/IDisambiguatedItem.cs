using Citations.Csl.Evaluation;
using Citations.CslData;

namespace Citations.Csl.Disambiguation;

/// <summary>
/// A registered item as disambiguation sees it: what its ambiguous cite renders from, where it stands in the
/// bibliography (year suffixes follow that order), and the state disambiguation settles for it.
/// </summary>
internal interface IDisambiguatedItem
{
    CslItem Item { get; }

    /// <summary>Registration (first-cite) order, from 1.</summary>
    int Seq { get; }

    int CitationNumber { get; }

    /// <summary>The item's bibliography sort keys, when the bibliography is sorted.</summary>
    SortKeys.Lazy? BibliographyKeys { get; }

    /// <summary>How much more the item's cites show to be told apart; what disambiguation settles.</summary>
    DisambiguationState Disambiguation { get; set; }
}
