using Citations.CslData;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Formats;

/// <summary>
/// The item formats a program knows: picks the reader for a file (by extension, then by content) and the writer for a
/// format name. <see cref="Default"/> knows every format of this package; build another with the readers and writers you
/// want (your own included).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ItemFormats
{
    /// <summary>How many bytes of a file <see cref="IItemReader.Sniff"/> is shown.</summary>
    public const int SniffLength = 4096;

    private readonly IItemReader[] _readers;
    private readonly IItemWriter[] _writers;

    /// <summary>Creates a set of formats. Earlier readers win when two claim the same extension or content.</summary>
    /// <param name="readers">The readers.</param>
    /// <param name="writers">The writers.</param>
    public ItemFormats(IEnumerable<IItemReader> readers, IEnumerable<IItemWriter> writers)
    {
        ArgumentNullException.ThrowIfNull(readers);
        ArgumentNullException.ThrowIfNull(writers);
        _readers = readers.ToArray();
        _writers = writers.ToArray();
    }

    /// <summary>Every format of this package.</summary>
    public static ItemFormats Default { get; } = new(
        [CslJsonFormat.Instance, BibTeX.BibTeXFormat.BibLaTeX, BibTeX.BibTeXFormat.BibTeX, CslYaml.CslYamlFormat.Instance, Ris.RisFormat.Instance, Cff.CffFormat.Instance],
        [CslJsonFormat.Instance, CslYaml.CslYamlFormat.Instance, BibTeX.BibTeXFormat.BibLaTeX, BibTeX.BibTeXFormat.BibTeX]);

    /// <summary>The readers, in order of preference.</summary>
    public IReadOnlyList<IItemReader> Readers => _readers;

    /// <summary>The writers.</summary>
    public IReadOnlyList<IItemWriter> Writers => _writers;

    /// <summary>The writer of a format, by its name (case-insensitive), or <see langword="null"/>.</summary>
    /// <param name="name">A format name such as <c>csljson</c>.</param>
    public IItemWriter? FindWriter(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Array.Find(_writers, w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The reader of a format, by its name (case-insensitive), or <see langword="null"/>.</summary>
    /// <param name="name">A format name such as <c>bibtex</c>.</param>
    public IItemReader? FindReaderByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Array.Find(_readers, r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The reader for a file: the one that claims its extension, else the first whose <see cref="IItemReader.Sniff"/>
    /// accepts its start, else <see langword="null"/>.
    /// </summary>
    /// <param name="fileName">The file's name or path, if known.</param>
    /// <param name="start">The file's first bytes.</param>
    public IItemReader? FindReader(string? fileName, ReadOnlySpan<byte> start)
    {
        var extension = fileName is null ? "" : Path.GetExtension(fileName);
        if (extension.Length > 0)
        {
            foreach (var reader in _readers)
            {
                foreach (var candidate in reader.Extensions)
                {
                    if (string.Equals(candidate, extension, StringComparison.OrdinalIgnoreCase))
                    {
                        return reader;
                    }
                }
            }
        }

        start = WithoutByteOrderMark(start);
        start = start[..Math.Min(start.Length, SniffLength)];
        foreach (var reader in _readers)
        {
            if (reader.Sniff(start))
            {
                return reader;
            }
        }

        return null;
    }

    /// <summary>Reads items from bytes whose format is chosen by <see cref="FindReader"/>.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <param name="file">The file's name, for choosing the format and for diagnostics.</param>
    public ParseResult<IReadOnlyList<CslItem>> Read(ReadOnlyMemory<byte> content, string? file)
    {
        var reader = FindReader(file, content.Span);
        return reader is null ? Unknown(file) : reader.Read(content, file);
    }

    /// <summary>
    /// Reads an items file of any known format. A file that is missing, unreadable or larger than
    /// <paramref name="maxBytes"/> gives one <see cref="DiagnosticSeverity.Fatal"/> diagnostic, not an exception.
    /// </summary>
    /// <param name="path">The file's path.</param>
    /// <param name="maxBytes">The size cap (default <see cref="InputFile.DefaultMaxBytes"/>).</param>
    /// <param name="displayName">The name diagnostics give the file (such as the path as the user typed it); <paramref name="path"/> when <see langword="null"/>.
    /// The format is chosen by the extension of <paramref name="path"/>.</param>
    public ParseResult<IReadOnlyList<CslItem>> ReadFile(string path, long maxBytes = InputFile.DefaultMaxBytes, string? displayName = null)
    {
        var bytes = InputFile.ReadAllBytes(path, maxBytes, displayName);
        if (bytes.Value is null)
        {
            return new ParseResult<IReadOnlyList<CslItem>>(null, bytes.Diagnostics);
        }

        var reader = FindReader(path, bytes.Value);
        return reader is null ? Unknown(displayName ?? path) : reader.Read(bytes.Value, displayName ?? path);
    }

    private ParseResult<IReadOnlyList<CslItem>> Unknown(string? file)
    {
        var known = string.Join(", ", _readers.Select(r => r.Name));
        return new ParseResult<IReadOnlyList<CslItem>>(null,
            [new Diagnostic(DiagnosticSeverity.Fatal, DiagnosticCodes.UnknownFormat, $"The file is not in a bibliography format this program reads ({known}).", new SourceLocation(file, null, 0, 0))]);
    }

    private static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> bytes)
        => bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
}
