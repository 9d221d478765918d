using System.Globalization;
using System.Text;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Formats.BibTeX;

/// <summary>
/// Reads the syntax of a BibTeX/BibLaTeX file: <c>@string</c> macros (with <c>#</c> concatenation and the predefined
/// month macros), <c>@preamble</c>, <c>@comment</c>, and entries with their fields. A malformed entry is reported and
/// skipped; reading resumes at the next line that starts with <c>@</c>, so one bad entry never loses the others.
/// </summary>
/// <remarks>
/// Hostile input is bounded: scanning never recurses, brace nesting beyond <see cref="MaxBraceDepth"/> is an error,
/// and macro expansion may produce at most <see cref="ExpansionFactor"/> times the file's length (plus
/// <see cref="ExpansionAllowance"/> characters), so time and memory stay linear in the file's size.
/// </remarks>
internal sealed class BibParser
{
    /// <summary>The deepest brace nesting accepted in a value.</summary>
    public const int MaxBraceDepth = 100;

    /// <summary>How many characters macro expansion may produce per character of input.</summary>
    public const int ExpansionFactor = 8;

    /// <summary>Characters macro expansion may produce in any file, however small.</summary>
    public const int ExpansionAllowance = 1 << 20;

    private static readonly string[] MonthNames =
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ];

    private readonly TextSource _source;
    private readonly string _text;
    private readonly Dictionary<string, string> _macros = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);
    private long _expansionLeft;
    private int _pos;

    private BibParser(TextSource source)
    {
        _source = source;
        _text = source.Text;
        _expansionLeft = ((long)ExpansionFactor * _text.Length) + ExpansionAllowance;
        string[] months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        for (var i = 0; i < months.Length; i++)
        {
            _macros[months[i]] = MonthNames[i];
        }
    }

    /// <summary>Parses a whole file, reporting problems to the source.</summary>
    public static BibDatabase Parse(TextSource source)
    {
        var parser = new BibParser(source);
        var database = new BibDatabase();
        parser.ParseAll(database);
        return database;
    }

    private void ParseAll(BibDatabase database)
    {
        while (_pos < _text.Length && !_source.Stopped)
        {
            var at = _text.IndexOf('@', _pos);
            var outsideEnd = at < 0 ? _text.Length : at;
            CheckOutsideText(_pos, outsideEnd);
            if (at < 0)
            {
                break;
            }

            _pos = at + 1;
            var type = ReadIdentifier();
            SkipWhitespace();
            if (type.Length == 0 || _pos >= _text.Length || (_text[_pos] != '{' && _text[_pos] != '('))
            {
                // "@" in free text (an e-mail address in a comment, say) or "@comment text": not an entry.
                if (type.Equals("comment", StringComparison.OrdinalIgnoreCase))
                {
                    SkipToLineEnd();
                }

                continue;
            }

            var close = _text[_pos] == '{' ? '}' : ')';
            _pos++;
            switch (type.ToLowerInvariant())
            {
                case "comment":
                    SkipComment(at, close);
                    break;
                case "preamble":
                    ParsePreamble(database, at, close);
                    break;
                case "string":
                    ParseString(at, close);
                    break;
                default:
                    ParseEntry(database, type.ToLowerInvariant(), at, close);
                    break;
            }
        }
    }

    private void ParseEntry(BibDatabase database, string type, int at, char close)
    {
        SkipWhitespace();
        var keyStart = _pos;
        while (_pos < _text.Length && _text[_pos] is not (',' or '}' or ')' or '=' or '{' or '"') && !char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }

        var key = _text[keyStart.._pos];
        SkipWhitespace();
        if (key.Length == 0 || (_pos < _text.Length && _text[_pos] == '='))
        {
            Fail(DiagnosticCodes.BibMissingKey, $"The @{type} entry has no key (expected '@{type}{{key, …}}'); it was skipped.", at, null);
            return;
        }

        var entry = new BibEntry(type, key, at);
        var skip = false;
        if (!ParseFields(entry, close, at, ref skip))
        {
            return;
        }

        if (skip)
        {
            return;
        }

        if (_keys.TryGetValue(key, out var first))
        {
            var (line, _) = _source.Locate(first);
            _source.Report(DiagnosticSeverity.Error, DiagnosticCodes.BibDuplicateKey,
                string.Create(CultureInfo.InvariantCulture, $"The key '{key}' is used twice (first on line {line}); this entry was skipped."), keyStart, key);
            return;
        }

        _keys[key] = at;
        database.Entries.Add(entry);
    }

    /// <summary>Reads the fields of an entry up to its closing delimiter. Returns <see langword="false"/> after a syntax error (already reported, input resynchronised).</summary>
    private bool ParseFields(BibEntry entry, char close, int at, ref bool skip)
    {
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _text.Length)
            {
                Fail(DiagnosticCodes.BibUnbalanced, $"The entry '{entry.Key}' is never closed with '{close}'; it was skipped.", at, entry.Key);
                return false;
            }

            var c = _text[_pos];
            if (c == close)
            {
                _pos++;
                return true;
            }

            if (c == ',')
            {
                _pos++;
                continue;
            }

            if (c == '@' && AtLineStart(_pos))
            {
                Fail(DiagnosticCodes.BibUnbalanced, $"The entry '{entry.Key}' is not closed before the next entry starts; it was skipped.", at, entry.Key);
                return false;
            }

            var nameStart = _pos;
            var name = ReadFieldName();
            if (name.Length == 0)
            {
                Fail(DiagnosticCodes.BibSyntax, $"Expected a field name or '{close}' in entry '{entry.Key}', found '{Shown(c)}'; the entry was skipped.", _pos, entry.Key);
                return false;
            }

            SkipWhitespace();
            if (_pos >= _text.Length || _text[_pos] != '=')
            {
                Fail(DiagnosticCodes.BibSyntax, $"Expected '=' after field '{name}' in entry '{entry.Key}'; the entry was skipped.", _pos, entry.Key);
                return false;
            }

            _pos++;
            SkipWhitespace();
            var valueStart = _pos;
            var value = ParseValue(entry.Key + "." + name, close, ref skip);
            if (value is null)
            {
                return false;
            }

            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == '@' && LooksLikeEntryStart(LineStart(_pos)))
            {
                // The next entry starts while this one is still open: a closing brace is missing, or one came early.
                _source.Report(DiagnosticSeverity.Error, DiagnosticCodes.BibUnbalanced,
                    $"The entry '{entry.Key}' is not closed before the next entry starts (a closing brace missing, or one too early?); it was skipped.", at, entry.Key);
                return false;
            }

            if (_pos < _text.Length && _text[_pos] != ',' && _text[_pos] != close)
            {
                Fail(DiagnosticCodes.BibSyntax, $"Expected ',' or '{close}' after the value of '{name}' in entry '{entry.Key}' (a missing comma?); the entry was skipped.", _pos, entry.Key);
                return false;
            }

            if (!entry.TryAdd(new BibField(name.ToLowerInvariant(), value, valueStart)))
            {
                _source.Report(DiagnosticSeverity.Warning, DiagnosticCodes.BibDuplicateField,
                    $"Entry '{entry.Key}' has a second '{name}' field; the first one was used.", nameStart, entry.Key);
            }
        }
    }

    private void ParseString(int at, char close)
    {
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _text.Length)
            {
                Fail(DiagnosticCodes.BibUnbalanced, "The @string is never closed; it was ignored.", at, null);
                return;
            }

            if (_text[_pos] == close)
            {
                _pos++;
                return;
            }

            if (_text[_pos] == ',')
            {
                _pos++;
                continue;
            }

            var name = ReadFieldName();
            SkipWhitespace();
            if (name.Length == 0 || _pos >= _text.Length || _text[_pos] != '=')
            {
                Fail(DiagnosticCodes.BibSyntax, "Expected 'name = value' in @string; it was ignored.", _pos, null);
                return;
            }

            _pos++;
            SkipWhitespace();
            var skip = false;
            var value = ParseValue("@string " + name, close, ref skip);
            if (value is null)
            {
                return;
            }

            // A macro whose expansion hit the limit is defined as empty, so that its uses do not report it again.
            _macros[name] = skip ? string.Empty : value;
        }
    }

    private void ParsePreamble(BibDatabase database, int at, char close)
    {
        SkipWhitespace();
        var skip = false;
        var value = ParseValue("@preamble", close, ref skip);
        if (value is null)
        {
            return;
        }

        SkipWhitespace();
        if (_pos < _text.Length && _text[_pos] == close)
        {
            _pos++;
            database.Preambles.Add(value);
            return;
        }

        Fail(DiagnosticCodes.BibSyntax, $"Expected '{close}' to close the @preamble.", _pos == _text.Length ? at : _pos, null);
    }

    private void SkipComment(int at, char close)
    {
        // @comment{…}: skip the balanced group (biber's reading); an unclosed one runs to the next line starting with '@'.
        var open = close == '}' ? '{' : '(';
        var depth = 1;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '@' && AtLineStart(_pos))
            {
                return;
            }

            _pos++;
            if (c == open)
            {
                depth++;
            }
            else if (c == close && --depth == 0)
            {
                return;
            }
        }

        _ = at;
    }

    /// <summary>
    /// Reads a value: pieces (<c>{…}</c>, <c>"…"</c>, a number, a macro name) joined by <c>#</c>. Returns
    /// <see langword="null"/> after a syntax error (reported, input resynchronised). Sets <paramref name="skip"/> when a
    /// limit was hit (reported): the value is unusable but parsing may go on.
    /// </summary>
    private string? ParseValue(string what, char close, ref bool skip)
    {
        var value = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                Fail(DiagnosticCodes.BibUnbalanced, $"The file ends inside the value of {what}.", _text.Length, null);
                return null;
            }

            var start = _pos;
            var c = _text[_pos];
            if (c is '{' or '"')
            {
                var end = ScanDelimited(c == '{' ? '}' : '"', out var tooDeep);
                if (end < 0)
                {
                    return null;
                }

                if (tooDeep && !skip)
                {
                    skip = true;
                    _source.Report(DiagnosticSeverity.Error, DiagnosticCodes.BibNestingLimit,
                        $"Braces in {what} are nested deeper than {MaxBraceDepth} levels; the entry was skipped.", start, null);
                }

                value.Append(_text, start + 1, end - start - 1);
                _pos = end + 1;
            }
            else if (char.IsAsciiDigit(c))
            {
                while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
                {
                    _pos++;
                }

                value.Append(_text, start, _pos - start);
            }
            else if (IsMacroStart(c))
            {
                var name = ReadMacroName();
                if (_macros.TryGetValue(name, out var expansion))
                {
                    _expansionLeft -= expansion.Length;
                    if (_expansionLeft < 0)
                    {
                        if (!skip)
                        {
                            skip = true;
                            _source.Report(DiagnosticSeverity.Error, DiagnosticCodes.BibExpansionLimit,
                                string.Create(CultureInfo.InvariantCulture, $"Expanding @string macros in {what} goes past the limit for this file ({ExpansionFactor} characters per character of input); the value was cut off and the entry skipped."),
                                start, null);
                        }
                    }
                    else
                    {
                        value.Append(expansion);
                    }
                }
                else
                {
                    _source.Report(DiagnosticSeverity.Error, DiagnosticCodes.BibUnknownMacro,
                        $"'{name}' in {what} is not a defined @string macro (a missing @string, or a value that needs braces or quotes?); it was read as empty text.", start, null);
                }
            }
            else
            {
                Fail(DiagnosticCodes.BibSyntax, $"Expected a value ({{…}}, \"…\", a number or a macro name) for {what}, found '{Shown(c)}'; the entry was skipped.", start, null);
                return null;
            }

            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == '#')
            {
                _pos++;
                SkipWhitespace();
                continue;
            }

            _ = close;
            return value.ToString();
        }
    }

    /// <summary>
    /// Finds the end of a braced or quoted piece starting at <see cref="_pos"/>, counting braces (<c>\{</c> and <c>\}</c>
    /// do not count). Returns the offset of the closing delimiter, or -1 after reporting an unclosed piece: the file
    /// ended, or a line starting with <c>@type{</c> came first (then reading resumes there).
    /// </summary>
    private int ScanDelimited(char closer, out bool tooDeep)
    {
        tooDeep = false;
        var start = _pos;
        var depth = closer == '}' ? 1 : 0;
        var i = _pos + 1;
        while (i < _text.Length)
        {
            var c = _text[i];
            switch (c)
            {
                case '\\':
                    // \{ and \} are literal braces; in a quoted value \" is a literal quote (pandoc's reading).
                    if (i + 1 < _text.Length && (_text[i + 1] is '{' or '}' || (closer == '"' && _text[i + 1] == '"')))
                    {
                        i++;
                    }

                    break;
                case '{':
                    depth++;
                    tooDeep |= depth > MaxBraceDepth;
                    break;
                case '}':
                    depth--;
                    if (depth == 0 && closer == '}')
                    {
                        return i;
                    }

                    if (depth < 0)
                    {
                        Fail(DiagnosticCodes.BibUnbalanced, "A closing brace '}' inside a quoted value has no opening brace; the entry was skipped.", i, null);
                        return -1;
                    }

                    break;
                case '"' when closer == '"' && depth == 0:
                    return i;
                case '\n' when LooksLikeEntryStart(i + 1):
                    Fail(DiagnosticCodes.BibUnbalanced,
                        closer == '}' ? "This brace is never closed (the next entry starts first); the entry was skipped." : "This quote is never closed (the next entry starts first); the entry was skipped.",
                        start, null);
                    _pos = i + 1;
                    return -1;
            }

            i++;
        }

        Fail(DiagnosticCodes.BibUnbalanced, closer == '}' ? "This brace is never closed; the entry was skipped." : "This quote is never closed; the entry was skipped.", start, null);
        _pos = _text.Length;
        return -1;
    }

    /// <summary>Whether a line (from <paramref name="i"/>) starts, after blanks, with <c>@word{</c> or <c>@word(</c>.</summary>
    private bool LooksLikeEntryStart(int i)
    {
        while (i < _text.Length && _text[i] is ' ' or '\t' or '\r')
        {
            i++;
        }

        if (i >= _text.Length || _text[i] != '@')
        {
            return false;
        }

        i++;
        var letters = i;
        while (i < _text.Length && char.IsAsciiLetter(_text[i]))
        {
            i++;
        }

        if (i == letters)
        {
            return false;
        }

        while (i < _text.Length && _text[i] is ' ' or '\t')
        {
            i++;
        }

        return i < _text.Length && _text[i] is '{' or '(';
    }

    private int LineStart(int i)
    {
        var newline = i > 0 ? _text.LastIndexOf('\n', i - 1) : -1;
        return newline + 1;
    }

    private bool AtLineStart(int i)
    {
        for (var j = i - 1; j >= 0; j--)
        {
            var c = _text[j];
            if (c == '\n')
            {
                return true;
            }

            if (c is not (' ' or '\t' or '\r'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reports a problem that ends the current entry and moves to the next line that starts with '@'.</summary>
    private void Fail(string code, string message, int offset, string? key)
    {
        _source.Report(DiagnosticSeverity.Error, code, message, offset, key);
        Resynchronise(Math.Max(offset, _pos));
    }

    private void Resynchronise(int from)
    {
        var i = Math.Min(from, _text.Length);
        while (i < _text.Length)
        {
            var next = _text.IndexOf('\n', i);
            if (next < 0)
            {
                _pos = _text.Length;
                return;
            }

            if (LooksLikeEntryStart(next + 1))
            {
                _pos = next + 1;
                return;
            }

            i = next + 1;
        }

        _pos = _text.Length;
    }

    private void CheckOutsideText(int start, int end)
    {
        // A field-like "name = {", "name = \"" or "name = 12" in the text between entries. Each '=' looks back over
        // its own name only, so the scan is linear in the text.
        for (var eq = _text.IndexOf('=', start, end - start); eq >= 0; eq = eq + 1 < end ? _text.IndexOf('=', eq + 1, end - eq - 1) : -1)
        {
            var after = eq + 1;
            while (after < end && _text[after] is ' ' or '\t')
            {
                after++;
            }

            if (after >= end || _text[after] is not ('{' or '"' or (>= '0' and <= '9')))
            {
                continue;
            }

            var nameEnd = eq;
            while (nameEnd > start && _text[nameEnd - 1] is ' ' or '\t')
            {
                nameEnd--;
            }

            var nameStart = nameEnd;
            while (nameStart > start && (char.IsAsciiLetterOrDigit(_text[nameStart - 1]) || _text[nameStart - 1] is '_' or '-' or ':' or '.' or '+'))
            {
                nameStart--;
            }

            if (nameStart == nameEnd || !char.IsAsciiLetter(_text[nameStart]) || (nameStart > start && _text[nameStart - 1] is not (',' or ' ' or '\t' or '\n' or '\r')))
            {
                continue;
            }

            _source.Report(DiagnosticSeverity.Error, DiagnosticCodes.BibFieldOutsideEntry,
                $"'{_text[nameStart..nameEnd]} = …' stands outside any entry (did the entry before it close too early?); it was ignored.", nameStart);
            return;
        }
    }

    private string ReadIdentifier()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '-'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private string ReadFieldName()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '-' or ':' or '+' or '.' or '/'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private static bool IsMacroStart(char c) => char.IsLetter(c) || c is '_' or '.' or '/' or '+' or '-' or ':' or '!' or '?' or '*' or '&';

    private string ReadMacroName()
    {
        var start = _pos;
        while (_pos < _text.Length && !char.IsWhiteSpace(_text[_pos]) && _text[_pos] is not ('"' or '#' or '%' or '\'' or '(' or ')' or ',' or '=' or '{' or '}'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private void SkipToLineEnd()
    {
        var next = _text.IndexOf('\n', _pos);
        _pos = next < 0 ? _text.Length : next + 1;
    }

    private static string Shown(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();

}
