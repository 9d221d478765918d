using Citations.CslData;

namespace Citations.Csl.Evaluation;

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

/// <summary>What one cite asks for: locator, affixes, position, and the note it sits in.</summary>
internal sealed class CiteInfo
{
    public static readonly CiteInfo Empty = new();

    public string? Locator { get; init; }
    public string? Label { get; init; }
    public string? Prefix { get; init; }
    public string? Suffix { get; init; }
    public bool SuppressAuthor { get; init; }
    public bool AuthorOnly { get; init; }
    public CitePosition Position { get; set; }
    public int? FirstReferenceNoteNumber { get; set; }
    public int NoteNumber { get; init; }
}

/// <summary>
/// How much more a cite shows to tell it apart from others: names beyond et-al, given names or initials, a year
/// suffix, and whether the <c>disambiguate</c> condition is on. Changing these and rendering again needs no reparse.
/// </summary>
internal sealed class DisambiguationState
{
    public static readonly DisambiguationState None = new();

    /// <summary>Names to show per name list (by order of rendering in the cite).</summary>
    public List<int> Names { get; set; } = [];

    /// <summary>Given-name level per name list and name: 0 none, 1 initials, 2 full.</summary>
    public List<List<int>> Givens { get; set; } = [];

    /// <summary>The year suffix as a 0-based index ("a" is 0), or <see langword="null"/> for none.</summary>
    public int? YearSuffixIndex { get; set; }

    /// <summary>How many <c>disambiguate="true"</c> tests pass, in evaluation order (0: none).</summary>
    public int Disambiguate { get; set; }

    /// <summary>Whether this state was set by disambiguation (a request) rather than being the style's defaults.</summary>
    public bool IsRequest { get; set; }

    /// <summary>The year suffix as citeproc-js numbers it for output (1 for "a"), 0 for none.</summary>
    public int YearSuffix => YearSuffixIndex is { } i ? i + 1 : 0;

    public DisambiguationState Clone() => new()
    {
        Names = [.. Names],
        Givens = Givens.Select(g => new List<int>(g)).ToList(),
        YearSuffixIndex = YearSuffixIndex,
        Disambiguate = Disambiguate,
        IsRequest = IsRequest,
    };

    /// <summary>Gives every shown name a given-name level (0 when unset), as citeproc-js pads its configuration.</summary>
    public void Pad()
    {
        for (var i = 0; i < Names.Count; i++)
        {
            while (Givens.Count <= i)
            {
                Givens.Add([]);
            }

            while (Givens[i].Count < Names[i])
            {
                Givens[i].Add(0);
            }
        }
    }

    /// <summary>Everything that changes how a cite renders, as text (to tell whether re-rendering is needed).</summary>
    public string Fingerprint()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(YearSuffixIndex ?? -1).Append('|').Append(Disambiguate).Append('|');
        foreach (var n in Names)
        {
            sb.Append(n).Append(',');
        }

        foreach (var g in Givens)
        {
            sb.Append('/');
            foreach (var level in g)
            {
                sb.Append(level);
            }
        }

        return sb.ToString();
    }

    /// <summary>Whether two states render differently.</summary>
    public bool DiffersFrom(DisambiguationState other)
    {
        if (Names.Count != other.Names.Count || YearSuffixIndex != other.YearSuffixIndex || Disambiguate != other.Disambiguate)
        {
            return true;
        }

        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] != other.Names[i])
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The state of rendering one cite or bibliography entry. Not thread-safe; one per render.</summary>
internal sealed class RenderContext
{
    public RenderContext(CslItem item, RenderMode mode, CiteInfo cite, DisambiguationState disambiguation)
    {
        Item = item;
        Mode = mode;
        Cite = cite;
        Disambiguation = disambiguation;
    }

    public CslItem Item { get; }

    /// <summary>The document's name registry (for givenname disambiguation rules), if any.</summary>
    public NameRegistry? NameRegistry { get; init; }

    /// <summary>When set, the registry's answers to this render are recorded here.</summary>
    public List<NameRegistry.Lookup>? RegistryLog { get; init; }

    /// <summary>A probe render: the "ambiguous cite" disambiguation compares (no year suffix, no first-cite boost).</summary>
    public bool IsProbe { get; init; }

    /// <summary>The settings this render actually used: names shown and given-name levels per list.</summary>
    public DisambiguationState Settings { get; } = new();

    /// <summary>The number of names in each list before truncation.</summary>
    public List<int> NamesMax { get; } = [];

    /// <summary>disambiguate="true" tests that passed so far in this render.</summary>
    public int DisambiguateCount { get; set; }

    /// <summary>disambiguate="true" tests evaluated so far in this render.</summary>
    public int DisambiguateMax { get; set; }

    /// <summary>State shared by the cites of one citation, for collapsing; <see langword="null"/> outside citations.</summary>
    public ClusterState? Cluster { get; init; }

    /// <summary>Whether this cite continues a run of cites by the same author (citeproc-js "have_collapsed").</summary>
    public bool HaveCollapsed { get; set; }

    /// <summary>Whether the delimiter before this cite is the cite-group delimiter.</summary>
    public bool UseCiteGroupDelimiter { get; set; }

    /// <summary>Years rendered by this cite, for year collapsing.</summary>
    public List<int> YearsUsed { get; } = [];

    /// <summary>Whether the first cs:names of the cite has been handled (author suppression and collapsing).</summary>
    public bool FirstNamesHandled { get; set; }

    /// <summary>Whether the year suffix has been added after a year in this render.</summary>
    public bool YearSuffixDone { get; set; }

    public RenderMode Mode { get; }

    public CiteInfo Cite { get; }

    public DisambiguationState Disambiguation { get; }

    public int CitationNumber { get; set; }

    /// <summary>Variables already rendered through cs:substitute; they are not rendered again in the same cite.</summary>
    public HashSet<string>? Substituted { get; set; }

    /// <summary>Variables called by rendering elements so far (for group suppression).</summary>
    public int VariablesCalled { get; set; }

    /// <summary>Variables that rendered something so far.</summary>
    public int VariablesRendered { get; set; }

    public DecorationScope Scope { get; set; } = DecorationScope.Empty;

    /// <summary>Counts cs:names lists rendered in the cite, to index disambiguation settings.</summary>
    public int NameListIndex { get; set; }

    /// <summary>For sort keys: names options override (names-min, names-use-first, names-use-last).</summary>
    public Styles.SortKey? SortKey { get; set; }

    /// <summary>When sorting, the section whose sort this is (its names options apply: a citation's et-al).</summary>
    public RenderMode SortSection { get; set; } = RenderMode.Bibliography;

    /// <summary>The names the first cs:names element rendered, as text (for subsequent-author-substitute and collapsing).</summary>
    public Output.Blob? FirstNames { get; set; }

    /// <summary>While a cs:substitute renders, the cs:names element it belongs to (its name, et-al and label options are
    /// inherited by every childless cs:names written inside it, however deep, as citeproc-js does).</summary>
    public Styles.NamesElement? SubstituteParent { get; set; }

    public bool InSubstitute => SubstituteParent is not null;

    /// <summary>Inside a cs:substitute: the raw value of the first text variable rendered (what subsequent-author-substitute
    /// compares when a macro stands in for the author).</summary>
    public string? SubstituteKey { get; set; }

    /// <summary>When sorting by a macro that holds a date: the date keys collected (nothing else counts).</summary>
    public List<string>? DateSortKeys { get; set; }

    /// <summary>Whether text has been output before (in this cite or, in a citation, a previous cite): a term that comes
    /// first is capitalized in notes and bibliographies.</summary>
    public bool TermPredecessor { get; set; }

    /// <summary>How many text nodes have been made so far (to know whether anything precedes the names).</summary>
    public int TextsMade { get; set; }

    /// <summary>The names the entry leads with, for subsequent-author-substitute; set by the first cs:names.</summary>
    public AuthorNames? LeadingNames { get; set; }

    /// <summary>Whether the first cs:names element has started (only it is recorded).</summary>
    public bool NamesRecorded { get; set; }

    /// <summary>With second-field-align: whether the first top-level element has been rendered.</summary>
    public bool FirstFieldSeen { get; set; }

    /// <summary>Names lists actually rendered (for disambiguation: how many names each list had in all).</summary>
    public List<(int Total, int Shown, IReadOnlyList<PersonName?> Names)> NameLists { get; } = [];

    /// <summary>Whether the cite rendered the year suffix somewhere (otherwise it is appended to the first date).</summary>
    public bool RenderedYearSuffix { get; set; }

    /// <summary>How deep the element being rendered is (0 for the layout's own children).</summary>
    public int Nesting { get; set; }

    /// <summary>How many macro calls enclose the element being rendered (bounded against runaway styles).</summary>
    public int MacroDepth { get; set; }

    /// <summary>Whether an author-only cite has rendered its author (everything after it is dropped).</summary>
    public bool AuthorOnlyDone { get; set; }

    public bool IsSuppressed(string variable) => Substituted is not null && Substituted.Contains(variable);
}

/// <summary>The names an entry leads with: what subsequent-author-substitute compares and replaces.</summary>
internal sealed class AuthorNames
{
    public required Output.Blob Container { get; init; }

    public List<Output.Blob> NameBlobs { get; } = [];

    public List<string> Keys { get; } = [];

    public Output.Blob? Label { get; set; }

    public required bool Eligible { get; init; }
}

/// <summary>What the cites of one citation share while it is rendered: the last author and years, for collapsing.</summary>
internal sealed class ClusterState
{
    public string? LastNames { get; set; }

    public List<int> LastYears { get; set; } = [];
}
