using System.Globalization;
using System.Text;

namespace Citations.Links;

/// <summary>
/// Makes text that came from outside (a server's status line and headers, a page title, an exception message, a cited
/// URL) safe to show to a person: on a terminal, in a Markdown or JUnit report. Every human-facing output of this
/// package goes through it, and a command-line tool printing results should too.
/// </summary>
/// <remarks>
/// <para>A server can put terminal control sequences in what it sends: <c>ESC [2J</c> clears the screen,
/// <c>ESC ]8;;</c> makes a hidden link, and a right-to-left override (U+202E) makes <c>gpj.exe</c> read as
/// <c>exe.jpg</c>. <see cref="Escape"/> writes each such character as a visible escape (<c>\x1b</c>, <c>\u202e</c>),
/// so a report can show what the server sent without the server writing on the reader's screen.</para>
/// <para>Thread-safe; pure functions.</para>
/// </remarks>
public static class DisplayText
{
    /// <summary>What <see cref="RedactUrl"/> writes instead of a password.</summary>
    public const string RedactedPassword = "***";

    /// <summary>
    /// Whether a character is escaped by <see cref="Escape"/>: C0 controls (U+0000–U+001F, tab and line breaks
    /// included), DEL and C1 controls (U+007F–U+009F), the bidirectional formatting characters (U+061C, U+200E,
    /// U+200F, U+202A–U+202E, U+2066–U+2069), the line and paragraph separators (U+2028, U+2029), the interlinear
    /// annotation characters (U+FFF9–U+FFFB), and surrogates that are not part of a pair.
    /// </summary>
    /// <param name="c">The character.</param>
    public static bool IsEscaped(char c) => c switch
    {
        < '\u0020' => true,
        >= '\u007f' and <= '\u009f' => true,
        '\u061c' or '\u200e' or '\u200f' => true,
        >= '\u202a' and <= '\u202e' => true,
        >= '\u2066' and <= '\u2069' => true,
        '\u2028' or '\u2029' => true,
        >= '\ufff9' and <= '\ufffb' => true,
        _ => false,
    };

    /// <summary>
    /// The text with every character <see cref="IsEscaped"/> calls unsafe written as a visible escape: <c>\xHH</c> for
    /// the controls below U+0100 (<c>ESC</c> becomes <c>\x1b</c>, a line feed <c>\x0a</c>), <c>\uHHHH</c> for the
    /// others and for unpaired surrogates. Other text, backslashes included, is unchanged, so escaping twice changes
    /// nothing more; text with nothing to escape is returned as is.
    /// </summary>
    /// <param name="text">The text; <see langword="null"/> gives an empty string.</param>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var first = FirstUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c) || IsEscaped(c))
            {
                builder.Append(c < '\u0100'
                    ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}")
                    : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// A URL with its password hidden, for display and storage: <c>https://user:secret@host/</c> becomes
    /// <c>https://user:***@host/</c>, and a user part alone (often an access token, <c>https://TOKEN@host/</c>) becomes
    /// <c>https://***@host/</c>. Text that is not a URL with credentials is returned as is. The checker keeps the
    /// credentials for its requests only: results, reports and the history hold the redacted form.
    /// </summary>
    /// <param name="url">The URL as written (it need not parse).</param>
    public static string RedactUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            return url;
        }

        var authorityStart = scheme + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#', '\\'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        if (at < 0)
        {
            return url;
        }

        var userInfo = url.AsSpan(authorityStart, at - authorityStart);
        var colon = userInfo.IndexOf(':');
        var redacted = colon < 0
            ? RedactedPassword
            : string.Concat(userInfo[..colon], ":", RedactedPassword);
        return string.Concat(url.AsSpan(0, authorityStart), redacted, url.AsSpan(at));
    }

    /// <summary><see cref="RedactUrl"/> then <see cref="Escape"/>: a cited URL as a report or a terminal may show it.</summary>
    /// <param name="url">The URL as written.</param>
    public static string Url(string url) => Escape(RedactUrl(url));

    private static int FirstUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || IsEscaped(c))
            {
                return i;
            }
        }

        return -1;
    }
}
