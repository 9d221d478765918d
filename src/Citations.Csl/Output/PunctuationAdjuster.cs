namespace Citations.Csl.Output;

/// <summary>
/// Reconciles punctuation where affixes, delimiters and field text meet, the way citeproc-js does, so that output
/// matches the reference processor: duplicate punctuation is dropped ("Title." + "." gives "Title."), clashing marks
/// merge by a fixed table ("?" + "." gives "?"), leading and trailing spaces and punctuation move to the node that
/// owns them, and periods and commas move inside quotation marks when the locale asks for it.
/// </summary>
internal static class PunctuationAdjuster
{

    // Which character results when the left mark meets the right mark; absent pairs are not merged.
    private static readonly Dictionary<(char Left, char Right), string> LeftToRight = new()
    {
        [('!', '.')] = "!", [('!', '?')] = "!?", [('!', ':')] = "!", [('!', ',')] = "!,", [('!', ';')] = "!;",
        [('?', '!')] = "?!", [('?', '.')] = "?", [('?', ':')] = "?", [('?', ',')] = "?,", [('?', ';')] = "?;",
        [('.', '!')] = ".!", [('.', '?')] = ".?", [('.', ':')] = ".:", [('.', ',')] = ".,", [('.', ';')] = ".;",
        [(':', '!')] = "!", [(':', '?')] = "?", [(':', '.')] = ":", [(':', ',')] = ":,", [(':', ';')] = ":;",
        [(',', '!')] = ",!", [(',', '?')] = ",?", [(',', ':')] = ",:", [(',', '.')] = ",.", [(',', ';')] = ",;",
        [(';', '!')] = "!", [(';', '?')] = "?", [(';', ':')] = ";", [(';', ',')] = ";,", [(';', '.')] = ";",
    };

    private enum Field : byte { Text, Prefix, Suffix }

    public static void Adjust(Blob root, bool punctuationInQuote)
    {
        PurgeEmpty(root);
        Upward(root);
        Leftward(root);
        Downward(root, punctuationInQuote);
        Fix(root, punctuationInQuote);
    }

    /// <summary>Removes children that rendered nothing, bottom-up.</summary>
    public static void PurgeEmpty(Blob parent)
    {
        if (parent.Children is not { Count: > 0 } children)
        {
            return;
        }

        for (var i = children.Count - 1; i >= 0; i--)
        {
            PurgeEmpty(children[i]);
            var child = children[i];
            if (child.Text is null ? child.Children is not { Count: > 0 } : child.Text.Length == 0)
            {
                children.RemoveAt(i);
            }
        }
    }

    private static bool IsPunct(char c) => c is '!' or '?' or '.' or ':' or ',' or ';';

    private static bool IsPunctOrSpace(char c) => c is ' ' or '\u00A0' || IsPunct(c);

    private static bool IsSwapIn(char c) => c is '!' or '?' or '.' or ',';

    private static bool IsSwapOut(char c) => c is ':' or ',' or ';';

    private static char First(string s) => s.Length > 0 ? s[0] : '\0';

    private static char Last(string s) => s.Length > 0 ? s[^1] : '\0';

    private static string Get(Blob b, Field f) => f switch
    {
        Field.Text => b.Text ?? string.Empty,
        Field.Prefix => b.Prefix,
        _ => b.Suffix,
    };

    private static void Set(Blob b, Field f, string value)
    {
        switch (f)
        {
            case Field.Text:
                b.Text = value;
                break;
            case Field.Prefix:
                b.Prefix = value;
                break;
            default:
                b.Suffix = value;
                break;
        }
    }

    /// <summary>Merges the last character of one field with the first of another, keeping the result on the right (<paramref name="mergeRight"/>) or the left.</summary>
    private static void MergeChars(Blob first, Field firstField, Blob second, Field secondField, bool mergeRight = false)
    {
        var a = Get(first, firstField);
        var b = Get(second, secondField);
        var firstChar = Last(a);
        var secondChar = First(b);
        if (firstChar == secondChar)
        {
            if (mergeRight)
            {
                Set(first, firstField, a.Length > 0 ? a[..^1] : a);
            }
            else
            {
                Set(second, secondField, b.Length > 0 ? b[1..] : b);
            }

            return;
        }

        if (mergeRight)
        {
            if (!IsPunct(firstChar))
            {
                return;
            }

            if (LeftToRight.TryGetValue((firstChar, secondChar), out var merged))
            {
                Set(first, firstField, a[..^1]);
                Set(second, secondField, merged + (b.Length > 0 ? b[1..] : b));
            }
            else
            {
                Set(second, secondField, firstChar + b);
                Set(first, firstField, a[..^1]);
            }
        }
        else
        {
            if (!IsPunct(secondChar))
            {
                return;
            }

            if (LeftToRight.TryGetValue((firstChar, secondChar), out var merged))
            {
                Set(second, secondField, b[1..]);
                Set(first, firstField, (a.Length > 0 ? a[..^1] : a) + merged);
            }
            else
            {
                Set(first, firstField, a + secondChar);
                Set(second, secondField, b[1..]);
            }
        }
    }

    private static bool HasDecorations(Blob blob, bool includeQuotes)
        => blob.Decorations.HasFormatting || (includeQuotes && blob.Decorations.Quotes != QuoteMark.None);

    private static bool IsNumber(Blob blob)
        => blob.IsNumeric || (blob.Children is { Count: 1 } c && c[0].IsNumeric);

    private static bool EndsInNumber(Blob blob)
    {
        while (true)
        {
            if (blob.IsNumeric)
            {
                return true;
            }

            if (blob.Children is not { Count: > 0 } children)
            {
                return false;
            }

            blob = children[^1];
        }
    }

    private static bool HasDescendantQuotes(Blob blob)
    {
        while (true)
        {
            if (blob.Decorations.HasQuotes)
            {
                return true;
            }

            if (blob.Children is not { Count: > 0 } children)
            {
                return false;
            }

            blob = children[^1];
        }
    }

    private static bool HasDescendantMergingPunctuation(char parentChar, Blob blob)
    {
        while (true)
        {
            var childChar = Last(blob.Suffix);
            if (childChar == '\0' && blob.Text is not null)
            {
                childChar = Last(blob.Text);
            }

            if (LeftToRight.TryGetValue((childChar, parentChar), out var merged) && merged.Length == 1)
            {
                return true;
            }

            if (blob.Children is not { Count: > 0 } children)
            {
                return false;
            }

            blob = children[^1];
        }
    }

    private static bool MatchLastChar(Blob blob, char c)
    {
        if (!IsPunct(c))
        {
            return false;
        }

        while (true)
        {
            if (blob.Text is not null)
            {
                return Last(blob.Text) == c;
            }

            if (blob.Children is not { Count: > 0 } children)
            {
                return false;
            }

            var child = children[^1];
            var childChar = Last(child.Suffix);
            if (childChar != '\0')
            {
                return childChar == c;
            }

            blob = child;
        }
    }

    /// <summary>A leaf drops a punctuation mark its suffix starts with when its text ends with the same mark ("etc." + ".").</summary>
    private static void DropRepeatedMark(Blob leaf)
    {
        if (IsPunct(First(leaf.Suffix)) && First(leaf.Suffix) == Last(leaf.Text!))
        {
            leaf.Suffix = leaf.Suffix[1..];
        }
    }

    private static void Upward(Blob parent)
    {
        if (parent.Text is not null)
        {
            DropRepeatedMark(parent);
            return;
        }

        if (parent.Children is not { Count: > 0 } children)
        {
            return;
        }

        var parentDecorations = HasDecorations(parent, includeQuotes: true);
        for (var i = children.Count - 1; i >= 0; i--)
        {
            var child = children[i];
            Upward(child);
            if (i == 0)
            {
                // A space on both sides of the boundary: keep one.
                if (Last(parent.Prefix) == ' ' && First(child.Prefix) == ' ')
                {
                    child.Prefix = child.Prefix[1..];
                }

                // Leading punctuation or space on the first child moves up to an empty parent prefix.
                var c = First(child.Prefix);
                if (!parentDecorations && IsPunctOrSpace(c) && parent.Prefix.Length == 0)
                {
                    parent.Prefix += c;
                    child.Prefix = child.Prefix[1..];
                }
            }

            if (i == children.Count - 1)
            {
                // A trailing space on the last child moves up.
                if (!parentDecorations && Last(child.Suffix) == ' ')
                {
                    if (First(parent.Suffix) != ' ')
                    {
                        parent.Suffix = ' ' + parent.Suffix;
                    }

                    child.Suffix = child.Suffix[..^1];
                }
            }

            if (parent.Delimiter.Length > 0 && i > 0)
            {
                if (IsPunctOrSpace(Last(parent.Delimiter)) && Last(parent.Delimiter) == First(child.Prefix))
                {
                    child.Prefix = child.Prefix[1..];
                }
            }
        }
    }

    private static void Leftward(Blob parent)
    {
        if (parent.Children is not { Count: > 0 } children)
        {
            return;
        }

        for (var i = children.Count - 1; i >= 0; i--)
        {
            Leftward(children[i]);
            if (i < children.Count - 1 && parent.Delimiter.Length == 0)
            {
                // Punctuation leading a sibling's prefix joins this child's suffix (or is dropped as a duplicate).
                var child = children[i];
                var sibling = children[i + 1];
                var siblingChar = First(sibling.Prefix);
                var hasDecorations = HasDecorations(child, false) || HasDecorations(sibling, false);
                if (!hasDecorations && IsPunct(siblingChar))
                {
                    var suffixAndPrefixMatch = siblingChar == Last(child.Suffix);
                    var suffixAndFieldMatch = child.Suffix.Length == 0 && child.Text is not null && Last(child.Text) == siblingChar;
                    if (!suffixAndPrefixMatch && !suffixAndFieldMatch)
                    {
                        MergeChars(child, Field.Suffix, sibling, Field.Prefix);
                    }
                    else
                    {
                        sibling.Prefix = sibling.Prefix[1..];
                    }
                }
            }
        }
    }

    private static void Downward(Blob parent, bool punctuationInQuote)
    {
        if (parent.Text is not null)
        {
            DropRepeatedMark(parent);
            return;
        }

        if (parent.Children is not { Count: > 0 } children)
        {
            return;
        }

        // Leading punctuation of a delimiter moves onto the suffixes of all but the last child.
        if (parent.Delimiter.Length > 0 && IsPunct(First(parent.Delimiter)))
        {
            var delimChar = parent.Delimiter[0];
            for (var i = children.Count - 2; i >= 0; i--)
            {
                if (Last(children[i].Suffix) != delimChar)
                {
                    children[i].Suffix += delimChar;
                }
            }

            parent.Delimiter = parent.Delimiter[1..];
        }

        for (var i = children.Count - 1; i >= 0; i--)
        {
            var child = children[i];
            var childDecorations = HasDecorations(child, includeQuotes: true);
            var childIsNumber = IsNumber(child);
            if (i == children.Count - 1)
            {
                var parentChar = First(parent.Suffix);
                var allowMigration = false;
                if (IsPunct(parentChar))
                {
                    allowMigration = HasDescendantMergingPunctuation(parentChar, child);
                    if (!allowMigration && punctuationInQuote)
                    {
                        allowMigration = HasDescendantQuotes(child);
                    }
                }

                if (allowMigration && !EndsInNumber(child))
                {
                    if (child.Text is not null)
                    {
                        MergeChars(child, Field.Text, parent, Field.Suffix);
                    }
                    else
                    {
                        MergeChars(child, Field.Suffix, parent, Field.Suffix);
                    }

                    if (First(parent.Suffix) == '.')
                    {
                        child.Suffix += '.';
                        parent.Suffix = parent.Suffix[1..];
                    }
                }

                // A no-break space ending the child makes a space starting the parent's suffix redundant.
                if (Last(child.Suffix) == '\u00a0' && First(parent.Suffix) == ' ')
                {
                    parent.Suffix = parent.Suffix[1..];
                }

                if (IsPunctOrSpace(First(child.Suffix)))
                {
                    if (child.Text is not null && Last(child.Text) == First(child.Suffix))
                    {
                        child.Suffix = child.Suffix[1..];
                    }

                    if (child.Suffix.Length > 0 && parent.Suffix.Length > 0 && Last(child.Suffix) == First(parent.Suffix))
                    {
                        // citeproc-js drops the parent suffix's last character here, not its first.
                        parent.Suffix = parent.Suffix[..^1];
                    }
                }

                if (MatchLastChar(parent, First(parent.Suffix)))
                {
                    parent.Suffix = parent.Suffix[1..];
                }
            }
            else if (parent.Delimiter.Length > 0)
            {
                if (IsPunctOrSpace(First(parent.Delimiter)) && First(parent.Delimiter) == Last(child.Suffix))
                {
                    child.Suffix = child.Suffix[..^1];
                }
            }
            else
            {
                var sibling = children[i + 1];
                if (!IsNumber(child) && !childDecorations && IsPunctOrSpace(Last(child.Suffix)) && Last(child.Suffix) == First(sibling.Prefix))
                {
                    sibling.Prefix = sibling.Prefix[1..];
                }
            }

            // Field text ending in punctuation absorbs the same or a weaker mark from the style's suffix.
            if (!childIsNumber && !childDecorations && IsPunct(First(child.Suffix)) && child.Text is not null)
            {
                MergeChars(child, Field.Text, child, Field.Suffix);
            }

            Downward(child, punctuationInQuote);
        }
    }

    private static void Fix(Blob parent, bool punctuationInQuote)
    {
        if (parent.Children is not { Count: > 0 } children)
        {
            return;
        }

        foreach (var child in children)
        {
            if (child.Decorations.HasQuotes)
            {
                if (punctuationInQuote)
                {
                    SwapToTheLeft(child);
                }
                else
                {
                    SwapToTheRight(child);
                }
            }

            Fix(child, punctuationInQuote);
        }
    }

    private static void SwapToTheLeft(Blob child)
    {
        var guard = 0;
        if (child.Text is not null)
        {
            while (IsSwapIn(First(child.Suffix)) && guard++ < 16)
            {
                MergeChars(child, Field.Text, child, Field.Suffix);
            }
        }
        else if (child.Children is { Count: > 0 } children)
        {
            while (IsSwapIn(First(child.Suffix)) && guard++ < 16)
            {
                MergeChars(children[^1], Field.Suffix, child, Field.Suffix);
            }
        }
    }

    private static void SwapToTheRight(Blob child)
    {
        var guard = 0;
        if (child.Text is not null)
        {
            while (IsSwapOut(Last(child.Text)) && guard++ < 16)
            {
                MergeChars(child, Field.Text, child, Field.Suffix, mergeRight: true);
            }
        }
        else if (child.Children is { Count: > 0 } children)
        {
            while (IsSwapOut(Last(children[^1].Suffix)) && guard++ < 16)
            {
                MergeChars(children[^1], Field.Suffix, child, Field.Suffix, mergeRight: true);
            }
        }
    }
}
