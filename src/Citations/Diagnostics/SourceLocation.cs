namespace Citations.Diagnostics;

/// <summary>
/// Where in an input a diagnostic applies: the file, a JSON path or XML element path, and the line and column.
/// </summary>
/// <param name="File">The file name or other label of the input, or <see langword="null"/> when the input had none.</param>
/// <param name="Path">A JSON path such as <c>$[3].author[0].family</c>, or <see langword="null"/>.</param>
/// <param name="Line">The 1-based line, or 0 when unknown.</param>
/// <param name="Column">The 1-based column, or 0 when unknown.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record SourceLocation(string? File, string? Path, int Line, int Column)
{
    /// <summary>A location that says nothing.</summary>
    public static SourceLocation Unknown { get; } = new(null, null, 0, 0);

    /// <summary>Formats the location as <c>file(line,column): path</c>, leaving out the parts that are unknown.</summary>
    public override string ToString()
    {
        var text = File ?? "<input>";
        if (Line > 0)
        {
            text += Column > 0
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"({Line},{Column})")
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"({Line})");
        }

        return Path is null ? text : $"{text} {Path}";
    }
}
