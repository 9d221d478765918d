using System.Text;

namespace Citations.Csl.Output;

/// <summary>A text formatting a style can ask for.</summary>
public enum CslFormatting
{
    /// <summary><c>font-style="italic"</c>.</summary>
    Italic,

    /// <summary><c>font-style="oblique"</c>.</summary>
    Oblique,

    /// <summary><c>font-style="normal"</c> inside italic text.</summary>
    NormalStyle,

    /// <summary><c>font-variant="small-caps"</c>.</summary>
    SmallCaps,

    /// <summary><c>font-variant="normal"</c> inside small caps.</summary>
    NormalVariant,

    /// <summary><c>font-weight="bold"</c>.</summary>
    Bold,

    /// <summary><c>font-weight="normal"</c> inside bold text.</summary>
    NormalWeight,

    /// <summary><c>font-weight="light"</c>.</summary>
    Light,

    /// <summary><c>text-decoration="underline"</c>.</summary>
    Underline,

    /// <summary><c>text-decoration="none"</c>.</summary>
    NoDecoration,

    /// <summary><c>vertical-align="sup"</c>.</summary>
    Superscript,

    /// <summary><c>vertical-align="sub"</c>.</summary>
    Subscript,

    /// <summary><c>vertical-align="baseline"</c>.</summary>
    Baseline,
}

/// <summary>A block layout a style can ask for (<c>display</c>).</summary>
public enum CslDisplay
{
    /// <summary>A block of its own.</summary>
    Block,

    /// <summary>The left column of a two-column entry (citation numbers).</summary>
    LeftMargin,

    /// <summary>The right column of a two-column entry.</summary>
    RightInline,

    /// <summary>An indented block.</summary>
    Indent,
}

/// <summary>
/// An output format: how text is escaped and how formatting, quotes and display blocks are written. The processor
/// writes every citation and bibliography entry through this one small interface; plain text, HTML (the markup
/// citeproc-js produces), RTF and Markdown are built in, and a caller can add another by deriving from it.
/// </summary>
/// <remarks>Implementations must be immutable and thread-safe.</remarks>
public abstract class CslOutputFormat
{
    /// <summary>Plain text: no markup, nothing escaped.</summary>
    public static CslOutputFormat Text { get; } = new TextFormat();

    /// <summary>HTML, exactly as citeproc-js writes it (<c>&lt;i&gt;</c>, <c>&lt;b&gt;</c>, numeric entities).</summary>
    public static CslOutputFormat Html { get; } = new HtmlFormat();

    /// <summary>Rich Text Format fragments, as citeproc-js writes them.</summary>
    public static CslOutputFormat Rtf { get; } = new RtfFormat();

    /// <summary>Markdown (pandoc flavour): <c>*italic*</c>, <c>**bold**</c>, HTML spans for the rest.</summary>
    public static CslOutputFormat Markdown { get; } = new MarkdownFormat();

    /// <summary>The format's name: <c>text</c>, <c>html</c>, <c>rtf</c>, <c>markdown</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Text written before a bibliography's entries.</summary>
    public virtual string BibliographyStart => string.Empty;

    /// <summary>Text written after a bibliography's entries.</summary>
    public virtual string BibliographyEnd => string.Empty;

    /// <summary>Finds a built-in format by name (<c>text</c>, <c>html</c>, <c>rtf</c>, <c>markdown</c>/<c>md</c>).</summary>
    public static CslOutputFormat? FromName(string name) => name?.ToLowerInvariant() switch
    {
        "text" or "plain" or "txt" => Text,
        "html" => Html,
        "rtf" => Rtf,
        "markdown" or "md" => Markdown,
        _ => null,
    };

    /// <summary>Escapes text so that it appears literally in this format.</summary>
    public abstract string Escape(string text);

    /// <summary>Applies one formatting to already-escaped content.</summary>
    public abstract string Format(CslFormatting formatting, string content);

    /// <summary>Wraps already-escaped content in quotation marks (the locale's marks, unescaped).</summary>
    public virtual string Quote(string content, string open, string close) => Escape(open) + content + Escape(close);

    /// <summary>Wraps already-escaped content in a display block.</summary>
    public abstract string Display(CslDisplay display, string content);

    /// <summary>Wraps one bibliography entry.</summary>
    public virtual string BibliographyEntry(string content) => content;

    /// <inheritdoc/>
    public override string ToString() => Name;

    private sealed class TextFormat : CslOutputFormat
    {
        public override string Name => "text";

        public override string Escape(string text) => text;

        public override string Format(CslFormatting formatting, string content) => content;

        public override string Display(CslDisplay display, string content) => display switch
        {
            CslDisplay.Block => "\n" + content,
            CslDisplay.LeftMargin => content + " ",
            CslDisplay.Indent => "\n    " + content,
            _ => content,
        };
    }

    private sealed class HtmlFormat : CslOutputFormat
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

    private sealed class RtfFormat : CslOutputFormat
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

    private sealed class MarkdownFormat : CslOutputFormat
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
}
