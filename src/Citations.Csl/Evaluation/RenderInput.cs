using Citations.Csl.Disambiguation;
using Citations.CslData;

namespace Citations.Csl.Evaluation;

/// <summary>What a render is for: a citation's cite, a bibliography entry, or a sort key.</summary>
internal enum RenderMode : byte { Citation, Bibliography, Sort }

/// <summary>Where a cite stands in the document (CSL positions), as flags so a cite can be "subsequent" and "ibid" at once.</summary>
[Flags]
internal enum CitePosition : byte
{
    First = 0,
    Subsequent = 1,
    IbidWithLocator = 2,
    Ibid = 4,
    NearNote = 8,
}

/// <summary>What one cite asks of the walk: its locator, author suppression and position (its affixes are rendered around the walk).</summary>
internal sealed class CiteInfo
{
    public static readonly CiteInfo Empty = new();

    public string? Locator { get; init; }
    public string? Label { get; init; }
    public bool SuppressAuthor { get; init; }
    public bool AuthorOnly { get; init; }
    public CitePosition Position { get; init; }
    public int? FirstReferenceNoteNumber { get; init; }
}

/// <summary>
/// The inputs of one render (a cite, a bibliography entry, a sort key): the item and everything settled about it
/// before the walk starts. Immutable; the walk's own state is in <see cref="RenderContext"/> and what it finds in
/// <see cref="RenderFindings"/>.
/// </summary>
internal sealed class RenderInput
{
    public required CslItem Item { get; init; }

    public required RenderMode Mode { get; init; }

    /// <summary>The cite's locator, affixes and position (empty outside citations).</summary>
    public CiteInfo Cite { get; init; } = CiteInfo.Empty;

    /// <summary>How much more the item's cites show to be told apart (settled by disambiguation).</summary>
    public DisambiguationState Disambiguation { get; init; } = DisambiguationState.None;

    public int CitationNumber { get; init; }

    /// <summary>The session's name registry (for the given-name rules), if any.</summary>
    public NameRegistry? NameRegistry { get; init; }

    /// <summary>Record the registry's answers in <see cref="RenderFindings.RegistryLookups"/>.</summary>
    public bool RecordsRegistryLookups { get; init; }

    /// <summary>
    /// An "ambiguous cite" render for disambiguation: the subsequent form as disambiguation compares it (no year
    /// suffix, no first-cite boost, no author suppression or collapsing).
    /// </summary>
    public bool IsProbe { get; init; }

    /// <summary>An author-only cite rendered for output: it keeps the first thing that renders (the author) alone.</summary>
    public bool AuthorOnly => Cite.AuthorOnly && Mode == RenderMode.Citation && !IsProbe;

    /// <summary>For a sort key: its names options (names-min, names-use-first, names-use-last).</summary>
    public Styles.SortKey? SortKey { get; init; }

    /// <summary>For a sort key: the section whose sort it is (a citation's keys use the citation's names options).</summary>
    public RenderMode SortSection { get; init; } = RenderMode.Bibliography;

    /// <summary>
    /// For a citation's sort key: the session's name registry, read (never added to) for each name's given-name floor,
    /// as citeproc-js's keys show the initials or given names the global given-name rules require.
    /// </summary>
    public NameRegistry? SortNameFloors { get; init; }

    /// <summary>
    /// For a cite of a citation: the state its cites share as they render in turn (the previous cite's author and
    /// years), which the walk reads and updates for author collapsing. <see langword="null"/> elsewhere.
    /// </summary>
    public ClusterState? Cluster { get; init; }

    /// <summary>Whether the style collapses cites: a cite continues a same-author run until it renders something
    /// that ends it (see <see cref="RenderFindings.HaveCollapsed"/>).</summary>
    public bool CollapsesCites { get; init; }

    /// <summary>Whether text came before this render (an earlier cite of the citation): terms then keep their case.</summary>
    public bool TermPredecessor { get; init; }

    /// <summary>The decorations enclosing the layout (a bibliography layout's formatting, a citation layout's).</summary>
    public DecorationScope Scope { get; init; } = DecorationScope.Empty;
}

/// <summary>What the cites of one citation share while it is rendered: the last author and years, for collapsing.</summary>
internal sealed class ClusterState
{
    public string? LastNames { get; set; }

    public List<int> LastYears { get; set; } = [];
}
