using System.Text;
using Citations.CslData;

namespace Citations.Formats.BibTeX;

/// <summary>
/// Reads BibTeX name lists: names joined by <c>and</c> (outside braces), each written "First von Last", "von Last,
/// First" or "von Last, Jr, First", or in BibLaTeX's extended form (<c>family=…, given=…, prefix=…, useprefix=true</c>).
/// A name that is one brace group (<c>{World Health Organization}</c>) is kept whole as a literal name. <c>others</c>
/// marks a list shortened on purpose; it is kept as pandoc keeps it, a last name <c>{"literal": "others"}</c>, which
/// pandoc's CSL processor prints as "et al.".
/// </summary>
internal static class BibNames
{
    /// <summary>How names are read, from the entry's <c>options</c> and the dialect.</summary>
    /// <param name="BibTeXVonRule">Read "von Last" the way BibTeX does (the von part runs to the last lower-case word) instead of BibLaTeX's way (it stops at the first capitalised one).</param>
    /// <param name="UsePrefix">BibLaTeX's <c>useprefix</c>: the von part stays in front of the family name (a non-dropping particle).</param>
    /// <param name="JuniorComma">BibLaTeX's <c>juniorcomma</c>: a comma goes before the suffix.</param>
    public readonly record struct Options(bool BibTeXVonRule, bool UsePrefix, bool JuniorComma);

    /// <summary>What a name list held.</summary>
    /// <param name="Names">The names.</param>
    /// <param name="Others">Whether the list ended in <c>and others</c>.</param>
    /// <param name="Problems">Why some names could not be read as written.</param>
    public sealed record Result(IReadOnlyList<CslName> Names, bool Others, IReadOnlyList<string> Problems);

    /// <summary>Reads a name list.</summary>
    public static Result Read(string latex, Options options, Action<string>? unknownCommand = null)
    {
        var names = new List<CslName>();
        var problems = new List<string>();
        var others = false;
        var parts = SplitTopLevel(latex, IsAndAt);
        for (var index = 0; index < parts.Count; index++)
        {
            var raw = parts[index].Trim();
            if (raw.Length == 0)
            {
                problems.Add(parts.Count == 1 ? "The name list is empty." : "The name list has an empty name (two 'and's in a row, or one at an end).");
                continue;
            }

            if (raw == "others")
            {
                if (index != parts.Count - 1)
                {
                    problems.Add("'others' is not at the end of the name list; it was dropped.");
                }

                others = true;
                continue;
            }

            var name = ReadName(raw, options, problems, unknownCommand);
            if (name is not null)
            {
                names.Add(name);
            }
        }

        return new Result(names, others, problems);
    }

    private static CslName? ReadName(string raw, Options options, List<string> problems, Action<string>? unknownCommand)
    {
        if (IsOneGroup(raw) && !(raw.Length > 1 && raw[1] == '\\'))
        {
            return CslName.Institution(LaTeXReader.ReadPlain(raw[1..^1], unknownCommand));
        }

        var commaParts = SplitTopLevel(raw, static (s, i, depth) => depth == 0 && s[i] == ',' ? 1 : 0);
        if (commaParts.Count > 0 && IsExtendedPart(commaParts[0]))
        {
            return ReadExtended(commaParts, options, unknownCommand);
        }

        raw = SpaceInitials(raw);
        commaParts = SplitTopLevel(raw, static (s, i, depth) => depth == 0 && s[i] == ',' ? 1 : 0);
        List<string> first, von, last, jr = [];
        switch (commaParts.Count)
        {
            case 1:
            {
                var tokens = Tokens(commaParts[0]);
                var caps = 0;
                while (caps < tokens.Count && IsCapitalized(tokens[caps]))
                {
                    caps++;
                }

                if (caps == tokens.Count)
                {
                    first = tokens.GetRange(0, tokens.Count - 1);
                    von = [];
                    last = [tokens[^1]];
                }
                else
                {
                    first = tokens.GetRange(0, caps);
                    (von, last) = SplitVonLast(tokens.GetRange(caps, tokens.Count - caps), options.BibTeXVonRule);
                }

                break;
            }

            default:
            {
                if (commaParts.Count > 3)
                {
                    problems.Add($"The name '{raw}' has more than two commas; the parts after the third were ignored.");
                }

                (von, last) = SplitVonLast(Tokens(commaParts[0]), options.BibTeXVonRule);
                if (commaParts.Count == 2)
                {
                    first = Tokens(commaParts[1]);
                }
                else
                {
                    jr = Tokens(commaParts[1]);
                    first = Tokens(commaParts[2]);
                }

                break;
            }
        }

        var familyWhole = last.Count == 1 && IsOneGroup(last[0]) && !(last[0].Length > 1 && last[0][1] == '\\');
        var family = Text(last, unknownCommand);
        var given = Text(first, unknownCommand);
        var prefix = Text(von, unknownCommand);
        var suffix = Text(jr, unknownCommand);
        if (family.Length == 0 && given.Length == 0)
        {
            problems.Add($"The name '{raw}' has no family or given name.");
            return null;
        }

        string? dropping = null, nonDropping = null;
        if (prefix.Length > 0)
        {
            if (options.UsePrefix)
            {
                nonDropping = prefix;
            }
            else
            {
                dropping = prefix;
            }
        }
        else
        {
            // Particles written inside the family or given name ("d'Alembert", "al-Khwarizmi", "Hans van der") are
            // split off as CSL processors do, unless the family name was one brace group: braces keep it whole.
            if (!familyWhole)
            {
                (nonDropping, family) = LeadingParticle(family);
            }

            (given, dropping) = TrailingParticle(given);
        }

        return new CslName
        {
            Family = family.Length > 0 ? family : null,
            Given = given.Length > 0 ? given : null,
            DroppingParticle = dropping,
            NonDroppingParticle = nonDropping,
            Suffix = suffix.Length > 0 ? suffix : null,
            CommaSuffix = options.JuniorComma && suffix.Length > 0 ? CslScalar.FromBoolean(true) : (CslScalar?)null,
        };
    }

    private static (List<string> Von, List<string> Last) SplitVonLast(List<string> tokens, bool bibtexRule)
    {
        if (tokens.Count == 0)
        {
            return ([], []);
        }

        if (bibtexRule)
        {
            // BibTeX: the last name is the capitalised words at the end (at least the final word); the rest is von.
            var lastStart = tokens.Count;
            while (lastStart > 0 && IsCapitalized(tokens[lastStart - 1]))
            {
                lastStart--;
            }

            if (lastStart == tokens.Count)
            {
                lastStart = tokens.Count - 1;
            }

            return (tokens.GetRange(0, lastStart), tokens.GetRange(lastStart, tokens.Count - lastStart));
        }

        // BibLaTeX: von is the lower-case words at the start; the last name starts at the first capitalised word.
        var vonEnd = 0;
        while (vonEnd < tokens.Count && !IsCapitalized(tokens[vonEnd]))
        {
            vonEnd++;
        }

        if (vonEnd == tokens.Count)
        {
            vonEnd = tokens.Count - 1;
        }

        return (tokens.GetRange(0, vonEnd), tokens.GetRange(vonEnd, tokens.Count - vonEnd));
    }

    private static CslName? ReadExtended(List<string> parts, Options options, Action<string>? unknownCommand)
    {
        string? family = null, given = null, prefix = null, suffix = null;
        var usePrefix = options.UsePrefix;
        foreach (var part in parts)
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                continue;
            }

            var key = part[..eq].Trim().ToLowerInvariant();
            var value = part[(eq + 1)..].Trim();
            if (IsOneGroup(value))
            {
                value = value[1..^1];
            }

            var text = LaTeXReader.ReadPlain(value, unknownCommand);
            switch (key)
            {
                case "family":
                    family = text;
                    break;
                case "given":
                    given = given is null ? text : given + " " + text;
                    break;
                case "prefix":
                    prefix = text;
                    break;
                case "suffix":
                    suffix = text;
                    break;
                case "useprefix":
                    usePrefix = text.Equals("true", StringComparison.OrdinalIgnoreCase);
                    break;
            }
        }

        if (family is null && given is null)
        {
            return null;
        }

        return new CslName
        {
            Family = family,
            Given = given,
            DroppingParticle = usePrefix ? null : prefix,
            NonDroppingParticle = usePrefix ? prefix : null,
            Suffix = suffix,
            CommaSuffix = options.JuniorComma && suffix is not null ? CslScalar.FromBoolean(true) : (CslScalar?)null,
        };
    }

    private static bool IsExtendedPart(string part)
    {
        var s = part.AsSpan().Trim();
        var i = 0;
        while (i < s.Length && (char.IsAsciiLetter(s[i]) || s[i] == '-'))
        {
            i++;
        }

        if (i == 0)
        {
            return false;
        }

        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }

        return i < s.Length && s[i] == '=';
    }

    /// <summary>Splits off lower-case words at the start of a family name ("van der Waals", "d'Arc", "al-Farabi").</summary>
    private static (string? Particle, string Family) LeadingParticle(string family)
    {
        var words = family.Split(' ');
        var count = 0;
        while (count < words.Length - 1 && IsParticleWord(words[count]))
        {
            count++;
        }

        if (count > 0)
        {
            return (string.Join(' ', words, 0, count), string.Join(' ', words, count, words.Length - count));
        }

        // A particle joined by an apostrophe or a hyphen: lower-case letters, then ’ ' or -, then a capital.
        var j = 0;
        while (j < family.Length && char.IsLower(family[j]))
        {
            j++;
        }

        if (j > 0 && j + 1 < family.Length && family[j] is '\u2019' or '\'' or '-' && char.IsUpper(family[j + 1]))
        {
            return (family[..(j + 1)], family[(j + 1)..]);
        }

        return (null, family);
    }

    /// <summary>Splits off lower-case words at the end of given names ("Hans van der").</summary>
    private static (string Given, string? Particle) TrailingParticle(string given)
    {
        var words = given.Split(' ');
        var start = words.Length;
        while (start > 1 && IsParticleWord(words[start - 1]))
        {
            start--;
        }

        return start == words.Length || given.Length == 0
            ? (given, null)
            : (string.Join(' ', words, 0, start), string.Join(' ', words, start, words.Length - start));
    }

    /// <summary>A word that can be a particle: it starts with a lower-case letter and has no capitals ("van", "de", "ten").</summary>
    private static bool IsParticleWord(string word) => word.Length > 0 && char.IsLower(word[0]) && !word.Any(char.IsUpper);

    private static string Text(List<string> tokens, Action<string>? unknownCommand)
    {
        if (tokens.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var token in tokens)
        {
            var plain = LaTeXReader.ReadPlain(token, unknownCommand).Replace('\u00A0', ' ').Trim();
            if (plain.Length == 0)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(plain);
        }

        return text.ToString();
    }

    /// <summary>
    /// Whether a word counts as capitalised for splitting a name: its first letter outside braces is upper case. A
    /// brace group counts as capitalised, except a special character (<c>{\'e}</c>, <c>{\oe}</c>), whose letter decides.
    /// A word without letters counts as capitalised.
    /// </summary>
    internal static bool IsCapitalized(string token)
    {
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (char.IsLetter(c))
            {
                return char.IsUpper(c);
            }

            if (c == '{')
            {
                if (i + 1 < token.Length && token[i + 1] == '\\')
                {
                    return SpecialCharacterIsUpper(token, i + 2);
                }

                return true;
            }

            if (c == '\\')
            {
                return SpecialCharacterIsUpper(token, i + 1);
            }
        }

        return true;
    }

    private static bool SpecialCharacterIsUpper(string token, int at)
    {
        var end = at;
        while (end < token.Length && char.IsAsciiLetter(token[end]))
        {
            end++;
        }

        var name = end > at ? token[at..end] : at < token.Length ? token[at].ToString() : string.Empty;
        if (LaTeXSymbols.Letters.TryGetValue(name, out var letter))
        {
            return char.IsUpper(letter[0]);
        }

        // An accent or another command: the first letter after it decides ({\'E}, \v{s}, {\relax Th}).
        for (var i = end > at ? end : at + 1; i < token.Length; i++)
        {
            if (char.IsLetter(token[i]))
            {
                return char.IsUpper(token[i]);
            }
        }

        return true;
    }

    /// <summary>Splits a name part into words at blanks and <c>~</c> outside braces.</summary>
    private static List<string> Tokens(string part)
    {
        var tokens = new List<string>();
        var depth = 0;
        var start = -1;
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            if (c == '\\' && i + 1 < part.Length && depth == 0 && part[i + 1] == '~')
            {
                // \~ is an accent, not a separator.
                if (start < 0)
                {
                    start = i;
                }

                i++;
                continue;
            }

            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth = Math.Max(0, depth - 1);
            }

            var separator = depth == 0 && (char.IsWhiteSpace(c) || c == '~');
            if (separator)
            {
                if (start >= 0)
                {
                    tokens.Add(part[start..i]);
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            tokens.Add(part[start..]);
        }

        return tokens;
    }

    /// <summary>"J.R.R. Tolkien" is read as "J. R. R. Tolkien": a space after a period between two single capitals.</summary>
    private static string SpaceInitials(string raw)
    {
        StringBuilder? result = null;
        for (var i = 1; i + 1 < raw.Length; i++)
        {
            if (raw[i] != '.' || !char.IsUpper(raw[i - 1]) || !char.IsLetter(raw[i + 1]) || !char.IsUpper(raw[i + 1]))
            {
                continue;
            }

            var beforeOk = i - 2 < 0 || raw[i - 2] is '.' || char.IsWhiteSpace(raw[i - 2]) || raw[i - 2] == '~';
            var afterOk = i + 2 >= raw.Length || raw[i + 2] is '.' || char.IsWhiteSpace(raw[i + 2]) || raw[i + 2] == '~';
            if (beforeOk && afterOk)
            {
                result ??= new StringBuilder(raw);
                result[i] = '\u0001';
            }
        }

        return result is null ? raw : result.ToString().Replace("\u0001", ". ", StringComparison.Ordinal);
    }

    private static bool IsOneGroup(string s)
    {
        if (s.Length < 2 || s[0] != '{' || s[^1] != '}')
        {
            return false;
        }

        var depth = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
                continue;
            }

            if (s[i] == '{')
            {
                depth++;
            }
            else if (s[i] == '}' && --depth == 0 && i != s.Length - 1)
            {
                return false;
            }
        }

        return depth == 0;
    }

    /// <summary>The length of an " and " separator at <paramref name="i"/> (outside braces), or 0.</summary>
    private static int IsAndAt(string s, int i, int depth)
    {
        // Only at the first blank of a run, so that a long run of blanks is crossed once, not once per blank.
        if (depth != 0 || !char.IsWhiteSpace(s[i]) || (i > 0 && char.IsWhiteSpace(s[i - 1])))
        {
            return 0;
        }

        var j = i;
        while (j < s.Length && char.IsWhiteSpace(s[j]))
        {
            j++;
        }

        if (j + 3 < s.Length && s[j] == 'a' && s[j + 1] == 'n' && s[j + 2] == 'd' && char.IsWhiteSpace(s[j + 3]))
        {
            return j + 3 - i;
        }

        return 0;
    }

    /// <summary>Splits at separators outside braces; <paramref name="separatorAt"/> gives a separator's length at a position, or 0.</summary>
    private static List<string> SplitTopLevel(string s, Func<string, int, int, int> separatorAt)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\' && i + 1 < s.Length && s[i + 1] is '{' or '}')
            {
                i++;
                continue;
            }

            if (c == '{')
            {
                depth++;
                continue;
            }

            if (c == '}')
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }

            var length = separatorAt(s, i, depth);
            if (length > 0)
            {
                parts.Add(s[start..i]);
                start = i + length;
                i = start - 1;
            }
        }

        parts.Add(s[start..]);
        return parts;
    }
}
