using System.Text;
using System.Text.RegularExpressions;

namespace Citations.Csl.Evaluation;

/// <summary>Given-name initials and particle parsing, as citeproc-js does them.</summary>
internal static partial class NameParts
{
    [GeneratedRegex("^([A-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u042f\u0590-\u05d4\u05d6-\u05ff\u0600-\u06ff\u0370\u0372\u0376\u0386\u0388-\u03ab\u03e2\u03e4\u03e6\u03e8\u03ea\u03ec\u03ee\u03f4\u03f7\u03fd-\u03ff])([a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u052f\u0600-\u06ff\u0370-\u03ff\u1f00-\u1fff]*|)(\\.)*")]
    private static partial Regex InitialRegex();

    [GeneratedRegex("((?:[-\\s]*</*(?:span\\s+class=\"no(?:case|decor)\"|i|sc|b|sub|sup)>[-\\s]*|[-\\s]+))")]
    private static partial Regex NameSplitRegex();

    [GeneratedRegex("\\s*-\\s*")]
    private static partial Regex HyphenSpacesRegex();

    [GeneratedRegex("-([a-z])")]
    private static partial Regex HyphenLowerRegex();

    [GeneratedRegex("\u2013([a-z])")]
    private static partial Regex EnDashLowerRegex();

    [GeneratedRegex("[\t\n\v\f\r \ufeff\u00a0]+$")]
    private static partial Regex TrailingSpaceRegex();

    [GeneratedRegex("[\t\n\v\f\r ]+")]
    private static partial Regex SpacesRegex();

    [GeneratedRegex("^(?:<[^>]+>)*")]
    private static partial Regex LeadingTagsRegex();

    [GeneratedRegex("(?:-*<[^>]+>-*)")]
    private static partial Regex TagRunRegex();

    [GeneratedRegex("^(.*[^\\s])*(\\s+)$")]
    private static partial Regex TrailingSpaceSplitRegex();

    [GeneratedRegex("(?:<[^>]+>)+")]
    private static partial Regex TagsOnlyRegex();

    private static readonly Memo<(string Name, string Terminator, bool NormalizeOnly, bool Hyphen), string> Initials = new(50_000);

    /// <summary>Initializes ("John Ronald" → "J. R.") or, with <paramref name="normalizeOnly"/>, only tidies existing initials.</summary>
    public static string InitializeWith(string name, string terminator, bool normalizeOnly, bool initializeWithHyphen)
        => name.Length == 0
            ? string.Empty
            : Initials.Get((name, terminator, normalizeOnly, initializeWithHyphen), 0, static (k, _) => ComputeInitials(k.Name, k.Terminator, k.NormalizeOnly, k.Hyphen));

    private static string ComputeInitials(string name, string terminator, bool normalizeOnly, bool initializeWithHyphen)
    {

        if (name is "Lord" or "Lady"
            || (!Scripts.StartsRomanesque(LeadingTagsRegex().Replace(name, string.Empty)) && !terminator.Contains("%s", StringComparison.Ordinal)))
        {
            return name;
        }

        if (!initializeWithHyphen)
        {
            name = name.Replace('-', ' ');
        }

        name = HyphenSpacesRegex().Replace(name, "-");
        name = SpacesRegex().Replace(name, " ");
        name = HyphenLowerRegex().Replace(name, "\u2013$1");

        // "J.R." → "J. R."
        var sb = new StringBuilder(name);
        for (var i = sb.Length - 2; i >= 0; i--)
        {
            if (sb[i] == '.' && sb[i + 1] != ' ')
            {
                sb.Insert(i + 1, ' ');
            }
        }

        name = sb.ToString();
        var parts = NameSplitRegex().Split(name);
        var list = new List<string>(parts);
        if (list.Count == 1)
        {
            // A single initial without a period ("J") gets one.
            var lastDot = list[0].LastIndexOf('.');
            var tail = lastDot >= 0 ? list[0][(lastDot + 1)..] : list[0];
            if (tail.Length == 1 && tail != tail.ToLowerInvariant())
            {
                list[0] += ".";
            }
        }

        var result = normalizeOnly ? DoNormalize(list, terminator) : DoInitialize(list, terminator);
        return EnDashLowerRegex().Replace(result, "-$1");
    }

    private static string NoTag(string s) => LeadingTagsRegex().Replace(s, string.Empty);

    private static string TagOnly(string s)
    {
        var m = TagsOnlyRegex().Match(s);
        return m.Success ? m.Value : s;
    }

    private static string MergeTag(string tagString, string newString)
    {
        var matches = TagRunRegex().Matches(tagString);
        if (matches.Count == 0)
        {
            return newString;
        }

        var tags = string.Concat(matches.Select(m => m.Value));
        var m2 = TrailingSpaceSplitRegex().Match(newString);
        return m2.Success ? m2.Groups[1].Value + tags + m2.Groups[2].Value : newString + tags;
    }

    private static string Finish(List<string> list)
    {
        var joined = string.Concat(list);
        joined = TrailingSpaceRegex().Replace(joined, string.Empty);
        joined = HyphenSpacesRegex().Replace(joined, "-");
        return SpacesRegex().Replace(joined, " ");
    }

    private static string DoNormalize(List<string> list, string terminator)
    {
        var isAbbrev = new bool[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            var plain = NoTag(list[i]);
            if (plain.Length > 1 && plain[^1] == '.')
            {
                var dot = list[i].LastIndexOf('.');
                list[i] = list[i].Remove(dot, 1);
                isAbbrev[i] = true;
            }
            else if (list[i].Length == 1 && list[i].ToUpperInvariant() == list[i])
            {
                isAbbrev[i] = true;
            }
        }

        for (var i = 0; i < list.Count; i += 2)
        {
            if (!isAbbrev[i])
            {
                continue;
            }

            if (i < list.Count - 2)
            {
                list[i + 1] = TagOnly(list[i + 1]);
                if (!isAbbrev[i + 2])
                {
                    list[i + 1] = TagOnly(list[i + 1]) + " ";
                }

                list[i + 1] = list[i + 2].Length > 1
                    ? terminator.TrimEnd('\ufeff') + list[i + 1]
                    : MergeTag(list[i + 1], terminator);
            }

            if (i == list.Count - 1)
            {
                list[i] += terminator;
            }
        }

        return Finish(list);
    }

    private static string DoInitialize(List<string> list, string terminator)
    {
        var template = terminator.Contains("%s", StringComparison.Ordinal);
        for (var i = 0; i < list.Count; i += 2)
        {
            var n = list[i];
            if (n.Length == 0)
            {
                continue;
            }

            var m = InitialRegex().Match(n);
            string g1, g2, g3;
            bool matched;
            if (m.Success)
            {
                (g1, g2, g3, matched) = (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Success ? m.Groups[3].Value : string.Empty, true);
            }
            else if (!Scripts.StartsRomanesque(n) && n.Length > 1 && template)
            {
                (g1, g2, g3, matched) = (n[..1], n[1..], string.Empty, true);
            }
            else
            {
                (g1, g2, g3, matched) = (string.Empty, string.Empty, string.Empty, false);
            }

            if (matched && g2.Length > 0 && g3.Length > 0)
            {
                // "Ph." and the like: an abbreviation, kept whole.
                g1 += g2;
                g2 = string.Empty;
            }

            if (matched && g1.Length > 0 && g1[..1] == g1[..1].ToUpperInvariant())
            {
                var extra = string.Empty;
                if (g2.Length > 0)
                {
                    var s = new StringBuilder();
                    foreach (var c in g2)
                    {
                        if (c.ToString() == c.ToString().ToUpperInvariant())
                        {
                            s.Append(c);
                        }
                        else
                        {
                            break;
                        }
                    }

                    if (s.Length < g2.Length)
                    {
                        extra = s.ToString().ToLowerInvariant();
                    }
                }

                list[i] = g1 + extra;
                if (i < list.Count - 1)
                {
                    if (template)
                    {
                        list[i] = terminator.Replace("%s", list[i], StringComparison.Ordinal);
                    }
                    else if (list[i + 1].Contains('-', StringComparison.Ordinal))
                    {
                        list[i + 1] = MergeTag(ReplaceFirst(list[i + 1], "-", string.Empty), terminator) + "-";
                    }
                    else
                    {
                        list[i + 1] = MergeTag(list[i + 1], terminator);
                    }
                }
                else if (template)
                {
                    list[i] = terminator.Replace("%s", list[i], StringComparison.Ordinal);
                }
                else
                {
                    list.Add(terminator);
                }
            }
            else if (Scripts.HasRomanesque(n) && (!matched || g3.Length == 0))
            {
                list[i] = " " + n;
            }
        }

        return Finish(list);
    }

    private static string ReplaceFirst(string s, string find, string replacement)
    {
        var index = s.IndexOf(find, StringComparison.Ordinal);
        return index < 0 ? s : string.Concat(s.AsSpan(0, index), replacement, s.AsSpan(index + find.Length));
    }
}
