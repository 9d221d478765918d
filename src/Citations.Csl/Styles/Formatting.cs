namespace Citations.Csl.Styles;

internal enum FontStyle : byte { None, Normal, Italic, Oblique }

internal enum FontVariant : byte { None, Normal, SmallCaps }

internal enum FontWeight : byte { None, Normal, Bold, Light }

internal enum TextDecoration : byte { None, NoDecoration, Underline }

internal enum VerticalAlign : byte { None, Baseline, Superscript, Subscript }

internal enum Display : byte { None, Block, LeftMargin, RightInline, Indent }

internal enum TextCase : byte { None, Lowercase, Uppercase, CapitalizeFirst, CapitalizeAll, Sentence, Title }

/// <summary>The formatting attributes an element carries (CSL 1.0.2 "Formatting", "Affixes", "Display", "Quotes").</summary>
internal sealed record Formatting
{
    public static readonly Formatting Empty = new();

    public FontStyle FontStyle { get; init; }
    public FontVariant FontVariant { get; init; }
    public FontWeight FontWeight { get; init; }
    public TextDecoration TextDecoration { get; init; }
    public VerticalAlign VerticalAlign { get; init; }

    public bool HasDecorations =>
        FontStyle != FontStyle.None || FontVariant != FontVariant.None || FontWeight != FontWeight.None
        || TextDecoration != TextDecoration.None || VerticalAlign != VerticalAlign.None;
}

/// <summary>Attributes most rendering elements share.</summary>
internal sealed record Decor
{
    public static readonly Decor Empty = new();

    public Formatting Formatting { get; init; } = Formatting.Empty;
    public string Prefix { get; init; } = string.Empty;
    public string Suffix { get; init; } = string.Empty;
    public Display Display { get; init; }
    public bool Quotes { get; init; }
    public bool StripPeriods { get; init; }
    public TextCase TextCase { get; init; }

    public bool IsEmpty => ReferenceEquals(this, Empty) || this == Empty;
}
