namespace Citations.Formats.BibTeX;

/// <summary>Operations on lists of inlines that the item mapping needs (pandoc's ways of joining fields).</summary>
internal static class RichText
{
    /// <summary>
    /// Joins the parts that are present with a separator and a space ("Title: Subtitle. Addon"); when the text so far
    /// already ends in punctuation (<c>! ? . , : ;</c>), only the space is added.
    /// </summary>
    public static List<Inline>? Join(char separator, params List<Inline>?[] parts)
    {
        List<Inline>? result = null;
        foreach (var part in parts)
        {
            if (part is not { Count: > 0 })
            {
                continue;
            }

            if (result is null)
            {
                result = [.. part];
                continue;
            }

            var last = result[^1];
            if (last.Kind == InlineKind.Text && last.Text.Length > 0 && "!?.,:;".Contains(last.Text[^1], StringComparison.Ordinal))
            {
                result.Add(Inline.SpaceInline);
            }
            else
            {
                Append(result, Inline.Word(separator.ToString()));
                result.Add(Inline.SpaceInline);
            }

            result.AddRange(part);
        }

        return result;
    }

    /// <summary>Puts lists one after the other, joining words that meet.</summary>
    public static List<Inline> Concat(params List<Inline>[] parts)
    {
        var result = new List<Inline>();
        foreach (var part in parts)
        {
            foreach (var inline in part)
            {
                Append(result, inline);
            }
        }

        return result;
    }

    /// <summary>Splits at a top-level " and " (a space, the word <c>and</c>, a space); brace groups are not split.</summary>
    public static List<List<Inline>> SplitAtAnd(List<Inline> inlines)
    {
        var parts = new List<List<Inline>> { new() };
        for (var i = 0; i < inlines.Count; i++)
        {
            if (i + 2 < inlines.Count && inlines[i].Kind == InlineKind.Space && inlines[i + 1].Kind == InlineKind.Text
                && inlines[i + 1].Text == "and" && inlines[i + 2].Kind == InlineKind.Space)
            {
                parts.Add([]);
                i += 2;
                continue;
            }

            parts[^1].Add(inlines[i]);
        }

        return parts;
    }

    /// <summary>Joins the items of a list with "; ".</summary>
    public static List<Inline> JoinList(List<List<Inline>> items)
    {
        var result = new List<Inline>();
        foreach (var item in items)
        {
            if (result.Count > 0)
            {
                Append(result, Inline.Word(";"));
                result.Add(Inline.SpaceInline);
            }

            result.AddRange(item);
        }

        return result;
    }

    /// <summary>
    /// The text before the first top-level colon (a short title from "Title: Subtitle"); when there is no colon, the
    /// whole text, or <see langword="null"/> if <paramref name="requireColon"/>.
    /// </summary>
    public static List<Inline>? UpToColon(List<Inline> inlines, bool requireColon)
    {
        var result = new List<Inline>();
        foreach (var inline in inlines)
        {
            if (inline.Kind == InlineKind.Text)
            {
                var colon = inline.Text.IndexOf(':', StringComparison.Ordinal);
                if (colon >= 0)
                {
                    if (colon > 0)
                    {
                        result.Add(Inline.Word(inline.Text[..colon]));
                    }

                    while (result.Count > 0 && result[^1].Kind == InlineKind.Space)
                    {
                        result.RemoveAt(result.Count - 1);
                    }

                    return result;
                }
            }

            result.Add(inline);
        }

        return requireColon ? null : result;
    }

    /// <summary>Replaces a character in every word (not inside math).</summary>
    public static void ReplaceInText(List<Inline> inlines, char from, char to)
    {
        foreach (var inline in inlines)
        {
            if (inline.Kind == InlineKind.Text)
            {
                inline.Text = inline.Text.Replace(from, to);
            }
            else if (inline.IsContainer)
            {
                ReplaceInText(inline.Children, from, to);
            }
        }
    }

    private static void Append(List<Inline> list, Inline inline)
    {
        if (inline.Kind == InlineKind.Text && list.Count > 0 && list[^1].Kind == InlineKind.Text)
        {
            list[^1] = Inline.Word(list[^1].Text + inline.Text);
        }
        else
        {
            list.Add(inline);
        }
    }
}
