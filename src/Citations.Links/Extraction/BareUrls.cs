namespace Citations.Links.Extraction;

/// <summary>
/// Finds http(s) URLs written as plain text, and where each one ends. Only running text is cut this way: attribute
/// values and link destinations are taken whole.
/// </summary>
/// <remarks>
/// A URL ends at whitespace, a control character, <c>&lt;</c>, <c>&gt;</c>, <c>"</c>, <c>`</c> or <c>|</c>, or at the
/// quote that opened before it. Characters that often end a sentence (<c>. , : ; ! ? *</c>, other punctuation, an
/// unpaired <c>'</c>) may sit inside a URL but not at its end; a <c>/</c> after them does not end it either; a closing
/// bracket without its opener ends it (so <c>(see https://a.example/x)</c> stops before the parenthesis and
/// <c>https://en.wikipedia.org/wiki/Link_(film)</c> keeps it). Everything else, <c>_</c>, <c>~</c>, <c>-</c> and
/// <c>=</c> included, can end a URL. Linear in the text's length.
/// </remarks>
internal static class BareUrls
{
    /// <summary>Finds the next URL at or after <paramref name="from"/>, and moves <paramref name="from"/> past it.</summary>
    /// <returns>Whether there was one.</returns>
    public static bool TryFind(ReadOnlySpan<char> text, ref int from, out int start, out int length)
    {
        while (from < text.Length)
        {
            var separator = text[from..].IndexOf("://", StringComparison.Ordinal);
            if (separator < 0)
            {
                break;
            }

            separator += from;
            from = separator + 3;
            start = SchemeStart(text, separator);
            if (start < 0)
            {
                continue;
            }

            var quote = start > 0 && text[start - 1] is '"' or '\'' ? text[start - 1] : '\0';
            var end = End(text, separator + 3, quote);
            if (end > separator + 3)
            {
                from = end;
                length = end - start;
                return true;
            }
        }

        from = text.Length;
        start = length = 0;
        return false;
    }

    /// <summary>Where an <c>http</c> or <c>https</c> scheme ending at <paramref name="separator"/> starts; -1 for any other scheme.</summary>
    private static int SchemeStart(ReadOnlySpan<char> text, int separator)
    {
        int start;
        if (separator >= 5 && text.Slice(separator - 5, 5).Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            start = separator - 5;
        }
        else if (separator >= 4 && text.Slice(separator - 4, 4).Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            start = separator - 4;
        }
        else
        {
            return -1;
        }

        // "xhttp://" and "git+https://" are other schemes.
        return start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] is '+' or '-' or '.') ? -1 : start;
    }

    /// <summary>The end (exclusive) of a URL whose host starts at <paramref name="start"/>; <paramref name="start"/> when there is none.</summary>
    private static int End(ReadOnlySpan<char> text, int start, char quote)
    {
        if (start >= text.Length || !(char.IsLetterOrDigit(text[start]) || text[start] == '['))
        {
            return start;
        }

        int round = 0, square = 0, curly = 0;
        var singleQuoteOpen = false;
        var previousCanEnd = true;
        var end = start;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c <= ' ' || c is '"' or '<' or '>' or '`' or '|' || (c >= '\u007F' && c <= '\u009F') || char.IsWhiteSpace(c) || c == quote)
            {
                break;
            }

            bool canEnd;
            switch (c)
            {
                case '?' or '!' or '.' or ',' or ':' or ';' or '*':
                    canEnd = false;
                    break;
                case '/':
                    canEnd = previousCanEnd;
                    break;
                case '(':
                    round++;
                    canEnd = false;
                    break;
                case '[':
                    square++;
                    canEnd = false;
                    break;
                case '{':
                    curly++;
                    canEnd = false;
                    break;
                case ')':
                    if (--round < 0)
                    {
                        return end;
                    }

                    canEnd = true;
                    break;
                case ']':
                    if (--square < 0)
                    {
                        return end;
                    }

                    canEnd = true;
                    break;
                case '}':
                    if (--curly < 0)
                    {
                        return end;
                    }

                    canEnd = true;
                    break;
                case '\'':
                    singleQuoteOpen = !singleQuoteOpen;
                    canEnd = !singleQuoteOpen;
                    break;
                default:
                    // Other punctuation (。、」…) ends sentences in other scripts; '_', '~', '-', '=' and the rest may end a URL.
                    canEnd = c < '\u0080' || !char.IsPunctuation(c);
                    break;
            }

            if (canEnd)
            {
                end = i + 1;
            }

            previousCanEnd = canEnd;
        }

        return end;
    }
}
