using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Citations.Csl.Styles;

namespace Citations.Csl.Evaluation;

/// <summary>
/// Applies CSL <c>text-case</c> to a string that may hold rich-text markup, as citeproc-js does: markup, quotes and
/// punctuation split the string into runs; text inside <c>nocase</c>, small-caps, <c>sup</c> and <c>sub</c> spans is
/// left alone; title case lowercases nothing, capitalizes words that are all lowercase except English stop words
/// (but always the first word, the word after a colon, question or exclamation mark, and a stop word at the end).
/// </summary>
internal sealed partial class TextCaser
{
    private static readonly FrozenSet<string> StopWords = new[]
    {
        "about", "above", "across", "afore", "after", "against", "al", "along", "alongside", "amid", "amidst", "among",
        "amongst", "anenst", "apropos", "apud", "around", "as", "aside", "astride", "at", "athwart", "atop", "barring",
        "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond", "but", "by", "circa",
        "despite", "down", "during", "et", "except", "for", "forenenst", "from", "given", "in", "inside", "into", "lest",
        "like", "modulo", "near", "next", "notwithstanding", "of", "off", "on", "onto", "out", "over", "per", "plus",
        "pro", "qua", "sans", "since", "than", "through", "throughout", "thruout", "till", "to", "toward", "towards",
        "under", "underneath", "until", "unto", "up", "upon", "versus", "vs", "v", "via", "vis-à-vis", "with", "within",
        "without", "or", "yet", "so", "and", "nor", "a", "an", "the", "de", "d'", "von", "van", "c", "ca",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Closing tags for the spans whose content text-case must not touch.
    private static readonly FrozenDictionary<string, string> ProtectingTags = new Dictionary<string, string>
    {
        ["<span style=\"font-variant: small-caps;\">"] = "</span>",
        ["<span class=\"nocase\">"] = "</span>",
        ["<span class=\"nodecor\">"] = "</span>",
        ["<sc>"] = "</sc>",
        ["<sub>"] = "</sub>",
        ["<sup>"] = "</sup>",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly TextInfo _textInfo;
    private readonly bool _fullMappings;

    public TextCaser(string language)
    {
        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            culture = CultureInfo.InvariantCulture;
        }

        // Only languages with their own casing rules need a culture; everything else uses invariant casing.
        _textInfo = culture.TwoLetterISOLanguageName is "tr" or "az" or "lt" ? culture.TextInfo : CultureInfo.InvariantCulture.TextInfo;
        _fullMappings = ReferenceEquals(_textInfo, CultureInfo.InvariantCulture.TextInfo);
    }

    [GeneratedRegex("(\u2018|\u2019|\u201C|\u201D| \"| '|\"|'|[-\u2013\u2014/.,;?!:]|\\[|\\]|\\(|\\)|<span style=\"font-variant: small-caps;\">|<span class=\"no(?:case|decor)\">|</span>|</?(?:i|sc|b|sub|sup)>)")]
    private static partial Regex TagRegex();

    [GeneratedRegex("(<span)\\s+(class=\"no(?:case|decor)\")[^>]*(>)")]
    private static partial Regex NoCaseSpanRegex();

    [GeneratedRegex("(<span)\\s+(style=\"font-variant:)\\s*(small-caps);?(\")[^>]*(>)")]
    private static partial Regex SmallCapsSpanRegex();

    [GeneratedRegex("([\u00A0 \u2000-\u200B\u205F\u3000]+)")]
    private static partial Regex WordSeparatorRegex();

    public string Apply(string text, TextCase mode)
    {
        if (text.Length == 0 || mode == TextCase.None)
        {
            return text;
        }

        return _cache.Get((text, mode), this, static (key, caser) => new State(key.Mode, caser).Run(key.Text));
    }

    private readonly Memo<(string Text, TextCase Mode), string> _cache = new(50_000);

    public string Upper(string s)
    {
        var upper = _textInfo.ToUpper(s);
        return _fullMappings && upper.AsSpan().IndexOfAny(FullUpperSpecials) >= 0 ? FullUpper(upper) : upper;
    }

    public string Lower(string s)
    {
        var lower = _textInfo.ToLower(s);
        return _fullMappings && lower.Contains('İ', StringComparison.Ordinal) ? lower.Replace("İ", "i̇", StringComparison.Ordinal) : lower;
    }

    // JavaScript's toUpperCase (which citeproc-js uses) maps the dotless ı to I and expands ß and the Latin ligatures;
    // .NET's invariant casing leaves them as they are.
    private static readonly SearchValues<char> FullUpperSpecials = SearchValues.Create("\u0131\u00DF\u0149\uFB00\uFB01\uFB02\uFB03\uFB04\uFB05\uFB06");

    private static string FullUpper(string text)
    {
        var builder = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            var replacement = c switch
            {
                '\u0131' => "I",
                '\u00DF' => "SS",
                '\u0149' => "\u02BCN",
                '\uFB00' => "FF",
                '\uFB01' => "FI",
                '\uFB02' => "FL",
                '\uFB03' => "FFI",
                '\uFB04' => "FFL",
                '\uFB05' or '\uFB06' => "ST",
                _ => null,
            };
            if (replacement is null)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(replacement);
            }
        }

        return builder.ToString();
    }

    private string Capitalise(string word)
    {
        var i = 0;
        while (i < word.Length && char.IsWhiteSpace(word[i]))
        {
            i++;
        }

        if (i >= word.Length)
        {
            return word;
        }

        var length = char.IsHighSurrogate(word[i]) && i + 1 < word.Length ? 2 : 1;
        var first = word.Substring(i, length);

        // A lone Greek letter (a symbol in a scientific title) is left alone.
        if (length == 1 && first[0] is >= '\u0370' and <= '\u03FF' && i + 1 == word.Length)
        {
            return word;
        }

        return string.Concat(word.AsSpan(0, i), Upper(first), word.AsSpan(i + length));
    }

    internal static bool IsStopWord(string lower) => StopWords.Contains(lower);

    private sealed class State
    {
        private readonly TextCase _mode;
        private readonly TextCaser _caser;
        private readonly List<string> _tags = [];
        private readonly List<string> _strings = [];
        private readonly List<string> _original = [];
        private readonly List<string> _tagStack = [];
        private readonly List<(string Opener, string Closer, int? Position)> _quotes = [];
        private bool _isFirst = true;
        private bool _afterPunct;
        private (int String, int Word)? _lastWord;

        public State(TextCase mode, TextCaser caser)
        {
            _mode = mode;
            _caser = caser;
        }

        private bool TracksQuotes => _mode is TextCase.Sentence or TextCase.Title or TextCase.CapitalizeFirst or TextCase.CapitalizeAll;

        public string Run(string text)
        {
            text = NoCaseSpanRegex().Replace(text, "$1 $2$3");
            text = SmallCapsSpanRegex().Replace(text, "$1 $2 $3;$4$5");
            Split(text);

            if (_strings[0].Trim().Length > 0)
            {
                _strings[0] = CapitaliseWords(_strings[0], 0, _tags.Count > 0 ? _tags[0] : null);
            }

            for (var i = 0; i < _tags.Count; i++)
            {
                var tag = _tags[i];
                var str = _strings[i + 1];
                if (ProtectingTags.TryGetValue(tag, out var closer))
                {
                    _tagStack.Add(closer);
                }
                else if (_tagStack.Count > 0 && tag == _tagStack[^1])
                {
                    _tagStack.RemoveAt(_tagStack.Count - 1);
                }

                if (tag.Length > 0 && tag[^1] is '!' or '?' or ':')
                {
                    _afterPunct = true;
                }

                if (_tagStack.Count == 0)
                {
                    // citeproc-js passes no following tag here, so a trailing hyphen only matters for the first run.
                    _strings[i + 1] = CapitaliseWords(str, i + 1, null);
                }
                else if (_strings[i + 1].Trim().Length > 0)
                {
                    _lastWord = null;
                }

                if (TracksQuotes && QuoteFix(tag, i) is { } quotePosition)
                {
                    RestoreFirstChar(quotePosition + 1);
                    _lastWord = null;
                }

                if (str.Trim().Length > 0)
                {
                    _isFirst = false;
                    _afterPunct = false;
                }
            }

            if (TracksQuotes)
            {
                foreach (var (_, _, position) in _quotes)
                {
                    if (position is { } p)
                    {
                        RestoreFirstChar(p + 1);
                    }
                }
            }

            if (_mode == TextCase.Title && _lastWord is { } last)
            {
                var parts = WordSeparatorRegex().Split(_strings[last.String]);
                var wordIndex = last.Word * 2;
                if (wordIndex < parts.Length)
                {
                    var word = parts[wordIndex];
                    if (word.Length > 1 && IsStopWord(_caser.Lower(word)))
                    {
                        parts[wordIndex] = _caser.Capitalise(word);
                    }

                    _strings[last.String] = string.Concat(parts);
                }
            }

            var sb = new StringBuilder(text.Length);
            for (var i = 0; i < _strings.Count; i++)
            {
                sb.Append(_strings[i]);
                if (i < _tags.Count)
                {
                    sb.Append(_tags[i]);
                }
            }

            return sb.ToString();
        }

        private void Split(string text)
        {
            var parts = TagRegex().Split(text);

            // Split with a capturing group alternates strings and tags.
            for (var i = 0; i < parts.Length; i++)
            {
                if (i % 2 == 0)
                {
                    _strings.Add(parts[i]);
                }
                else
                {
                    _tags.Add(parts[i]);
                }
            }

            // An apostrophe directly followed by text belongs to that text.
            for (var i = _tags.Count - 1; i >= 0; i--)
            {
                if (_tags[i] == "'" && _strings[i + 1].Length > 0)
                {
                    _strings[i + 1] = "'" + _strings[i + 1];
                    _tags[i] = string.Empty;
                }
            }

            _original.AddRange(_strings);
        }

        private void RestoreFirstChar(int index)
        {
            if (index < _strings.Count && _strings[index].Length > 0 && _original[index].Length > 0)
            {
                _strings[index] = _original[index][0] + _strings[index][1..];
            }
        }

        private int? QuoteFix(string tag, int position)
        {
            string? quote = null;
            if (tag.Length > 0 && tag[0] is '\u2018' or '\u2019' or '\u201C' or '\u201D' or '"' or '\'')
            {
                quote = tag[..1];
            }
            else if (tag is " \"" or " '")
            {
                quote = tag;
            }

            if (quote is null)
            {
                return null;
            }

            var (opener, closer) = quote switch
            {
                " \"" => (" '", "\""),
                " '" => (" \"", "'"),
                "\u2018" => ("\u2018", "\u2019"),
                "\u201C" => ("\u201C", "\u201D"),
                _ => ((string?)null, (string?)null),
            };
            if (opener is not null)
            {
                if (_quotes.Count == 0 || quote == _quotes[^1].Opener)
                {
                    _quotes.Add((opener, closer!, position));
                    return null;
                }

                var previous = _quotes[^1].Position;
                _quotes.RemoveAt(_quotes.Count - 1);
                _quotes.Add((opener, closer!, null));
                return previous;
            }

            if (_quotes.Count > 0 && quote == _quotes[^1].Closer)
            {
                _quotes.RemoveAt(_quotes.Count - 1);
                return null;
            }

            return position;
        }

        private string CapitaliseWords(string str, int index, string? followingTag)
        {
            switch (_mode)
            {
                case TextCase.Lowercase:
                case TextCase.Uppercase:
                {
                    var words = str.Split(' ');
                    for (var i = 0; i < words.Length; i++)
                    {
                        if (words[i].Length > 0)
                        {
                            words[i] = _mode == TextCase.Lowercase ? _caser.Lower(words[i]) : _caser.Upper(words[i]);
                        }
                    }

                    return string.Join(' ', words);
                }

                case TextCase.Sentence:
                {
                    var words = str.Split(' ');
                    for (var i = 0; i < words.Length; i++)
                    {
                        if (words[i].Length == 0)
                        {
                            continue;
                        }

                        if (_isFirst)
                        {
                            words[i] = _caser.Capitalise(words[i]);
                            _isFirst = false;
                        }
                        else
                        {
                            words[i] = _caser.Lower(words[i]);
                        }
                    }

                    return string.Join(' ', words);
                }

                case TextCase.CapitalizeFirst:
                {
                    var parts = WordSeparatorRegex().Split(str);
                    for (var i = 0; i < parts.Length; i += 2)
                    {
                        if (parts[i].Length == 0 || !_isFirst)
                        {
                            continue;
                        }

                        if (parts[i] == _caser.Lower(parts[i]))
                        {
                            parts[i] = _caser.Capitalise(parts[i]);
                        }

                        _isFirst = false;
                        break;
                    }

                    return string.Concat(parts);
                }

                case TextCase.CapitalizeAll:
                {
                    var parts = WordSeparatorRegex().Split(str);
                    for (var i = 0; i < parts.Length; i += 2)
                    {
                        if (parts[i].Length > 0 && parts[i] == _caser.Lower(parts[i]))
                        {
                            parts[i] = _caser.Capitalise(parts[i]);
                        }
                    }

                    return string.Concat(parts);
                }

                case TextCase.Title:
                {
                    if (str.Trim().Length == 0)
                    {
                        return str;
                    }

                    var parts = WordSeparatorRegex().Split(str);
                    var wordCount = (parts.Length + 1) / 2;
                    for (var i = 0; i < parts.Length; i += 2)
                    {
                        var word = parts[i];
                        if (word.Length == 0)
                        {
                            continue;
                        }

                        var lower = _caser.Lower(word);
                        var capitalize = (word.Length > 1 && !IsStopWord(lower))
                            || (i / 2 == wordCount - 1 && followingTag == "-")
                            || _isFirst
                            || _afterPunct;
                        if (capitalize && word == lower)
                        {
                            parts[i] = _caser.Capitalise(word);
                        }

                        _afterPunct = false;
                        _isFirst = false;
                        _lastWord = (index, i / 2);
                    }

                    return string.Concat(parts);
                }

                default:
                    return str;
            }
        }
    }
}
