using System.Text;

namespace Citations.Reports;

/// <summary>
/// Text from outside (titles, claims, messages, quotes) made safe for Markdown: every character with a meaning in
/// Markdown's inline or block syntax is escaped with a backslash, and line breaks become spaces, so the text reads as
/// it was written and cannot open a link, an emphasis, a table cell or a heading. The one Markdown escaper of every
/// package (the coverage report here, the link report in Citations.Links).
/// </summary>
/// <remarks>Thread-safe. Control characters are not this escaper's business: callers that print untrusted text on
/// a terminal escape them first.</remarks>
public static class MarkdownText
{
    /// <summary>Escapes <paramref name="text"/> for use anywhere in a Markdown line, table cells included.</summary>
    /// <param name="text">The text as written.</param>
    /// <returns>The text with <c>\ ` * _ [ ] &lt; &gt; | #</c> backslash-escaped and line breaks as spaces.</returns>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#')
            {
                builder.Append('\\');
            }

            builder.Append(c is '\n' or '\r' ? ' ' : c);
        }

        return builder.ToString();
    }
}
