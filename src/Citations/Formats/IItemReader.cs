using Citations.CslData;
using Citations.Diagnostics;

namespace Citations.Formats;

/// <summary>
/// Reads bibliographic items from one file format (CSL-JSON, BibTeX, RIS, …) into CSL items. One implementation per
/// format; <see cref="ItemFormats"/> chooses the reader for a file by its extension or, failing that, by its content.
/// </summary>
/// <remarks>
/// Implementations are stateless and thread-safe. Reading never throws for bad data: every problem is a
/// <see cref="Diagnostic"/> naming the file, line and column (and a path inside the file where the format has one).
/// A problem that stops the reader (a syntax error it cannot recover from, undecodable text) has
/// <see cref="DiagnosticSeverity.Fatal"/> severity; entries read before it are still returned. A problem confined to
/// one entry has <see cref="DiagnosticSeverity.Error"/> severity, and the other entries are returned.
/// </remarks>
public interface IItemReader
{
    /// <summary>The format's short name, as the command line spells it (for example <c>csljson</c>, <c>bibtex</c>).</summary>
    string Name { get; }

    /// <summary>The file extensions of the format, lower case with the leading dot (for example <c>.json</c>).</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>Whether the start of a file looks like this format (used when the extension says nothing).</summary>
    /// <param name="start">The first bytes of the file (up to <see cref="ItemFormats.SniffLength"/>), a byte-order mark removed.</param>
    bool Sniff(ReadOnlySpan<byte> start);

    /// <summary>Reads every item of a file.</summary>
    /// <param name="content">The file's bytes (UTF-8; a byte-order mark is allowed).</param>
    /// <param name="file">The file name to put in diagnostics, if any.</param>
    /// <returns>The items that could be read, and every problem found.</returns>
    ParseResult<IReadOnlyList<CslItem>> Read(ReadOnlyMemory<byte> content, string? file);
}

/// <summary>Writes CSL items in one file format.</summary>
/// <remarks>Implementations are stateless and thread-safe.</remarks>
public interface IItemWriter
{
    /// <summary>The format's short name, as the command line spells it (for example <c>csljson</c>).</summary>
    string Name { get; }

    /// <summary>The usual file extension, lower case with the leading dot.</summary>
    string Extension { get; }

    /// <summary>Writes the items as the text of one file.</summary>
    /// <param name="items">The items, in the order to write them.</param>
    string Write(IReadOnlyList<CslItem> items);
}
