using System.Text;

namespace Citations.Formats.BibTeX;

/// <summary>What an <see cref="Inline"/> is.</summary>
internal enum InlineKind
{
    /// <summary>A word with the punctuation attached to it (no spaces).</summary>
    Text,

    /// <summary>The space between words.</summary>
    Space,

    /// <summary>Italics (<c>\emph</c>, <c>\textit</c>, <c>{\em …}</c>).</summary>
    Emph,

    /// <summary>Bold (<c>\textbf</c>).</summary>
    Strong,

    /// <summary>Small capitals (<c>\textsc</c>).</summary>
    SmallCaps,

    /// <summary>Superscript.</summary>
    Sup,

    /// <summary>Subscript.</summary>
    Sub,

    /// <summary>A quotation (<c>``…''</c>, <c>\enquote</c>, <c>\mkbibquote</c>).</summary>
    Quoted,

    /// <summary>A brace group: its case is protected.</summary>
    Protected,

    /// <summary>A link (<c>\url</c>, <c>\href</c>): shown as its text.</summary>
    Link,

    /// <summary>Math, kept as its TeX source.</summary>
    Math,

    /// <summary>A quotation mark still to be paired (only while reading).</summary>
    Mark,
}

/// <summary>
/// One piece of rich text read from a LaTeX field value: a word, a space, math, or a container (italics, a brace
/// group, …) holding more pieces. The shape follows pandoc's inlines, so that sentence casing splits words where
/// pandoc does.
/// </summary>
internal sealed class Inline
{
    public static readonly Inline SpaceInline = new(InlineKind.Space, " ", null);

    private Inline(InlineKind kind, string text, List<Inline>? children)
    {
        Kind = kind;
        Text = text;
        Children = children ?? [];
    }

    public InlineKind Kind { get; }

    /// <summary>The text of a <see cref="InlineKind.Text"/>, <see cref="InlineKind.Math"/> or <see cref="InlineKind.Mark"/>.</summary>
    public string Text { get; set; }

    /// <summary>The content of a container.</summary>
    public List<Inline> Children { get; }

    /// <summary>Whether this brace group holds one special character (<c>{\"O}</c>, <c>{\ss}</c>).</summary>
    public bool IsSpecialCharacter { get; set; }

    public bool IsContainer => Kind is InlineKind.Emph or InlineKind.Strong or InlineKind.SmallCaps or InlineKind.Sup or InlineKind.Sub
        or InlineKind.Quoted or InlineKind.Protected or InlineKind.Link;

    public static Inline Word(string text) => new(InlineKind.Text, text, null);

    public static Inline MathText(string tex) => new(InlineKind.Math, tex, null);

    public static Inline Mark(string mark) => new(InlineKind.Mark, mark, null);

    public static Inline Container(InlineKind kind, List<Inline> children) => new(kind, string.Empty, children);

    /// <summary>The text without any markup (pandoc's <c>stringify</c>; quotations keep curly quotation marks).</summary>
    public static string Plain(IReadOnlyList<Inline> inlines)
    {
        var text = new StringBuilder();
        AppendPlain(text, inlines);
        return text.ToString();
    }

    /// <summary>
    /// Writes the inlines as CSL rich text: <c>&lt;i&gt;</c>, <c>&lt;b&gt;</c>, <c>&lt;sup&gt;</c>, <c>&lt;sub&gt;</c>, small
    /// capitals and, when <paramref name="protectCase"/> is set, <c>&lt;span class="nocase"&gt;</c> around brace groups that
    /// hold letters (the outermost ones only). A group holding one special character (<c>{\"O}</c>) is not wrapped on
    /// its own: a span inside a word makes citeproc-js treat the rest of the word as a new word ("ÖLd"); a capital at
    /// the start of a word has the whole word wrapped instead.
    /// </summary>
    public static string Render(IReadOnlyList<Inline> inlines, bool protectCase)
    {
        var text = new StringBuilder();
        AppendRich(text, inlines, protectCase);
        return text.ToString();
    }

    /// <summary>Whether any text inside holds a letter.</summary>
    public static bool HasLetter(IReadOnlyList<Inline> inlines)
    {
        foreach (var inline in inlines)
        {
            if (inline.Kind is InlineKind.Text or InlineKind.Math ? inline.Text.Any(char.IsLetter) : inline.IsContainer && HasLetter(inline.Children))
            {
                return true;
            }
        }

        return false;
    }

    private static void AppendPlain(StringBuilder text, IReadOnlyList<Inline> inlines)
    {
        foreach (var inline in inlines)
        {
            switch (inline.Kind)
            {
                case InlineKind.Quoted:
                    text.Append('\u201C');
                    AppendPlain(text, inline.Children);
                    text.Append('\u201D');
                    break;
                case InlineKind.Space:
                    text.Append(' ');
                    break;
                default:
                    if (inline.IsContainer)
                    {
                        AppendPlain(text, inline.Children);
                    }
                    else
                    {
                        text.Append(inline.Text);
                    }

                    break;
            }
        }
    }

    private static void AppendRich(StringBuilder text, IReadOnlyList<Inline> inlines, bool protectCase)
    {
        for (var index = 0; index < inlines.Count; index++)
        {
            var inline = inlines[index];
            if (protectCase && inline.Kind == InlineKind.Protected && inline.IsSpecialCharacter && inline.Children[0].Text.Any(char.IsUpper)
                && (index == 0 || inlines[index - 1].Kind != InlineKind.Text))
            {
                // A capital written as a special character at the start of a word ({\"O}sterreich): the whole word is
                // protected, so that the protection survives being written back without changing how citeproc-js
                // cases the word.
                text.Append("<span class=\"nocase\">").Append(inline.Children[0].Text);
                if (index + 1 < inlines.Count && inlines[index + 1].Kind == InlineKind.Text)
                {
                    text.Append(inlines[++index].Text);
                }

                text.Append("</span>");
                continue;
            }

            switch (inline.Kind)
            {
                case InlineKind.Emph:
                    Wrap(text, "<i>", "</i>", inline.Children, protectCase);
                    break;
                case InlineKind.Strong:
                    Wrap(text, "<b>", "</b>", inline.Children, protectCase);
                    break;
                case InlineKind.SmallCaps:
                    Wrap(text, "<span style=\"font-variant:small-caps;\">", "</span>", inline.Children, protectCase);
                    break;
                case InlineKind.Sup:
                    Wrap(text, "<sup>", "</sup>", inline.Children, protectCase);
                    break;
                case InlineKind.Sub:
                    Wrap(text, "<sub>", "</sub>", inline.Children, protectCase);
                    break;
                case InlineKind.Quoted:
                    Wrap(text, "\u201C", "\u201D", inline.Children, protectCase);
                    break;
                case InlineKind.Protected when protectCase && HasLetter(inline.Children) && !inline.IsSpecialCharacter:
                    // Nested groups are already inside this one's protection.
                    Wrap(text, "<span class=\"nocase\">", "</span>", inline.Children, protectCase: false);
                    break;
                case InlineKind.Protected or InlineKind.Link:
                    AppendRich(text, inline.Children, protectCase);
                    break;
                case InlineKind.Math when protectCase && inline.Text.Any(char.IsLetter):
                    // Math is not text to be cased; the span also keeps it so when the item is written back as BibTeX.
                    text.Append("<span class=\"nocase\">").Append(inline.Text).Append("</span>");
                    break;
                case InlineKind.Space:
                    text.Append(' ');
                    break;
                default:
                    text.Append(inline.Text);
                    break;
            }
        }
    }

    private static void Wrap(StringBuilder text, string open, string close, List<Inline> children, bool protectCase)
    {
        text.Append(open);
        AppendRich(text, children, protectCase);
        text.Append(close);
    }
}
