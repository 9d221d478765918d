namespace Citations.Csl.Styles;

// The compiled style tree. Every node is immutable after parsing; the evaluator reads it from many threads at once.

internal abstract class Element
{
    public Decor Decor { get; init; } = Decor.Empty;

    /// <summary>The 1-based line of the element in the style file, for messages.</summary>
    public int Line { get; init; }
}

internal enum VariableForm : byte { Long, Short }

internal enum TermForm : byte { Long, Short, Verb, VerbShort, Symbol }

internal sealed class TextElement : Element
{
    public string? Variable { get; init; }
    public VariableForm Form { get; init; }
    public string? MacroName { get; init; }
    public Macro? Macro { get; set; }
    public string? Term { get; init; }
    public TermForm TermForm { get; init; }
    public bool Plural { get; init; }
    public string? Value { get; init; }
}

internal enum NumberForm : byte { Numeric, Ordinal, LongOrdinal, Roman }

internal sealed class NumberElement : Element
{
    public required string Variable { get; init; }
    public NumberForm Form { get; init; }
}

internal enum PluralMode : byte { Contextual, Always, Never }

internal sealed class LabelElement : Element
{
    public string Variable { get; init; } = string.Empty;
    public TermForm Form { get; init; }
    public PluralMode Plural { get; init; }
}

internal enum DateForm : byte { None, Text, Numeric }

internal enum DatePartsFilter : byte { YearMonthDay, YearMonth, Year }

internal enum DatePartName : byte { Day, Month, Year }

internal enum DatePartForm : byte { Default, Numeric, NumericLeadingZeros, Ordinal, Long, Short }

internal sealed class DatePartElement
{
    public DatePartName Name { get; init; }
    public DatePartForm Form { get; init; }
    public string? RangeDelimiter { get; init; }
    public Decor Decor { get; init; } = Decor.Empty;

    /// <summary>Which attributes the style set (a localized date's parts only override what is set).</summary>
    public bool HasForm { get; init; }
}

internal sealed class DateElement : Element
{
    public required string Variable { get; init; }
    public DateForm Form { get; init; }
    public DatePartsFilter PartsFilter { get; init; }
    public string? Delimiter { get; init; }
    public IReadOnlyList<DatePartElement> Parts { get; init; } = [];
}

internal enum AndMode : byte { None, Text, Symbol }

internal enum DelimiterPrecedes : byte { Contextual, AfterInvertedName, Always, Never }

internal enum NameForm : byte { Long, Short, Count }

internal enum NameAsSortOrder : byte { None, First, All }

/// <summary>Name options; a <see langword="null"/> member is inherited from the citation, bibliography or style.</summary>
internal sealed record NameOptions
{
    public static readonly NameOptions Empty = new();

    public AndMode? And { get; init; }
    public string? Delimiter { get; init; }
    public DelimiterPrecedes? DelimiterPrecedesEtAl { get; init; }
    public DelimiterPrecedes? DelimiterPrecedesLast { get; init; }
    public int? EtAlMin { get; init; }
    public int? EtAlUseFirst { get; init; }
    public int? EtAlSubsequentMin { get; init; }
    public int? EtAlSubsequentUseFirst { get; init; }
    public bool? EtAlUseLast { get; init; }
    public NameForm? Form { get; init; }
    public bool? Initialize { get; init; }
    public string? InitializeWith { get; init; }
    public NameAsSortOrder? NameAsSortOrder { get; init; }
    public string? SortSeparator { get; init; }

    /// <summary>The delimiter of <c>cs:names</c> (inheritable as <c>names-delimiter</c>).</summary>
    public string? NamesDelimiter { get; init; }

    /// <summary>Returns these options with every unset member taken from <paramref name="parent"/>.</summary>
    public NameOptions InheritFrom(NameOptions parent) => new()
    {
        And = And ?? parent.And,
        Delimiter = Delimiter ?? parent.Delimiter,
        DelimiterPrecedesEtAl = DelimiterPrecedesEtAl ?? parent.DelimiterPrecedesEtAl,
        DelimiterPrecedesLast = DelimiterPrecedesLast ?? parent.DelimiterPrecedesLast,
        EtAlMin = EtAlMin ?? parent.EtAlMin,
        EtAlUseFirst = EtAlUseFirst ?? parent.EtAlUseFirst,
        EtAlSubsequentMin = EtAlSubsequentMin ?? parent.EtAlSubsequentMin,
        EtAlSubsequentUseFirst = EtAlSubsequentUseFirst ?? parent.EtAlSubsequentUseFirst,
        EtAlUseLast = EtAlUseLast ?? parent.EtAlUseLast,
        Form = Form ?? parent.Form,
        Initialize = Initialize ?? parent.Initialize,
        InitializeWith = InitializeWith ?? parent.InitializeWith,
        NameAsSortOrder = NameAsSortOrder ?? parent.NameAsSortOrder,
        SortSeparator = SortSeparator ?? parent.SortSeparator,
        NamesDelimiter = NamesDelimiter ?? parent.NamesDelimiter,
    };
}

internal sealed class NamePartElement
{
    public required bool IsGiven { get; init; }
    public Decor Decor { get; init; } = Decor.Empty;
}

internal sealed class NameElement
{
    public NameOptions Options { get; init; } = NameOptions.Empty;
    public Decor Decor { get; init; } = Decor.Empty;
    public NamePartElement? Given { get; init; }
    public NamePartElement? Family { get; init; }
}

internal sealed class EtAlElement
{
    public string Term { get; init; } = "et-al";
    public Decor Decor { get; init; } = Decor.Empty;
}

internal sealed class NamesElement : Element
{
    public required IReadOnlyList<string> Variables { get; init; }
    public string? Delimiter { get; init; }
    public NameElement? Name { get; init; }
    public EtAlElement? EtAl { get; init; }
    public LabelElement? Label { get; init; }

    /// <summary>Whether the label comes before the names (it was written before <c>cs:name</c>).</summary>
    public bool LabelBeforeName { get; init; }

    public IReadOnlyList<Element>? Substitute { get; init; }

    /// <summary>Whether the element has no child elements and is written inside a cs:substitute (a shorthand that inherits the substituted element's options).</summary>
    public bool IsShorthand { get; init; }
}

internal sealed class GroupElement : Element
{
    public string? Delimiter { get; init; }
    public required IReadOnlyList<Element> Children { get; init; }
}

internal enum ConditionKind : byte { Disambiguate, IsNumeric, IsUncertainDate, Locator, Position, Type, Variable, HasYearOnly, HasMonthOrSeason, HasDay, Context, Unsupported }

internal enum MatchMode : byte { All, Any, None }

internal sealed record Condition(ConditionKind Kind, IReadOnlyList<string> Values);

internal sealed class ChooseBranch
{
    public IReadOnlyList<Condition> Conditions { get; init; } = [];
    public MatchMode Match { get; init; }
    public bool IsElse { get; init; }
    public required IReadOnlyList<Element> Children { get; init; }

    /// <summary>Whether every condition of the branch is one this processor does not know (it then never holds).</summary>
    public bool AllUnsupported
    {
        get
        {
            for (var i = 0; i < Conditions.Count; i++)
            {
                if (Conditions[i].Kind != ConditionKind.Unsupported)
                {
                    return false;
                }
            }

            return true;
        }
    }
}

internal sealed class ChooseElement : Element
{
    public required IReadOnlyList<ChooseBranch> Branches { get; init; }
}

internal sealed class Macro
{
    public required string Name { get; init; }
    public IReadOnlyList<Element> Children { get; set; } = [];
    public int Line { get; init; }
}

internal sealed class Layout
{
    public Decor Decor { get; init; } = Decor.Empty;
    public string? Delimiter { get; init; }
    public required IReadOnlyList<Element> Children { get; init; }
    public string? Locale { get; init; }
}

internal sealed class SortKey
{
    /// <summary>The line of the <c>&lt;key&gt;</c> element, for warnings.</summary>
    public int Line { get; init; }

    public string? Variable { get; init; }
    public string? MacroName { get; init; }
    public Macro? Macro { get; set; }
    public bool Descending { get; init; }
    public int? NamesMin { get; init; }
    public int? NamesUseFirst { get; init; }
    public bool? NamesUseLast { get; init; }
}

internal enum Collapse : byte { None, CitationNumber, Year, YearSuffix, YearSuffixRanged }

internal enum GivenNameRule : byte { ByCite, AllNames, AllNamesWithInitials, PrimaryName, PrimaryNameWithInitials }

internal enum SecondFieldAlign : byte { None, Flush, Margin }

internal enum SubsequentAuthorSubstituteRule : byte { CompleteAll, CompleteEach, PartialEach, PartialFirst }

internal sealed class CitationSection
{
    public required IReadOnlyList<Layout> Layouts { get; init; }
    public Layout Layout => Layouts[0];
    public IReadOnlyList<SortKey> Sort { get; init; } = [];
    public NameOptions NameOptions { get; init; } = NameOptions.Empty;
    public bool DisambiguateAddNames { get; init; }
    public bool DisambiguateAddGivenName { get; init; }
    public GivenNameRule GivenNameRule { get; init; }
    public bool DisambiguateAddYearSuffix { get; init; }
    public Collapse Collapse { get; init; }
    public string? CiteGroupDelimiter { get; init; }
    public string? YearSuffixDelimiter { get; init; }
    public string? AfterCollapseDelimiter { get; init; }
    public int NearNoteDistance { get; init; } = 5;
}

internal sealed class BibliographySection
{
    public required IReadOnlyList<Layout> Layouts { get; init; }
    public Layout Layout => Layouts[0];
    public IReadOnlyList<SortKey> Sort { get; init; } = [];
    public NameOptions NameOptions { get; init; } = NameOptions.Empty;
    public bool HangingIndent { get; init; }
    public SecondFieldAlign SecondFieldAlign { get; init; }
    public double LineSpacing { get; init; } = 1;
    public double EntrySpacing { get; init; } = 1;
    public string? SubsequentAuthorSubstitute { get; init; }
    public SubsequentAuthorSubstituteRule SubsequentAuthorSubstituteRule { get; init; }
}
