using System.Globalization;
using System.Text;

namespace Citations.Formats.BibTeX;

/// <summary>
/// Turns a BibTeX field value (LaTeX) into rich text: accents in every spelling (<c>\"o</c>, <c>{\"o}</c>,
/// <c>\"{o}</c>, <c>\"{\i}</c>) and letter commands (<c>\ss</c>, <c>\o</c>, <c>\aa</c>) become Unicode, <c>--</c>
/// and <c>---</c> dashes, <c>~</c> a no-break space, <c>``…''</c> quotations, text commands (<c>\emph</c>,
/// <c>\textbf</c>, <c>\textsc</c>, <c>\mkbibquote</c>, <c>\url</c>, …) markup; brace groups protect case; math stays
/// as its TeX source.
/// </summary>
/// <remarks>
/// One pass over the text; recursion follows brace nesting, which the parser has already bounded, and is capped again
/// at <see cref="MaxDepth"/> (deeper groups are read as flat text).
/// </remarks>
internal sealed class LaTeXReader
{
    /// <summary>The deepest group nesting read as structure.</summary>
    public const int MaxDepth = BibParser.MaxBraceDepth + 28;

    private readonly string _s;
    private readonly Action<string>? _unknownCommand;
    private int _pos;

    private LaTeXReader(string s, Action<string>? unknownCommand)
    {
        _s = s;
        _unknownCommand = unknownCommand;
    }

    /// <summary>Reads a value.</summary>
    /// <param name="latex">The field value.</param>
    /// <param name="unknownCommand">Told the name of each command the reader does not know (it is dropped, its arguments kept).</param>
    public static List<Inline> Read(string latex, Action<string>? unknownCommand = null)
    {
        var reader = new LaTeXReader(latex, unknownCommand);
        var inlines = reader.ReadGroup(0);
        while (inlines.Count > 0 && inlines[0].Kind == InlineKind.Space)
        {
            inlines.RemoveAt(0);
        }

        while (inlines.Count > 0 && inlines[^1].Kind == InlineKind.Space)
        {
            inlines.RemoveAt(inlines.Count - 1);
        }

        return inlines;
    }

    /// <summary>Reads a value as plain text (markup dropped).</summary>
    public static string ReadPlain(string latex, Action<string>? unknownCommand = null) => Inline.Plain(Read(latex, unknownCommand));

    /// <summary>Reads until the '}' that closes the current group (consumed) or the end of the text.</summary>
    private List<Inline> ReadGroup(int depth)
    {
        var builder = new InlineBuilder();
        while (_pos < _s.Length)
        {
            var c = _s[_pos];
            switch (c)
            {
                case '}':
                    _pos++;
                    if (depth > 0)
                    {
                        return builder.Finish();
                    }

                    break;
                case '{':
                    _pos++;
                    ReadBraceGroup(builder, depth + 1);
                    break;
                case '\\':
                    if (ReadCommand(builder, depth))
                    {
                        return builder.Finish();
                    }

                    break;
                case '$':
                    ReadMath(builder);
                    break;
                case '~':
                    builder.Text("\u00A0");
                    _pos++;
                    break;
                case '-':
                    ReadDashes(builder);
                    break;
                case '`':
                    var doubleOpen = Peek(1) == '`';
                    builder.Mark(doubleOpen ? "``" : "`");
                    _pos += doubleOpen ? 2 : 1;
                    break;
                case '\'':
                    if (Peek(1) == '\'')
                    {
                        builder.Mark("''");
                        _pos += 2;
                    }
                    else
                    {
                        // Between two letters it is always an apostrophe (O'Brien), never a closing quote.
                        var inWord = _pos > 0 && char.IsLetter(_s[_pos - 1]) && char.IsLetter(Peek(1));
                        if (inWord)
                        {
                            builder.Text("\u2019");
                        }
                        else
                        {
                            builder.Mark("'");
                        }

                        _pos++;
                    }

                    break;
                default:
                    if (char.IsWhiteSpace(c))
                    {
                        builder.Space();
                        while (_pos < _s.Length && char.IsWhiteSpace(_s[_pos]))
                        {
                            _pos++;
                        }
                    }
                    else
                    {
                        builder.Text(c);
                        _pos++;
                    }

                    break;
            }
        }

        return builder.Finish();
    }

    private void ReadBraceGroup(InlineBuilder builder, int depth)
    {
        if (depth > MaxDepth)
        {
            builder.Text(Inline.Plain(ReadFlat()));
            return;
        }

        // A group that holds one special character ({\"O}, {\ss}) gives the same letter as \"O, but its case is
        // protected from sentence casing as pandoc protects it; it is marked so that the CSL text does not wrap it in a
        // "nocase" span.
        var special = _pos + 1 < _s.Length && _s[_pos] == '\\' && IsSpecialCharacterCommand(_pos + 1);
        var children = ReadGroup(depth);
        var group = Inline.Container(InlineKind.Protected, children);
        group.IsSpecialCharacter = special && children.Count == 1 && children[0].Kind == InlineKind.Text;
        builder.Add(group);
    }

    private bool IsSpecialCharacterCommand(int at)
    {
        if (LaTeXSymbols.Accents.ContainsKey(_s[at].ToString()))
        {
            return true;
        }

        var end = at;
        while (end < _s.Length && char.IsAsciiLetter(_s[end]))
        {
            end++;
        }

        var name = _s[at..end];
        return name.Length > 0 && (LaTeXSymbols.Letters.ContainsKey(name) || LaTeXSymbols.Accents.ContainsKey(name));
    }

    /// <summary>Reads a command at '\'. Returns <see langword="true"/> when a declaration consumed the rest of the group.</summary>
    private bool ReadCommand(InlineBuilder builder, int depth)
    {
        _pos++;
        if (_pos >= _s.Length)
        {
            builder.Text('\\');
            return false;
        }

        var name = ReadCommandName();
        if (name is "(" or "[")
        {
            var close = name == "(" ? "\\)" : "\\]";
            var end = _s.IndexOf(close, _pos, StringComparison.Ordinal);
            var tex = end < 0 ? _s[_pos..] : _s[_pos..end];
            _pos = end < 0 ? _s.Length : end + 2;
            builder.Add(Inline.MathText(tex.Trim()));
            return false;
        }

        if (LaTeXSymbols.Accents.TryGetValue(name, out var mark))
        {
            builder.Text(Accent(mark, ReadAccentBase(depth)));
            return false;
        }

        if (LaTeXSymbols.Letters.TryGetValue(name, out var letter))
        {
            builder.Text(letter);
            return false;
        }

        if (LaTeXSymbols.Symbols.TryGetValue(name, out var symbol))
        {
            builder.Text(symbol);
            return false;
        }

        if (LaTeXSymbols.Spaces.Contains(name))
        {
            if (name == "hspace")
            {
                ReadRawArgument();
            }

            builder.Space();
            return false;
        }

        if (LaTeXSymbols.Nothing.Contains(name))
        {
            return false;
        }

        if (LaTeXSymbols.Styles.TryGetValue(name, out var style))
        {
            var argument = ReadArgument(depth);

            // BibLaTeX's own \mkbib… commands leave their argument's case alone (pandoc reads them so too).
            if (name.StartsWith("mkbib", StringComparison.Ordinal))
            {
                argument = [Inline.Container(InlineKind.Protected, argument)];
            }

            builder.Add(Inline.Container(style, argument));
            return false;
        }

        if (LaTeXSymbols.Declarations.TryGetValue(name, out var declared))
        {
            var rest = depth < MaxDepth ? ReadGroup(depth) : ReadFlat();
            if (declared == InlineKind.Text)
            {
                builder.AddRange(rest);
            }
            else
            {
                builder.Add(Inline.Container(declared, rest));
            }

            return depth > 0;
        }

        switch (name)
        {
            case "url":
            case "nolinkurl":
                builder.Add(Inline.Container(InlineKind.Link, [Inline.Word(ReadRawArgument())]));
                return false;
            case "href":
                ReadRawArgument();
                builder.Add(Inline.Container(InlineKind.Link, ReadArgument(depth)));
                return false;
            case "doi":
                builder.Text(ReadRawArgument());
                return false;
            case "bibstring":
            case "biblstring":
                var key = ReadRawArgument().Trim();
                builder.Text(LaTeXSymbols.BibStrings.GetValueOrDefault(key, key));
                return false;
            case "MakeUppercase":
            case "uppercase":
            case "MakeLowercase":
            case "lowercase":
                var upper = name is "MakeUppercase" or "uppercase";
                builder.AddRange(ChangeCase(ReadArgument(depth), upper));
                return false;
            case "foreignlanguage":
            case "textcolor":
                ReadRawArgument();
                builder.AddRange(ReadArgument(depth));
                return false;
        }

        if (LaTeXSymbols.PlainArgument.Contains(name))
        {
            builder.AddRange(ReadArgument(depth));
            return false;
        }

        if (LaTeXSymbols.DroppedArgument.Contains(name))
        {
            ReadRawArgument();
            return false;
        }

        // Unknown: drop the command, keep the text of braced arguments that follow it.
        _unknownCommand?.Invoke(name);
        while (_pos < _s.Length && _s[_pos] == '{')
        {
            builder.AddRange(ReadArgument(depth));
        }

        return false;
    }

    private string ReadCommandName()
    {
        var start = _pos;
        if (!char.IsAsciiLetter(_s[_pos]))
        {
            _pos++;
            return _s[start.._pos];
        }

        while (_pos < _s.Length && char.IsAsciiLetter(_s[_pos]))
        {
            _pos++;
        }

        var name = _s[start.._pos];

        // TeX skips the blanks after a control word.
        while (_pos < _s.Length && char.IsWhiteSpace(_s[_pos]))
        {
            _pos++;
        }

        return name;
    }

    /// <summary>Reads one argument: a braced group (its content, not case-protected) or a single character or command.</summary>
    private List<Inline> ReadArgument(int depth)
    {
        SkipBlanks();
        if (_pos >= _s.Length)
        {
            return [];
        }

        if (_s[_pos] == '{')
        {
            _pos++;
            return depth + 1 <= MaxDepth ? ReadGroup(depth + 1) : ReadFlat();
        }

        var builder = new InlineBuilder();
        if (_s[_pos] == '\\')
        {
            ReadCommand(builder, depth);
        }
        else
        {
            builder.Text(_s[_pos]);
            _pos++;
        }

        return builder.Finish();
    }

    /// <summary>Reads a braced argument as raw text (for URLs and keys), or one character.</summary>
    private string ReadRawArgument()
    {
        SkipBlanks();
        if (_pos >= _s.Length)
        {
            return string.Empty;
        }

        if (_s[_pos] != '{')
        {
            return _s[_pos++].ToString();
        }

        var start = ++_pos;
        var depth = 1;
        while (_pos < _s.Length)
        {
            var c = _s[_pos++];
            if (c == '\\' && _pos < _s.Length)
            {
                _pos++;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return _s[start..(_pos - 1)];
            }
        }

        return _s[start..];
    }

    /// <summary>Reads the rest of a too-deep group as flat text, braces dropped.</summary>
    private List<Inline> ReadFlat()
    {
        var text = new StringBuilder();
        var depth = 1;
        while (_pos < _s.Length)
        {
            var c = _s[_pos++];
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                if (--depth == 0)
                {
                    break;
                }
            }
            else
            {
                text.Append(c);
            }
        }

        return [Inline.Word(text.ToString())];
    }

    private string ReadAccentBase(int depth)
    {
        SkipBlanks();
        if (_pos >= _s.Length)
        {
            return string.Empty;
        }

        var c = _s[_pos];
        if (c == '{')
        {
            _pos++;
            var inner = depth + 1 <= MaxDepth ? ReadGroup(depth + 1) : ReadFlat();
            return DotlessToDotted(Inline.Plain(inner));
        }

        if (c == '\\')
        {
            _pos++;
            if (_pos >= _s.Length)
            {
                return string.Empty;
            }

            var name = ReadCommandName();
            return name switch
            {
                "i" => "i",
                "j" => "j",
                _ => LaTeXSymbols.Letters.GetValueOrDefault(name, string.Empty),
            };
        }

        _pos++;
        return c.ToString();
    }

    private static string DotlessToDotted(string s) => s.Replace('\u0131', 'i').Replace('\u0237', 'j');

    private static string Accent(char mark, string baseText)
    {
        if (baseText.Length == 0)
        {
            return mark.ToString();
        }

        // The tie accent joins two letters (\t{oo}); every other accent goes on the first letter, composed when
        // Unicode has the letter precomposed.
        return LaTeXSymbols.Compositions.TryGetValue((baseText[0], mark), out var composed)
            ? composed + baseText[1..]
            : baseText[..1] + mark + baseText[1..];
    }

    private void ReadMath(InlineBuilder builder)
    {
        var display = Peek(1) == '$';
        var open = display ? 2 : 1;
        var close = _s.IndexOf(display ? "$$" : "$", _pos + open, StringComparison.Ordinal);
        while (close > 0 && _s[close - 1] == '\\')
        {
            close = _s.IndexOf(display ? "$$" : "$", close + 1, StringComparison.Ordinal);
        }

        if (close < 0)
        {
            builder.Text('$');
            _pos++;
            return;
        }

        builder.Add(Inline.MathText(_s[(_pos + open)..close].Trim()));
        _pos = close + open;
    }

    private void ReadDashes(InlineBuilder builder)
    {
        var count = 0;
        while (_pos < _s.Length && _s[_pos] == '-' && count < 3)
        {
            _pos++;
            count++;
        }

        builder.Text(count switch { 3 => "\u2014", 2 => "\u2013", _ => "-" });
    }

    private void SkipBlanks()
    {
        while (_pos < _s.Length && char.IsWhiteSpace(_s[_pos]))
        {
            _pos++;
        }
    }

    private char Peek(int ahead) => _pos + ahead < _s.Length ? _s[_pos + ahead] : '\0';

    private static List<Inline> ChangeCase(List<Inline> inlines, bool upper)
    {
        foreach (var inline in inlines)
        {
            if (inline.Kind == InlineKind.Text)
            {
                inline.Text = upper ? inline.Text.ToUpper(CultureInfo.InvariantCulture) : inline.Text.ToLower(CultureInfo.InvariantCulture);
            }
            else if (inline.IsContainer)
            {
                ChangeCase(inline.Children, upper);
            }
        }

        return inlines;
    }
}
