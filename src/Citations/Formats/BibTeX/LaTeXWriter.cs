using System.Text;

namespace Citations.Formats.BibTeX;

/// <summary>
/// Writes CSL text as BibTeX field content: CSL's rich-text markup (<c>&lt;i&gt;</c>, <c>&lt;b&gt;</c>,
/// <c>&lt;sup&gt;</c>, <c>&lt;sub&gt;</c>, small capitals, <c>&lt;span class="nocase"&gt;</c>) becomes LaTeX commands
/// and brace groups, LaTeX's special characters are escaped, curly quotation marks become <c>``…''</c>, and other
/// characters stay UTF-8 (BibLaTeX with biber, and BibTeX with <c>inputenc</c>, read them as they are). Reading the
/// result back with <see cref="LaTeXReader"/> gives the same CSL text.
/// </summary>
internal static class LaTeXWriter
{
    private static readonly (string Tag, string Open, string Close)[] Tags =
    [
        ("<i>", "\\emph{", "}"), ("</i>", "", ""), ("<b>", "\\textbf{", "}"), ("</b>", "", ""),
        ("<sup>", "\\textsuperscript{", "}"), ("</sup>", "", ""), ("<sub>", "\\textsubscript{", "}"), ("</sub>", "", ""),
        ("<span style=\"font-variant:small-caps;\">", "\\textsc{", "}"), ("<span style=\"font-variant: small-caps;\">", "\\textsc{", "}"),
        ("<sc>", "\\textsc{", "}"), ("</sc>", "", ""), ("<span class=\"nocase\">", "{", "}"), ("</span>", "", ""),
    ];

    /// <summary>Converts CSL rich text to LaTeX.</summary>
    public static string Write(string text)
    {
        var result = new StringBuilder(text.Length + 16);
        var closers = new Stack<(string Tag, string Close)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '<' && MatchTag(text, i) is { } tag)
            {
                if (tag.Open.Length > 0 || !tag.Tag.StartsWith("</", StringComparison.Ordinal))
                {
                    result.Append(tag.Open);
                    closers.Push((tag.Tag, tag.Close));
                }
                else if (closers.Count > 0)
                {
                    result.Append(closers.Pop().Close);
                }

                i += tag.Tag.Length;
                continue;
            }

            if (c is 'h' or 'f' && UrlLength(text, i) is > 0 and var length)
            {
                // A URL in running text is written as \url{…}: read back, it stays one piece (its colon does not
                // start a subtitle) and its characters stay as they are.
                result.Append("\\url{").Append(text, i, length).Append('}');
                i += length;
                continue;
            }

            AppendEscaped(result, text, i);
            i++;
        }

        while (closers.Count > 0)
        {
            result.Append(closers.Pop().Close);
        }

        return result.ToString();
    }

    private static int UrlLength(string text, int at)
    {
        var rest = text.AsSpan(at);
        if (!(rest.StartsWith("https://") || rest.StartsWith("http://") || rest.StartsWith("ftp://")) || (at > 0 && char.IsLetterOrDigit(text[at - 1])))
        {
            return 0;
        }

        var end = at;
        var depth = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('<' or '\\'))
        {
            depth += text[end] == '{' ? 1 : text[end] == '}' ? -1 : 0;
            if (depth < 0)
            {
                break;
            }

            end++;
        }

        return depth == 0 ? end - at : 0;
    }

    /// <summary>Escapes plain text (no markup) for a BibTeX field.</summary>
    public static string Escape(string text)
    {
        var result = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            AppendEscaped(result, text, i);
        }

        return result.ToString();
    }

    private static (string Tag, string Open, string Close)? MatchTag(string text, int at)
    {
        foreach (var tag in Tags)
        {
            if (string.CompareOrdinal(text, at, tag.Tag, 0, tag.Tag.Length) == 0)
            {
                return tag;
            }
        }

        return null;
    }

    private static void AppendEscaped(StringBuilder result, string text, int i)
    {
        var c = text[i];
        switch (c)
        {
            case '\\':
                result.Append("\\textbackslash{}");
                break;
            case '{' or '}' or '&' or '%' or '$' or '#' or '_':
                result.Append('\\').Append(c);
                break;
            case '~':
                result.Append("\\textasciitilde{}");
                break;
            case '^':
                result.Append("\\textasciicircum{}");
                break;
            case '\u00A0':
                result.Append('~');
                break;
            case '\u201C':
                result.Append("``");
                break;
            case '\u201D':
                result.Append("''");
                break;
            case '\u2018':
                result.Append('`');
                break;
            case '\u2019':
                result.Append('\'');
                break;
            case '\'':
                result.Append("\\textquotesingle{}");
                break;
            case '`':
                result.Append("\\textasciigrave{}");
                break;
            case '-' when i + 1 < text.Length && text[i + 1] == '-':
                result.Append("-{}");
                break;
            case '<' or '>':
                result.Append(c == '<' ? "\\textless{}" : "\\textgreater{}");
                break;
            case '\r' or '\n' or '\t':
                result.Append(' ');
                break;
            default:
                result.Append(c);
                break;
        }
    }
}
