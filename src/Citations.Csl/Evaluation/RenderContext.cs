using Citations.Csl.Disambiguation;
using Citations.Csl.Output;
using Citations.Csl.Styles;

namespace Citations.Csl.Evaluation;

/// <summary>
/// One walk of a style's elements for one item: its inputs (<see cref="Input"/>, immutable), the walk's own state
/// (the members of this class, which only the renderer touches) and what the walk finds (<see cref="Found"/>, read back
/// by the code that asked for the render). Not thread-safe; one per render.
/// </summary>
internal sealed class RenderContext
{
    public RenderContext(RenderInput input)
    {
        Input = input;
        Scope = input.Scope;
        Found = new RenderFindings
        {
            HaveCollapsed = input.CollapsesCites,
            TermPredecessor = input.TermPredecessor,
            RegistryLookups = input.RecordsRegistryLookups ? [] : null,
        };
    }

    public RenderInput Input { get; }

    public RenderFindings Found { get; }

    /// <summary>The decorations enclosing the element being rendered.</summary>
    public DecorationScope Scope { get; set; }

    /// <summary>How deep the element being rendered is (0 for the layout's own children).</summary>
    public int Nesting { get; set; }

    /// <summary>How many macro calls enclose the element being rendered (bounded against runaway styles).</summary>
    public int MacroDepth { get; set; }

    /// <summary>How many elements this render has evaluated (bounded by the style runtime's budget).</summary>
    public int ElementsEvaluated { get; set; }

    /// <summary>Variables called by rendering elements so far (for group suppression).</summary>
    public int VariablesCalled { get; set; }

    /// <summary>Variables that rendered something so far.</summary>
    public int VariablesRendered { get; set; }

    /// <summary>How many text nodes have been made so far (to know whether anything precedes the names).</summary>
    public int TextsMade { get; set; }

    /// <summary>Counts cs:names lists rendered in the cite, to index disambiguation settings.</summary>
    public int NameListIndex { get; set; }

    /// <summary>Variables already rendered through cs:substitute; they are not rendered again in the same cite.</summary>
    public HashSet<string>? Substituted { get; set; }

    /// <summary>While one cs:substitute child renders, the variables it printed (those, and only those, are then
    /// <see cref="Substituted"/>: a variable a macro could print but did not is printed later, as citeproc-js does).</summary>
    public HashSet<string>? SubstituteRendered { get; set; }

    /// <summary>While a cs:substitute renders, the cs:names element it belongs to (its name, et-al and label options are
    /// inherited by every childless cs:names written inside it, however deep, as citeproc-js does).</summary>
    public NamesElement? SubstituteParent { get; set; }

    public bool InSubstitute => SubstituteParent is not null;

    /// <summary>Inside a cs:substitute: the raw value of the first text variable rendered (what subsequent-author-substitute
    /// compares when a macro stands in for the author).</summary>
    public string? SubstituteKey { get; set; }

    /// <summary>When sorting by a macro that holds a date: the date keys collected (nothing else counts).</summary>
    public List<string>? DateSortKeys { get; set; }

    /// <summary>Whether the first cs:names of the cite has been handled (author suppression and collapsing).</summary>
    public bool FirstNamesHandled { get; set; }

    /// <summary>Whether the first cs:names element has started (only it is recorded for subsequent-author-substitute).</summary>
    public bool NamesRecorded { get; set; }

    /// <summary>With second-field-align: whether the first top-level element has been rendered.</summary>
    public bool FirstFieldSeen { get; set; }

    /// <summary>Whether an author-only cite has rendered its author (everything after it is dropped).</summary>
    public bool AuthorOnlyDone { get; set; }

    /// <summary>Whether the year suffix has been added after a year in this render.</summary>
    public bool YearSuffixDone { get; set; }

    public bool IsSuppressed(string variable) => Substituted is not null && Substituted.Contains(variable);
}

/// <summary>What a walk found out, read back once it is done: the settings it used (disambiguation compares them), the
/// names and years it rendered (collapsing, subsequent-author-substitute, grouped sorting).</summary>
internal sealed class RenderFindings
{
    /// <summary>The settings this render actually used: names shown and given-name levels per list.</summary>
    public DisambiguationState Settings { get; } = new();

    /// <summary>The number of names in each list before truncation.</summary>
    public List<int> NamesMax { get; } = [];

    /// <summary>disambiguate="true" tests that passed in this render.</summary>
    public int DisambiguateCount { get; set; }

    /// <summary>disambiguate="true" tests evaluated in this render.</summary>
    public int DisambiguateMax { get; set; }

    /// <summary>The registry's answers to this render, when <see cref="RenderInput.RecordsRegistryLookups"/>.</summary>
    public List<NameRegistry.Lookup>? RegistryLookups { get; init; }

    /// <summary>Years rendered by this cite, for year collapsing.</summary>
    public List<int> YearsUsed { get; } = [];

    /// <summary>The names the first cs:names element rendered (grouped sorting compares their text).</summary>
    public Blob? FirstNames { get; set; }

    /// <summary>The names the entry leads with, tagged for subsequent-author-substitute; set by the first cs:names.</summary>
    public AuthorNames? LeadingNames { get; set; }

    /// <summary>Whether this cite continues a run of cites by the same author (citeproc-js "have_collapsed").</summary>
    public bool HaveCollapsed { get; set; }

    /// <summary>Whether the delimiter before this cite is the cite-group delimiter.</summary>
    public bool UseCiteGroupDelimiter { get; set; }

    /// <summary>Whether text has been output (in this cite or, in a citation, an earlier one): a term that comes first
    /// is capitalized in notes and bibliographies. The next cite of the citation starts from it.</summary>
    public bool TermPredecessor { get; set; }
}
