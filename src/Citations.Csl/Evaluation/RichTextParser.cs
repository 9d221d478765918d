using System.Text;
using System.Text.RegularExpressions;
using Citations.Csl.Output;
using Citations.Csl.Styles;

namespace Citations.Csl.Evaluation;

/// <summary>
/// Turns the markup allowed in CSL field values (<c>&lt;i&gt;</c>, <c>&lt;b&gt;</c>, <c>&lt;sup&gt;</c>,
/// <c>&lt;sub&gt;</c>, small-caps and <c>nocase</c>/<c>nodecor</c> spans, straight and curly quotes) into decorated output
/// nodes. Formatting flip-flops against the enclosing formatting (italics in an italic title become upright; quotes
/// inside quotes become inner quotes), unmatched tags are printed as text, and apostrophes become typographic.
/// </summary>
/// <remarks>
/// Not thread-safe: like citeproc-js, the parser remembers which quote form (double or single) a document used first
/// as its outer quote. One instance belongs to one rendering session.
/// </remarks>
internal sealed partial class RichTextParser
{
    private enum TagKind : byte { NoCase, NoDecor, Format, Quote }

    private enum Attribute : byte { None, FontStyle, FontVariant, FontWeight, VerticalAlign, Quotes }

    private sealed record TagInfo(TagKind Kind, string Closer, Attribute Attribute, string Outer);

    private readonly Dictionary<string, TagInfo> _openers;
    private readonly HashSet<string> _closers;
    private readonly Regex _tagRegex;

    public RichTextParser(string openQuote, string closeQuote, string openInner, string closeInner)
    {
        _openers = new Dictionary<string, TagInfo>(StringComparer.Ordinal)
        {
            ["<span class=\"nocase\">"] = new(TagKind.NoCase, "</span>", Attribute.None, string.Empty),
            ["<span class=\"nodecor\">"] = new(TagKind.NoDecor, "</span>", Attribute.None, string.Empty),
            ["<span style=\"font-variant:small-caps;\">"] = new(TagKind.Format, "</span>", Attribute.FontVariant, "small-caps"),
            ["<sc>"] = new(TagKind.Format, "</sc>", Attribute.FontVariant, "small-caps"),
            ["<i>"] = new(TagKind.Format, "</i>", Attribute.FontStyle, "italic"),
            ["<b>"] = new(TagKind.Format, "</b>", Attribute.FontWeight, "bold"),
            ["<sup>"] = new(TagKind.Format, "</sup>", Attribute.VerticalAlign, "sup"),
            ["<sub>"] = new(TagKind.Format, "</sub>", Attribute.VerticalAlign, "sub"),
            [" \""] = new(TagKind.Quote, "\"", Attribute.Quotes, "true"),
            [" '"] = new(TagKind.Quote, "'", Attribute.Quotes, "inner"),
        };
        _openers["(\""] = _openers[" \""];
        _openers["('"] = _openers[" '"];
        if (openQuote.Length > 0 && closeQuote.Length > 0 && openQuote is not (" \"" or " '" or "\"" or "'"))
        {
            _openers[openQuote] = new(TagKind.Quote, closeQuote, Attribute.Quotes, "true");
        }

        if (openInner.Length > 0 && closeInner.Length > 0 && openInner is not (" \"" or " '" or "\"" or "'"))
        {
            _openers[openInner] = new(TagKind.Quote, closeInner, Attribute.Quotes, "inner");
        }

        _closers = _openers.Values.Select(v => v.Closer).ToHashSet(StringComparer.Ordinal);
        var all = _openers.Keys.Concat(_closers).Distinct().OrderByDescending(s => s.Length).Select(Regex.Escape);
        _tagRegex = new Regex("(" + string.Join("|", all) + ")", RegexOptions.CultureInvariant);
    }

    /// <summary>Cheap test: whether the text has anything the parser would act on.</summary>
    public static bool MayHaveMarkup(string text)
    {
        foreach (var c in text)
        {
            if (c is '<' or '"' or '\'' or '\u2018' or '\u2019' or '\u201C' or '\u201D' or '\u00AB' or '\u00BB' or '\u201E' or '\u201A' or '\u2039' or '\u203A' or '\u300C' or '\u300D')
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex("(<span)\\s+(style=\"font-variant:)\\s*(small-caps);?\"[^>]*(>)")]
    private static partial Regex SmallCapsRegex();

    [GeneratedRegex("(<span)\\s+(class=\"no(?:case|decor)\")[^>]*(>)")]
    private static partial Regex NoCaseRegex();

    [GeneratedRegex("(\\p{L})\u2019(\\p{L})")]
    private static partial Regex CurlyApostropheRegex();

    /// <summary>Fills <paramref name="target"/> with the text, as a leaf or as decorated children.</summary>
    public void Apply(Blob target, string text, DecorationScope scope)
    {
        if (!MayHaveMarkup(text))
        {
            target.Text = text;
            return;
        }

        var leadingSpace = text.Length > 0 && text[0] == ' ' && !LeadingQuoteRegex().IsMatch(text);
        var str = " " + CurlyApostropheRegex().Replace(text, "$1'$2");
        str = SmallCapsRegex().Replace(str, "$1 $2$3;\"$4");
        str = NoCaseRegex().Replace(str, "$1 $2$3");

        var parts = _tagRegex.Split(str);
        if (parts.Length == 1)
        {
            target.Text = text;
            return;
        }

        var strings = new List<string>();
        var tags = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            (i % 2 == 0 ? strings : tags).Add(parts[i]);
        }

        // A quote mark directly after an opening tag opens a quote.
        var forcedSpace = new bool[tags.Count];
        for (var i = 0; i < tags.Count - 1; i++)
        {
            if (_openers.ContainsKey(tags[i]) && strings[i + 1].Length == 0 && tags[i + 1] is "\"" or "'")
            {
                tags[i + 1] = " " + tags[i + 1];
                forcedSpace[i + 1] = true;
            }
        }

        Balance(strings, tags, forcedSpace);

        // Remove neutralised tags in one pass, each run of texts between the tags kept joined into one: linear in the
        // length of the text however many tags were neutralised (issue 11: 100,000 unclosed tags).
        (strings, tags, forcedSpace) = WithoutNeutralisedTags(strings, tags, forcedSpace);

        if (tags.Count == 0)
        {
            target.Text = strings[0].StartsWith(' ') && !leadingSpace ? strings[0][1..] : strings[0];
            if (leadingSpace && !target.Text.StartsWith(' '))
            {
                target.Text = " " + target.Text;
            }

            return;
        }

        // The first quote form used decides which straight quote is the outer one; the leading space or
        // parenthesis of a quote opener goes back to the text before it.
        var singleIsOuter = false;
        var quoteFormSeen = false;
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i] is " \"" or " '" or "(\"" or "('")
            {
                if (!quoteFormSeen)
                {
                    singleIsOuter = tags[i][1] == '\'';
                    quoteFormSeen = true;
                }

                if (!forcedSpace[i])
                {
                    strings[i] += tags[i][..1];
                }
            }
        }

        Build(target, strings, tags, leadingSpace, scope, singleIsOuter);
    }

    [GeneratedRegex("^\\s+['\"]")]
    private static partial Regex LeadingQuoteRegex();

    private static (List<string> Strings, List<string> Tags, bool[] ForcedSpace) WithoutNeutralisedTags(List<string> strings, List<string> tags, bool[] forcedSpace)
    {
        var keptStrings = new List<string>();
        var keptTags = new List<string>();
        var keptForced = new List<bool>();
        var run = new StringBuilder(strings[0]);
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i].Length > 0)
            {
                keptStrings.Add(run.ToString());
                run.Clear();
                keptTags.Add(tags[i]);
                keptForced.Add(forcedSpace[i]);
            }

            run.Append(strings[i + 1]);
        }

        keptStrings.Add(run.ToString());
        return (keptStrings, keptTags, [.. keptForced]);
    }

    private const int MaxNesting = 2_000;

    private void Balance(List<string> strings, List<string> tags, bool[] forcedSpace)
    {
        var stack = new List<(string Closer, TagKind Kind, int Position)>();
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            var str = strings[i + 1];

            // Apostrophes: a single quote before a letter, or a spaced one before a space.
            if (tag == "'" && str.Length > 0 && !",.?:; ".Contains(str[0], StringComparison.Ordinal))
            {
                strings[i + 1] = "\u2019" + str;
                tags[i] = string.Empty;
                continue;
            }

            if (tag == " '" && str.Length > 0 && str[0] == ' ')
            {
                strings[i + 1] = " \u2019" + str;
                tags[i] = string.Empty;
                continue;
            }

            if (_openers.TryGetValue(tag, out var info))
            {
                // Markup nested deeper than any real title needs is kept as text: hostile data must not exhaust
                // the stack of the recursive passes over the output tree.
                if (stack.Count >= MaxNesting)
                {
                    strings[i + 1] = tag + strings[i + 1];
                    tags[i] = string.Empty;
                    continue;
                }

                stack.Add((info.Closer, info.Kind, i));
                continue;
            }

            // A closer: match it against the innermost open tag, neutralising openers it skips.
            var neutraliseSelf = false;
            while (true)
            {
                if (stack.Count > 0 && tag == stack[^1].Closer)
                {
                    var open = stack[^1];
                    stack.RemoveAt(stack.Count - 1);
                    if (open.Kind == TagKind.NoCase)
                    {
                        tags[open.Position] = string.Empty;
                        tags[i] = string.Empty;
                    }

                    break;
                }

                var fix = stack.Count > 0 ? stack[^1].Position : i;
                if (tag == "'")
                {
                    strings[i + 1] = "\u2019" + strings[i + 1];
                    tags[i] = string.Empty;
                }
                else
                {
                    var failed = tags[fix];
                    if (fix > 0 && forcedSpace[fix])
                    {
                        failed = failed[1..];
                    }

                    strings[fix + 1] = failed + strings[fix + 1];
                    tags[fix] = string.Empty;
                }

                if (stack.Count > 0 && tag != "'")
                {
                    stack.RemoveAt(stack.Count - 1);
                    neutraliseSelf = true;
                    continue;
                }

                neutraliseSelf = tags[i].Length > 0;
                break;
            }

            if (neutraliseSelf && tags[i].Length > 0 && (stack.Count == 0 || tags[i] != stack[^1].Closer))
            {
                strings[i + 1] = tags[i] + strings[i + 1];
                tags[i] = string.Empty;
            }
        }

        // Openers never closed are printed as text.
        for (var k = stack.Count - 1; k >= 0; k--)
        {
            var position = stack[k].Position;
            var tag = tags[position];
            strings[position + 1] = (tag is " '" or "'" ? " \u2019" : tag) + strings[position + 1];
            tags[position] = string.Empty;
        }
    }

    private void Build(Blob target, List<string> strings, List<string> tags, bool leadingSpace, DecorationScope scope, bool singleIsOuter)
    {
        target.Children = [];
        var stack = new List<Blob> { target };
        var decorStack = new OpenTags();
        var first = true;

        void AddText(string s)
        {
            if (first)
            {
                if (s.StartsWith(' '))
                {
                    s = s[1..];
                }

                if (s.StartsWith(' '))
                {
                    s = s[1..];
                }

                first = false;
            }

            if (s.Length > 0)
            {
                stack[^1].Add(Blob.Leaf(s));
            }
        }

        AddText(leadingSpace ? " " + strings[0] : strings[0]);
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            if (_openers.TryGetValue(tag, out var info))
            {
                var node = Blob.Node();
                if (info.Kind == TagKind.NoDecor)
                {
                    node.Decorations = NoDecor(scope, decorStack);
                    decorStack.Push(Attribute.None, string.Empty);
                }
                else
                {
                    if (singleIsOuter && tag is " \"" or " '" or "(\"" or "('")
                    {
                        info = info with { Outer = tag[1] == '\'' ? "true" : "inner" };
                    }

                    var value = Flip(info, scope, decorStack);
                    decorStack.Push(info.Attribute, value);
                    SetDecoration(ref node.Decorations, info.Attribute, value);
                }

                stack[^1].Add(node);
                stack.Add(node);
                first = false;
                var text = strings[i + 1];
                if (text.Length > 0)
                {
                    node.Add(Blob.Leaf(text));
                }
            }
            else
            {
                if (stack.Count > 1)
                {
                    stack.RemoveAt(stack.Count - 1);
                    decorStack.Pop();
                }

                AddText(strings[i + 1]);
            }
        }
    }

    private static Decorations NoDecor(DecorationScope scope, OpenTags decorStack)
    {
        var d = default(Decorations);
        if (scope.Outermost(x => x.FontWeight is FontWeight.Bold or FontWeight.Light ? (bool?)true : null) is true
            || decorStack.AnySets(Attribute.FontWeight))
        {
            d.FontWeight = FontWeight.Normal;
        }

        if (scope.Outermost(x => x.FontStyle is FontStyle.Italic or FontStyle.Oblique ? (bool?)true : null) is true
            || decorStack.AnySets(Attribute.FontStyle))
        {
            d.FontStyle = FontStyle.Normal;
        }

        if (scope.Outermost(x => x.FontVariant == FontVariant.SmallCaps ? (bool?)true : null) is true
            || decorStack.AnySets(Attribute.FontVariant))
        {
            d.FontVariant = FontVariant.Normal;
        }

        return d;
    }

    private static string Flip(TagInfo info, DecorationScope scope, OpenTags decorStack)
    {
        var current = decorStack.Innermost(info.Attribute) ?? info.Attribute switch
        {
            Attribute.FontStyle => scope.Outermost(d => d.FontStyle switch
            {
                FontStyle.Italic or FontStyle.Oblique => (int?)1,
                FontStyle.Normal => 0,
                _ => null,
            }) is { } s ? (s == 1 ? "italic" : "normal") : null,
            Attribute.FontWeight => scope.Outermost(d => d.FontWeight switch
            {
                FontWeight.Bold => (int?)1,
                FontWeight.Normal => 0,
                _ => null,
            }) is { } w ? (w == 1 ? "bold" : "normal") : null,
            Attribute.FontVariant => scope.Outermost(d => d.FontVariant switch
            {
                FontVariant.SmallCaps => (int?)1,
                FontVariant.Normal => 0,
                _ => null,
            }) is { } v ? (v == 1 ? "small-caps" : "normal") : null,
            Attribute.VerticalAlign => scope.Outermost(d => d.VerticalAlign switch
            {
                VerticalAlign.Superscript => (int?)1,
                VerticalAlign.Subscript => 2,
                _ => null,
            }) is { } a ? (a == 1 ? "sup" : "sub") : null,
            Attribute.Quotes => scope.Outermost(d => d.Quotes switch
            {
                QuoteMark.Outer => (int?)1,
                QuoteMark.Inner => 2,
                QuoteMark.Off => 0,
                _ => null,
            }) is { } q ? (q == 1 ? "true" : q == 2 ? "inner" : "false") : null,
            _ => null,
        };

        if (current is null)
        {
            return info.Outer;
        }

        return info.Attribute switch
        {
            Attribute.FontStyle => current == "italic" ? "normal" : "italic",
            Attribute.FontWeight => current == "bold" ? "normal" : "bold",
            Attribute.FontVariant => current == "small-caps" ? "normal" : "small-caps",
            Attribute.VerticalAlign => info.Outer,
            Attribute.Quotes => current == "true" ? "inner" : "true",
            _ => info.Outer,
        };
    }

    private static void SetDecoration(ref Decorations d, Attribute attribute, string value)
    {
        switch (attribute)
        {
            case Attribute.FontStyle:
                d.FontStyle = value == "italic" ? FontStyle.Italic : FontStyle.Normal;
                break;
            case Attribute.FontWeight:
                d.FontWeight = value == "bold" ? FontWeight.Bold : FontWeight.Normal;
                break;
            case Attribute.FontVariant:
                d.FontVariant = value == "small-caps" ? FontVariant.SmallCaps : FontVariant.Normal;
                break;
            case Attribute.VerticalAlign:
                d.VerticalAlign = value == "sup" ? VerticalAlign.Superscript : VerticalAlign.Subscript;
                break;
            case Attribute.Quotes:
                d.Quotes = value == "inner" ? QuoteMark.Inner : QuoteMark.Outer;
                break;
        }
    }

    /// <summary>
    /// The formatting set by the tags open while a value is built: the innermost value of each attribute and how many
    /// open tags switch italics, bold and small capitals on, each answered in constant time (a title nested thousands of
    /// tags deep stays linear).
    /// </summary>
    private sealed class OpenTags
    {
        private static readonly int AttributeCount = Enum.GetValues<Attribute>().Length;
        private readonly string?[] _innermost = new string?[AttributeCount];
        private readonly int[] _switchedOn = new int[AttributeCount];
        private readonly List<(Attribute Attribute, string? Previous, bool On)> _open = [];

        /// <summary>The value of <paramref name="attribute"/> set by the innermost open tag that sets it, if any.</summary>
        public string? Innermost(Attribute attribute) => _innermost[(int)attribute];

        /// <summary>Whether an open tag switches <paramref name="attribute"/> on (italic, bold, small capitals).</summary>
        public bool AnySets(Attribute attribute) => _switchedOn[(int)attribute] > 0;

        public void Push(Attribute attribute, string value)
        {
            var on = value is "italic" or "bold" or "small-caps";
            _open.Add((attribute, _innermost[(int)attribute], on));
            if (attribute != Attribute.None)
            {
                _innermost[(int)attribute] = value;
            }

            if (on)
            {
                _switchedOn[(int)attribute]++;
            }
        }

        public void Pop()
        {
            var (attribute, previous, on) = _open[^1];
            _open.RemoveAt(_open.Count - 1);
            if (attribute != Attribute.None)
            {
                _innermost[(int)attribute] = previous;
            }

            if (on)
            {
                _switchedOn[(int)attribute]--;
            }
        }
    }
}
