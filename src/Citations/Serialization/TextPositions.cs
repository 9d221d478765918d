namespace Citations.Serialization;

/// <summary>
/// Turns byte offsets in a UTF-8 buffer into 1-based lines and columns (columns count characters, not bytes),
/// so that diagnostics can say where in a file a problem is.
/// </summary>
internal sealed class TextPositions
{
    private readonly ReadOnlyMemory<byte> _utf8;
    private int[]? _lineStarts;

    public TextPositions(ReadOnlyMemory<byte> utf8) => _utf8 = utf8;

    public (int Line, int Column) Locate(long offset)
    {
        var starts = _lineStarts ??= FindLineStarts(_utf8.Span);
        var index = Array.BinarySearch(starts, (int)Math.Min(offset, int.MaxValue));
        var line = index >= 0 ? index : ~index - 1;
        var span = _utf8.Span;
        var column = 1;
        var end = (int)Math.Min(offset, span.Length);
        for (var i = starts[line]; i < end; i++)
        {
            // Count UTF-8 lead bytes only, so a column is a character position.
            if ((span[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line + 1, column);
    }

    /// <summary>
    /// Turns a 0-based line and a byte position in it (what <see cref="System.Text.Json.JsonException"/> reports) into a
    /// 1-based line and character column.
    /// </summary>
    public (int Line, int Column) LocateLineByte(int zeroBasedLine, long bytePositionInLine)
    {
        var starts = _lineStarts ??= FindLineStarts(_utf8.Span);
        if (zeroBasedLine < 0 || zeroBasedLine >= starts.Length)
        {
            return (zeroBasedLine + 1, (int)bytePositionInLine + 1);
        }

        return Locate(starts[zeroBasedLine] + bytePositionInLine);
    }

    private static int[] FindLineStarts(ReadOnlySpan<byte> span)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }
}
