using System.Text;

namespace Citations.Csl.Output;

/// <summary>HTML exactly as citeproc-js writes it: <c>&lt;i&gt;</c>, <c>&lt;b&gt;</c>, styled spans, numeric entities, <c>csl-entry</c> and <c>csl-bib-body</c> wrappers.</summary>
internal sealed class HtmlFormat : CslOutputFormat
{
    public override string Name => "html";

    public override string BibliographyStart => "<div class=\"csl-bib-body\">\n";

    public override string BibliographyEnd => "</div>";

    public override string Escape(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? replacement = c switch
            {
                '&' => "&#38;",
                '<' => "&#60;",
                '>' => "&#62;",
                _ => null,
            };
            if (replacement is null && char.IsWhiteSpace(c) && i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))
            {
                // Two whitespace characters become a no-break space and a space, so HTML keeps both.
                (sb ??= new StringBuilder(text, 0, i, text.Length + 16)).Append("\u00A0 ");
                i++;
                continue;
            }

            if (replacement is null && c >= '\u00AA' && Superscripts.Map.TryGetValue(c, out var plain))
            {
                replacement = "<sup>" + plain + "</sup>";
            }

            if (replacement is not null)
            {
                (sb ??= new StringBuilder(text, 0, i, text.Length + 16)).Append(replacement);
            }
            else
            {
                sb?.Append(c);
            }
        }

        return sb?.ToString() ?? text;
    }

    public override string Format(CslFormatting formatting, string content) => formatting switch
    {
        CslFormatting.Italic => "<i>" + content + "</i>",
        CslFormatting.Oblique => "<em>" + content + "</em>",
        CslFormatting.NormalStyle => "<span style=\"font-style:normal;\">" + content + "</span>",
        CslFormatting.SmallCaps => "<span style=\"font-variant:small-caps;\">" + content + "</span>",
        CslFormatting.NormalVariant => "<span style=\"font-variant:normal;\">" + content + "</span>",
        CslFormatting.Bold => "<b>" + content + "</b>",
        CslFormatting.NormalWeight => "<span style=\"font-weight:normal;\">" + content + "</span>",
        CslFormatting.Underline => "<span style=\"text-decoration:underline;\">" + content + "</span>",
        CslFormatting.NoDecoration => "<span style=\"text-decoration:none;\">" + content + "</span>",
        CslFormatting.Superscript => "<sup>" + content + "</sup>",
        CslFormatting.Subscript => "<sub>" + content + "</sub>",
        CslFormatting.Baseline => "<span style=\"baseline\">" + content + "</span>",
        _ => content,
    };

    public override string Display(CslDisplay display, string content) => display switch
    {
        CslDisplay.Block => "\n\n    <div class=\"csl-block\">" + content + "</div>\n",
        CslDisplay.LeftMargin => "\n    <div class=\"csl-left-margin\">" + content + "</div>",
        CslDisplay.RightInline => "<div class=\"csl-right-inline\">" + content + "</div>\n  ",
        _ => "<div class=\"csl-indent\">" + content + "</div>\n  ",
    };

    public override string BibliographyEntry(string content) => "  <div class=\"csl-entry\">" + content + "</div>\n";
}
