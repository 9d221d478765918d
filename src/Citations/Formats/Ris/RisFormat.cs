using System.Globalization;
using System.Text;
using Citations.CslData;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Formats.Ris;

/// <summary>
/// RIS (the tagged format reference managers export: <c>TY  - JOUR</c> … <c>ER  - </c>) read into CSL items: the
/// <c>TY</c> type, repeated author tags (<c>AU</c>, <c>A1</c>; <c>A2</c>/<c>ED</c> editors, <c>A3</c> series editors,
/// <c>A4</c> translators), titles (<c>TI</c>/<c>T1</c>, <c>T2</c>/<c>JO</c>/<c>JF</c>/<c>BT</c>, <c>T3</c>,
/// <c>J2</c>/<c>JA</c>, <c>ST</c>), dates (<c>PY</c>/<c>Y1</c> and <c>DA</c> as <c>YYYY/MM/DD/other</c>, <c>Y2</c> as
/// the access date), pages (<c>SP</c>, <c>EP</c>), <c>VL</c>, <c>IS</c>, <c>DO</c>, <c>UR</c>, <c>SN</c> (ISBN or ISSN),
/// <c>PB</c>, <c>CY</c>, <c>AB</c>, <c>KW</c>, <c>N1</c>, <c>LA</c>, <c>ET</c>, and the rest of the common tags.
/// </summary>
/// <remarks>Thread-safe. A record without a <c>TY</c> or an <c>ER</c> is reported with its line; the others are read.</remarks>
public sealed class RisFormat : IItemReader
{
    private RisFormat()
    {
    }

    /// <summary>The one instance.</summary>
    public static RisFormat Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "ris";

    /// <inheritdoc/>
    public IReadOnlyList<string> Extensions { get; } = [".ris"];

    /// <inheritdoc/>
    public bool Sniff(ReadOnlySpan<byte> start)
    {
        var text = start.TrimStart(" \t\r\n"u8);
        return text.Length >= 5 && text[0] == (byte)'T' && text[1] == (byte)'Y' && text[2..].TrimStart(" "u8).StartsWith("-"u8);
    }

    /// <inheritdoc/>
    public ParseResult<IReadOnlyList<CslItem>> Read(ReadOnlyMemory<byte> content, string? file)
        => Read(TextSource.Decode(content.Span, file));

    /// <summary>Reads RIS text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="file">The file name for diagnostics.</param>
    public ParseResult<IReadOnlyList<CslItem>> Read(string text, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Read(TextSource.FromText(text, file));
    }

    private static ParseResult<IReadOnlyList<CslItem>> Read(TextSource source)
    {
        var items = new List<CslItem>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        RisRecord? record = null;
        var strayReported = false;
        var text = source.Text;
        var lineStart = 0;
        var lineNumber = 0;
        while (lineStart <= text.Length && !source.Stopped)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            var line = (lineEnd < 0 ? text[lineStart..] : text[lineStart..lineEnd]).TrimEnd('\r');
            var offset = lineStart;
            lineNumber++;
            lineStart = lineEnd < 0 ? text.Length + 1 : lineEnd + 1;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (!TryTag(line, out var tag, out var value))
            {
                if (record?.Last is { } last)
                {
                    // A wrapped value (long abstracts are often broken over lines).
                    last.Value.Append(' ').Append(line.Trim());
                }
                else
                {
                    source.Report(DiagnosticSeverity.Warning, DiagnosticCodes.RisMalformedLine, $"Line {lineNumber} is not a 'TAG  - value' line; it was ignored.", offset);
                }

                continue;
            }

            switch (tag)
            {
                case "TY":
                    if (record is not null)
                    {
                        source.Report(DiagnosticSeverity.Warning, DiagnosticCodes.RisUnterminated,
                            $"The record that starts on line {record.Line} has no 'ER' before the next 'TY'; it was read as far as it went.", offset);
                        Finish(record);
                    }

                    record = new RisRecord(value.Trim(), offset, lineNumber);
                    break;
                case "ER":
                    if (record is null)
                    {
                        source.Report(DiagnosticSeverity.Error, DiagnosticCodes.RisMissingType, "'ER' ends a record that never started with 'TY'; the lines before it were skipped.", offset);
                    }
                    else
                    {
                        Finish(record);
                        record = null;
                    }

                    strayReported = false;
                    break;
                default:
                    if (record is null)
                    {
                        if (!strayReported)
                        {
                            source.Report(DiagnosticSeverity.Error, DiagnosticCodes.RisMissingType,
                                $"'{tag}' comes before any 'TY' line; a record must start with its type. The lines up to the next 'TY' were skipped.", offset);
                            strayReported = true;
                        }

                        break;
                    }

                    record.Add(tag, value, offset);
                    break;
            }
        }

        if (record is not null)
        {
            source.Report(DiagnosticSeverity.Warning, DiagnosticCodes.RisUnterminated,
                $"The record that starts on line {record.Line} has no 'ER' before the file ends; it was read as far as it went.", text.Length);
            Finish(record);
        }

        return new ParseResult<IReadOnlyList<CslItem>>(items, source.Diagnostics);

        void Finish(RisRecord r)
        {
            var item = RisMapper.Map(r, items.Count + 1, source);
            if (ids.TryGetValue(item.Id.Text, out var firstLine))
            {
                source.Report(DiagnosticSeverity.Error, DiagnosticCodes.DuplicateId,
                    string.Create(CultureInfo.InvariantCulture, $"Item id '{item.Id.Text}' is used twice (first on line {firstLine}); the second record was skipped."), r.Offset);
                return;
            }

            ids[item.Id.Text] = r.Line;
            items.Add(item);
        }
    }

    /// <summary>Reads "TAG  - value" (two letters or a letter and a digit, then blanks, a dash, a blank); exporters vary the blanks.</summary>
    private static bool TryTag(string line, out string tag, out string value)
    {
        tag = value = string.Empty;
        if (line.Length < 3 || !char.IsAsciiLetterUpper(line[0]) || !(char.IsAsciiLetterUpper(line[1]) || char.IsAsciiDigit(line[1])))
        {
            return false;
        }

        var i = 2;
        while (i < line.Length && line[i] == ' ')
        {
            i++;
        }

        if (i >= line.Length || line[i] != '-' || i == 2)
        {
            return false;
        }

        tag = line[..2];
        value = i + 1 < line.Length ? line[(i + 1)..].TrimStart(' ') : string.Empty;
        return true;
    }
}

/// <summary>The tags of one RIS record, in order, with where each value starts.</summary>
internal sealed class RisRecord(string type, int offset, int line)
{
    public string Type { get; } = type;

    public int Offset { get; } = offset;

    public int Line { get; } = line;

    public List<(string Tag, StringBuilder Value, int Offset)> Tags { get; } = [];

    public (string Tag, StringBuilder Value, int Offset)? Last => Tags.Count == 0 ? null : Tags[^1];

    public void Add(string tag, string value, int offset) => Tags.Add((tag, new StringBuilder(value.Trim()), offset));

    /// <summary>Every value of a tag, in order.</summary>
    public IEnumerable<(string Value, int Offset)> All(string tag)
        => Tags.Where(t => t.Tag == tag && t.Value.Length > 0).Select(t => (t.Value.ToString(), t.Offset));

    /// <summary>The first value of any of the tags, in the order the tags are given.</summary>
    public (string Value, int Offset)? First(params string[] tags)
    {
        foreach (var tag in tags)
        {
            foreach (var value in All(tag))
            {
                return value;
            }
        }

        return null;
    }
}
