using Citations.Csl.Locales;
using Citations.Csl.Styles;

namespace Citations.Csl.Evaluation;

/// <summary>
/// A style bound to its merged locale, with everything derived from them computed once: inherited name options per
/// section, the text-case and rich-text helpers. Immutable and thread-safe; shared by every render.
/// </summary>
internal sealed class StyleRuntime
{
    public StyleRuntime(CslStyle style, Locale locale, int maxElementsPerRender = RenderBudget.DefaultMaxElements)
    {
        Style = style;
        Locale = locale;
        MaxElementsPerRender = maxElementsPerRender;
        Caser = new TextCaser(locale.Language);
        RichText = new RichTextParser(locale.OpenQuote, locale.CloseQuote, locale.OpenInnerQuote, locale.CloseInnerQuote);
        CitationNameOptions = (style.Citation?.NameOptions ?? NameOptions.Empty).InheritFrom(style.NameOptions);
        BibliographyNameOptions = (style.Bibliography?.NameOptions ?? NameOptions.Empty).InheritFrom(style.NameOptions);
        StyleRendersYearSuffix = Uses(style, "year-suffix") || Uses(style, "citation-label");
        HasDisambiguateCondition = AllElements(style).OfType<ChooseElement>()
            .Any(c => c.Branches.Any(b => b.Conditions.Any(x => x.Kind == ConditionKind.Disambiguate && x.Values.Contains("true"))));
        var names = CitationNameOptions;
        TracksPositions = AllElements(style).OfType<ChooseElement>().Any(c => c.Branches.Any(b => b.Conditions.Any(x => x.Kind == ConditionKind.Position)))
            || (names.EtAlSubsequentMin is { } subsequentMin && subsequentMin != names.EtAlMin)
            || (names.EtAlSubsequentUseFirst is { } subsequentFirst && subsequentFirst != names.EtAlUseFirst);
        if (style.Citation is { } citation)
        {
            var cited = Descendants(citation.Layout.Children, followMacros: true).ToList();
            CitationPrintsNumbers = cited.Any(e => e is TextElement { Variable: "citation-number" } or NumberElement { Variable: "citation-number" });
            var testsPosition = cited.OfType<ChooseElement>().Any(c => c.Branches.Any(b => b.Conditions.Any(x => x.Kind == ConditionKind.Position)));

            // citeproc-js's grouped sort: in-text styles that collapse, and styles with a cite-group delimiter that
            // neither number their cites nor test positions.
            CitationGroupsByAuthor = (style.Class == CslStyleClass.InText && citation.Collapse != Collapse.None)
                || (citation.CiteGroupDelimiter is not null && !testsPosition && !CitationPrintsNumbers);
        }
    }

    /// <summary>How many elements one render may evaluate (<see cref="RenderBudget"/>).</summary>
    public int MaxElementsPerRender { get; }

    /// <summary>Whether the style prints year-suffix itself (otherwise it follows the first year).</summary>
    public bool StyleRendersYearSuffix { get; }

    /// <summary>Whether the style tests disambiguate="true" anywhere.</summary>
    public bool HasDisambiguateCondition { get; }

    /// <summary>
    /// Whether the style's output depends on cite positions: it tests a position, or its citations show other names on
    /// subsequent cites (citeproc-js's position update mode, in which a document's edits also re-render the citations
    /// of items whose first-reference note moved, or, in note styles testing <c>disambiguate="true"</c>, whose
    /// number of citations crossed from one to several).
    /// </summary>
    public bool TracksPositions { get; }

    /// <summary>Whether the citation layout prints citation numbers (a numeric style).</summary>
    public bool CitationPrintsNumbers { get; }

    /// <summary>Whether a sorted citation keeps the cites of one author together.</summary>
    public bool CitationGroupsByAuthor { get; }

    /// <summary>Every element of the style's layouts and macros, each once.</summary>
    private static IEnumerable<Element> AllElements(CslStyle style)
        => Descendants(
            style.Macros.Values.SelectMany(m => m.Children)
                .Concat(style.Citation?.Layouts.SelectMany(l => l.Children) ?? [])
                .Concat(style.Bibliography?.Layouts.SelectMany(l => l.Children) ?? []),
            followMacros: false);

    /// <summary>The elements under <paramref name="roots"/>, choose branches and (unless told not to) substitutes
    /// included; with <paramref name="followMacros"/>, the contents of the macros they call too (each macro once).</summary>
    private static IEnumerable<Element> Descendants(IEnumerable<Element> roots, bool followMacros, bool substitutes = true)
    {
        var stack = new Stack<Element>(roots);
        var macros = new HashSet<Macro>(ReferenceEqualityComparer.Instance);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            yield return element;
            var children = element switch
            {
                GroupElement g => g.Children,
                ChooseElement c => c.Branches.SelectMany(b => b.Children),
                NamesElement { Substitute: { } sub } when substitutes => sub,
                TextElement { Macro: { } m } when followMacros && macros.Add(m) => m.Children,
                _ => [],
            };
            foreach (var child in children)
            {
                stack.Push(child);
            }
        }
    }

    private static bool Uses(CslStyle style, string variable)
        => AllElements(style).Any(e => e is TextElement { Variable: { } v } && v == variable);

    public CslStyle Style { get; }

    private readonly Memo<(string Value, string Variable, string? CiteLabel), ParsedNumber> _numbers = new(50_000);

    /// <summary>A number variable parsed (the same value parses the same way in one style and locale); the caller
    /// gets its own copy to change.</summary>
    public ParsedNumber ParseNumber(string value, string variable, string? citeLabel)
        => _numbers.Get((value, variable, citeLabel), this, static (key, runtime) => NumberParser.Parse(key.Value, key.Variable, runtime.Locale, runtime.Style.PageRangeFormat, key.CiteLabel)).Clone();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TextCaser> _casers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The caser for an item's own language when that language has casing rules of its own (Turkish, Azeri,
    /// Lithuanian: "ic" is "İC" in Turkish); otherwise the style's.
    /// </summary>
    public TextCaser CaserFor(string? itemLanguage)
    {
        if (string.IsNullOrWhiteSpace(itemLanguage) || itemLanguage.Length < 2)
        {
            return Caser;
        }

        var two = itemLanguage[..2].ToLowerInvariant();
        if (two is not ("tr" or "az" or "lt") || (itemLanguage.Length > 2 && itemLanguage[2] is not ('-' or '_')))
        {
            return Caser;
        }

        return _casers.GetOrAdd(two, static language => new TextCaser(language));
    }

    public Locale Locale { get; }

    /// <summary>A writer of output trees in <paramref name="format"/> with the locale's quotation marks (one per thread).</summary>
    public Output.BlobWriter NewWriter(Output.CslOutputFormat format)
        => new(format, Locale.OpenQuote, Locale.CloseQuote, Locale.OpenInnerQuote, Locale.CloseInnerQuote);

    public TextCaser Caser { get; }

    public RichTextParser RichText { get; }

    public NameOptions CitationNameOptions { get; }

    public NameOptions BibliographyNameOptions { get; }
}
