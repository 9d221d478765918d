using Citations.Csl.Styles;

namespace Citations.Csl.Output;

internal enum QuoteMark : byte { None, Outer, Inner, Off }

internal enum NumberKind : byte { Plain, CitationNumber, YearSuffix }

/// <summary>
/// The decorations of one output node, applied innermost first in this fixed order: font style, font variant, font
/// weight, text decoration, vertical alignment, quotes.
/// </summary>
internal struct Decorations
{
    public FontStyle FontStyle;
    public FontVariant FontVariant;
    public FontWeight FontWeight;
    public TextDecoration TextDecoration;
    public VerticalAlign VerticalAlign;
    public QuoteMark Quotes;

    public readonly bool HasFormatting =>
        FontStyle != FontStyle.None || FontVariant != FontVariant.None || FontWeight != FontWeight.None
        || TextDecoration != TextDecoration.None || VerticalAlign != VerticalAlign.None;

    public readonly bool HasAny => HasFormatting || Quotes != QuoteMark.None;

    public readonly bool HasQuotes => Quotes is QuoteMark.Outer or QuoteMark.Inner;

    public static Decorations From(Formatting formatting, bool quotes) => new()
    {
        FontStyle = formatting.FontStyle,
        FontVariant = formatting.FontVariant,
        FontWeight = formatting.FontWeight,
        TextDecoration = formatting.TextDecoration,
        VerticalAlign = formatting.VerticalAlign,
        Quotes = quotes ? QuoteMark.Outer : QuoteMark.None,
    };
}

/// <summary>
/// One node of rendered output before it becomes a string: text (a leaf) or children joined by a delimiter, with
/// affixes, decorations and display. Punctuation is reconciled on this tree (see <see cref="PunctuationAdjuster"/>)
/// before it is written in an output format.
/// </summary>
internal sealed class Blob
{
    public string Prefix = string.Empty;
    public string Suffix = string.Empty;
    public string Delimiter = string.Empty;
    public Decorations Decorations;
    public Display Display;

    /// <summary>The text of a leaf; <see langword="null"/> for an inner node.</summary>
    public string? Text;

    /// <summary>The children of an inner node.</summary>
    public List<Blob>? Children;

    /// <summary>A number (citation number, year suffix, a plain number) that punctuation must not move into.</summary>
    public bool IsNumeric;

    /// <summary>What kind of number this is, for collapsing runs of citation numbers and year suffixes.</summary>
    public NumberKind Kind;

    /// <summary>The number's value, for collapsing ranges of citation numbers and year suffixes.</summary>
    public int NumericValue;

    /// <summary>Text that must not be case-changed (a <c>nocase</c> span); kept for later text-case passes.</summary>
    public bool NoCase;

    /// <summary>A name rendered family name first ("Doe, John"), for delimiter-precedes-last="after-inverted-name".</summary>
    public bool Inverted;

    /// <summary>The left-margin wrapper of a bibliography entry's first field (second-field-align).</summary>
    public bool FirstField;

    public static Blob Leaf(string text) => new() { Text = text };

    public static Blob Node() => new() { Children = [] };

    /// <summary>Whether this node, or the node it wraps, is an inverted name.</summary>
    public bool IsInverted() => Inverted || (Children is { Count: > 0 } c && c[0].Inverted);

    public bool IsEmpty => Text is not null ? Text.Length == 0 : Children is null || Children.Count == 0;

    public void Add(Blob child) => (Children ??= []).Add(child);

    /// <summary>Removes the decorations (formatting and quotes) of this node and every node under it: what citeproc-js
    /// prints for an author-only cite.</summary>
    public void ClearDecorations()
    {
        var pending = new Stack<Blob>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            node.Decorations = default;
            foreach (var child in node.Children ?? [])
            {
                pending.Push(child);
            }
        }
    }

    public override string ToString()
        => Text is not null ? $"'{Prefix}'[{Text}]'{Suffix}'" : $"'{Prefix}'{{{string.Join(Delimiter.Length > 0 ? $"|{Delimiter}|" : "|", Children ?? [])}}}'{Suffix}'";
}
