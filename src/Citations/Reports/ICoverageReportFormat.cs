namespace Citations.Reports;

/// <summary>
/// An output format for a <see cref="CoverageReport"/>. The library offers plain text, Markdown, HTML and JSON in
/// <see cref="CoverageReportFormats"/>; implement this interface for another.
/// </summary>
/// <remarks>Implementations must be thread-safe: one instance renders any number of reports at once.</remarks>
public interface ICoverageReportFormat
{
    /// <summary>The format's name as a command line takes it, such as <c>markdown</c>.</summary>
    string Name { get; }

    /// <summary>The usual file extension, with its dot, such as <c>.md</c>.</summary>
    string FileExtension { get; }

    /// <summary>Writes a report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="output">Where to write it.</param>
    void Write(CoverageReport report, TextWriter output);
}

/// <summary>The report formats the library provides.</summary>
public static class CoverageReportFormats
{
    /// <summary>Plain text with aligned columns, for a terminal.</summary>
    public static ICoverageReportFormat PlainText { get; } = new DocumentCoverageFormat("text", ".txt", static output => new PlainTextDocumentWriter(output));

    /// <summary>Markdown (CommonMark with GitHub tables), for a pull request or a wiki.</summary>
    public static ICoverageReportFormat Markdown { get; } = new DocumentCoverageFormat("markdown", ".md", static output => new MarkdownDocumentWriter(output));

    /// <summary>
    /// HTML: one self-contained page (style sheet and a few lines of script inline, nothing loaded, a content security
    /// policy that forbids every request), readable on a phone, tables sortable by column; all text encoded.
    /// </summary>
    public static ICoverageReportFormat Html { get; } = new DocumentCoverageFormat("html", ".html", static output => new HtmlDocumentWriter(output));

    /// <summary>JSON with stable field names (<c>schemas/coverage-report.schema.json</c>), for other programs.</summary>
    public static ICoverageReportFormat Json { get; } = new JsonCoverageFormat();

    /// <summary>Every format above.</summary>
    public static IReadOnlyList<ICoverageReportFormat> All { get; } = [PlainText, Markdown, Html, Json];

    /// <summary>Finds a format by <see cref="ICoverageReportFormat.Name"/> (ordinal, case-insensitive).</summary>
    /// <returns>The format, or <see langword="null"/> when there is none with that name.</returns>
    public static ICoverageReportFormat? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
    }
}
