using Citations.Csl.Locales;
using Citations.Csl.Styles;

namespace Citations.Csl.Evaluation;

/// <summary>
/// A style bound to its merged locale, with everything derived from them computed once: inherited name options per
/// section, the text-case and rich-text helpers. Immutable and thread-safe; shared by every render.
/// </summary>
internal sealed class StyleRuntime
{
    public StyleRuntime(CslStyle style, Locale locale)
    {
        Style = style;
        Locale = locale;
        Caser = new TextCaser(locale.Language);
        RichText = new RichTextParser(locale.OpenQuote, locale.CloseQuote, locale.OpenInnerQuote, locale.CloseInnerQuote);
        CitationNameOptions = (style.Citation?.NameOptions ?? NameOptions.Empty).InheritFrom(style.NameOptions);
        BibliographyNameOptions = (style.Bibliography?.NameOptions ?? NameOptions.Empty).InheritFrom(style.NameOptions);
        StyleRendersYearSuffix = Uses(style, "year-suffix") || Uses(style, "citation-label");
        HasDisambiguateCondition = UsesDisambiguate(style);
    }

    /// <summary>Whether the style prints year-suffix itself (otherwise it follows the first year).</summary>
    public bool StyleRendersYearSuffix { get; }

    /// <summary>Whether the style tests disambiguate="true" anywhere.</summary>
    public bool HasDisambiguateCondition { get; }

    private static IEnumerable<Element> AllElements(CslStyle style)
    {
        var roots = style.Macros.Values.SelectMany(m => m.Children)
            .Concat(style.Citation?.Layouts.SelectMany(l => l.Children) ?? [])
            .Concat(style.Bibliography?.Layouts.SelectMany(l => l.Children) ?? []);
        var stack = new Stack<Element>(roots);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            yield return element;
            var children = element switch
            {
                GroupElement g => g.Children,
                ChooseElement c => c.Branches.SelectMany(b => b.Children),
                NamesElement { Substitute: { } sub } => sub,
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

    private static bool UsesDisambiguate(CslStyle style)
        => AllElements(style).OfType<ChooseElement>().Any(c => c.Branches.Any(b => b.Conditions.Any(x => x.Kind == ConditionKind.Disambiguate && x.Values.Contains("true"))));

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

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Element, string[]> _variablesOf = new(ReferenceEqualityComparer.Instance);

    /// <summary>Every variable an element can render, macros followed (computed once per element).</summary>
    public string[] VariablesOf(Element element)
        => _variablesOf.GetOrAdd(element, static (e, runtime) => [.. runtime.CollectVariables(e, 0).Distinct(StringComparer.Ordinal)], this);

    private IEnumerable<string> CollectVariables(Element element, int depth)
    {
        if (depth > 64)
        {
            return [];
        }

        return element switch
        {
            TextElement { Variable: { } v } => [v],
            TextElement { Macro: { } m } => m.Children.SelectMany(c => CollectVariables(c, depth + 1)),
            NumberElement n => [n.Variable],
            DateElement d => [d.Variable],
            NamesElement names => names.Variables,
            GroupElement g => g.Children.SelectMany(c => CollectVariables(c, depth + 1)),
            ChooseElement c => c.Branches.SelectMany(b => b.Children).SelectMany(x => CollectVariables(x, depth + 1)),
            _ => [],
        };
    }

    public Locale Locale { get; }

    public TextCaser Caser { get; }

    public RichTextParser RichText { get; }

    public NameOptions CitationNameOptions { get; }

    public NameOptions BibliographyNameOptions { get; }
}
