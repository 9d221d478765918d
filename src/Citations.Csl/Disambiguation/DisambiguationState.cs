namespace Citations.Csl.Disambiguation;

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

    /// <summary>
    /// The state a bibliography entry renders with. As in citeproc-js, the names and given names a cite shows enter
    /// the bibliography only under the option that adds them in disambiguation (<c>disambiguate-add-names</c>,
    /// <c>disambiguate-add-givenname</c>); the year suffix and the <c>disambiguate</c> condition always do.
    /// </summary>
    public DisambiguationState ForBibliography(bool addNames, bool addGivenNames)
    {
        if (addNames && addGivenNames)
        {
            return this;
        }

        var state = Clone();
        if (!addNames)
        {
            state.Names = [];
        }

        if (!addGivenNames)
        {
            state.Givens = [];
        }

        // Neither added: the entry renders its names as the style alone says.
        state.IsRequest = addNames || addGivenNames;
        return state;
    }

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
}
