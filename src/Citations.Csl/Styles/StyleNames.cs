using System.Diagnostics.CodeAnalysis;

namespace Citations.Csl.Styles;

/// <summary>
/// Turns the ways a style is referred to (a name such as <c>apa</c>, a file name <c>apa.csl</c>, an id or
/// <c>independent-parent</c> href such as <c>http://www.zotero.org/styles/apa</c>) into the file name the official
/// repository and distribution use, and compares style ids.
/// </summary>
internal static class StyleNames
{
    /// <summary>Official names are short; anything longer is not a style name.</summary>
    private const int MaxNameLength = 200;

    /// <summary>
    /// The style's file name without <c>.csl</c>: the last path segment of a URI or path, without query, fragment or
    /// extension. Returns <see langword="false"/> for anything that is not a safe file name (no separators, no
    /// <c>..</c>, only letters, digits, <c>-</c>, <c>_</c> and <c>.</c>), so it can be joined to a directory or URL.
    /// </summary>
    public static bool TryGetName(string reference, [NotNullWhen(true)] out string? name)
    {
        name = null;
        var text = reference.Trim();
        var cut = text.IndexOfAny(['?', '#']);
        if (cut >= 0)
        {
            text = text[..cut];
        }

        text = text.TrimEnd('/', '\\');
        var slash = text.LastIndexOfAny(['/', '\\']);
        if (slash >= 0)
        {
            text = text[(slash + 1)..];
        }

        if (text.EndsWith(".csl", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^4];
        }

        if (text.Length is 0 or > MaxNameLength || text[0] == '.' || text.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        name = text;
        return true;
    }

    /// <summary>Whether two style ids are the same, ignoring the scheme (<c>http</c>/<c>https</c>) and trailing slashes.</summary>
    public static bool SameId(string a, string b) => string.Equals(NormalizeId(a), NormalizeId(b), StringComparison.Ordinal);

    private static string NormalizeId(string id)
    {
        var text = id.Trim();
        if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            text = text[8..];
        }
        else if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            text = text[7..];
        }

        return text.TrimEnd('/');
    }
}
