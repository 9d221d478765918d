using System.Text;

namespace Citations.Csl.Output;

/// <summary>Markdown (pandoc flavour): <c>*italic*</c>, <c>**bold**</c>, HTML spans for what Markdown cannot say.</summary>
internal sealed class MarkdownFormat : CslOutputFormat
{
    public override string Name => "markdown";

    public override string Escape(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#' && (c != '#' || i == 0))
            {
                (sb ??= new StringBuilder(text, 0, i, text.Length + 8)).Append('\\').Append(c);
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
        CslFormatting.Italic or CslFormatting.Oblique => "*" + content + "*",
        CslFormatting.Bold => "**" + content + "**",
        CslFormatting.SmallCaps => "<span style=\"font-variant:small-caps;\">" + content + "</span>",
        CslFormatting.Underline => "<u>" + content + "</u>",
        CslFormatting.Superscript => "<sup>" + content + "</sup>",
        CslFormatting.Subscript => "<sub>" + content + "</sub>",
        _ => content,
    };

    public override string Display(CslDisplay display, string content) => display switch
    {
        CslDisplay.LeftMargin => content + " ",
        CslDisplay.Block or CslDisplay.Indent => "\n" + content,
        _ => content,
    };
}
