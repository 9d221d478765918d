using System.Text;

namespace Citations.Csl.Output;

/// <summary>Rich Text Format fragments as citeproc-js writes them (<c>{\i{}…}</c>, <c>\uc0\u…{}</c> for non-ASCII).</summary>
internal sealed class RtfFormat : CslOutputFormat
{
    public override string Name => "rtf";

    public override string BibliographyStart => "{\\rtf ";

    public override string BibliographyEnd => "}";

    public override string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '{' or '}':
                    sb.Append('\\').Append(c);
                    break;
                case '\t':
                    sb.Append("\\tab{}");
                    break;
                default:
                    if (c >= '\u00AA' && Superscripts.Map.TryGetValue(c, out var plain))
                    {
                        sb.Append("\\super ");
                        foreach (var p in plain)
                        {
                            AppendChar(sb, p);
                        }

                        sb.Append("\\nosupersub{}");
                    }
                    else
                    {
                        AppendChar(sb, c);
                    }

                    break;
            }
        }

        return sb.ToString();

        static void AppendChar(StringBuilder sb, char c)
        {
            if (c >= '\u007F')
            {
                sb.Append("\\uc0\\u").Append(((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("{}");
            }
            else
            {
                sb.Append(c);
            }
        }
    }

    public override string Format(CslFormatting formatting, string content) => formatting switch
    {
        CslFormatting.Italic or CslFormatting.Oblique => "{\\i{}" + content + "}",
        CslFormatting.NormalStyle => "{\\i0{}" + content + "}",
        CslFormatting.SmallCaps => "{\\scaps " + content + "}",
        CslFormatting.NormalVariant => "{\\scaps0{}" + content + "}",
        CslFormatting.Bold => "{\\b{}" + content + "}",
        CslFormatting.NormalWeight => "{\\b0{}" + content + "}",
        CslFormatting.Underline => "{\\ul{}" + content + "}",
        CslFormatting.Superscript => "\\super " + content + "\\nosupersub{}",
        CslFormatting.Subscript => "\\sub " + content + "\\nosupersub{}",
        _ => content,
    };

    public override string Display(CslDisplay display, string content) => display switch
    {
        CslDisplay.Block => "\\line{}" + content + "\\line\r\n",
        CslDisplay.LeftMargin => content + "\\tab ",
        CslDisplay.RightInline => content + "\r\n",
        _ => "\n\\tab " + content + "\\line\r\n",
    };
}
