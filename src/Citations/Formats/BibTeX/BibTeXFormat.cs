using Citations.CslData;
using Citations.Diagnostics;

namespace Citations.Formats.BibTeX;

/// <summary>
/// BibTeX and BibLaTeX <c>.bib</c> files, read into CSL items and written from them. Two instances:
/// <see cref="BibLaTeX"/> (the usual reading of a <c>.bib</c> file today) and <see cref="BibTeX"/> (classic BibTeX:
/// <c>year</c>/<c>month</c>, <c>journal</c>, <c>address</c>; publishers and places not split at <c>and</c>).
/// </summary>
/// <remarks>
/// <para>
/// Reading follows <c>pandoc -f biblatex -t csljson</c> field by field (titles in English are stored in sentence case,
/// as CSL expects) with better diagnostics: every problem names the file, line and column, and a bad entry is skipped
/// without losing the others. Where this reader deliberately differs from pandoc, a test says why; the list is in
/// <c>src/Citations/Formats/README.md</c>, with the limits that keep a hostile file linear in time and memory.
/// </para>
/// <para>Thread-safe: every read has its own state.</para>
/// </remarks>
public sealed class BibTeXFormat : IItemReader, IItemWriter
{
    private BibTeXFormat(bool biblatex)
    {
        IsBibLaTeX = biblatex;
    }

    /// <summary>BibLaTeX (format name <c>biblatex</c>): reads and writes <c>.bib</c> files with BibLaTeX's fields and rules.</summary>
    public static BibTeXFormat BibLaTeX { get; } = new(biblatex: true);

    /// <summary>Classic BibTeX (format name <c>bibtex</c>).</summary>
    public static BibTeXFormat BibTeX { get; } = new(biblatex: false);

    /// <summary>Whether this is the BibLaTeX dialect.</summary>
    public bool IsBibLaTeX { get; }

    /// <inheritdoc/>
    public string Name => IsBibLaTeX ? "biblatex" : "bibtex";

    /// <inheritdoc/>
    public IReadOnlyList<string> Extensions { get; } = [".bib"];

    /// <inheritdoc/>
    public string Extension => ".bib";

    /// <inheritdoc/>
    public bool Sniff(ReadOnlySpan<byte> start)
    {
        // An entry ("@article{", "@string{", "@comment{") at the start of a line, before anything that is not a comment.
        var i = 0;
        while (i < start.Length)
        {
            var lineEnd = start[i..].IndexOf((byte)'\n');
            var line = lineEnd < 0 ? start[i..] : start[i..(i + lineEnd)];
            var trimmed = line.TrimStart(" \t\r"u8);
            if (trimmed.Length > 1 && trimmed[0] == (byte)'@' && char.IsAsciiLetter((char)trimmed[1]))
            {
                var j = 1;
                while (j < trimmed.Length && char.IsAsciiLetter((char)trimmed[j]))
                {
                    j++;
                }

                while (j < trimmed.Length && trimmed[j] is (byte)' ' or (byte)'\t')
                {
                    j++;
                }

                return j < trimmed.Length && trimmed[j] is (byte)'{' or (byte)'(';
            }

            if (trimmed.Length > 0 && trimmed[0] != (byte)'%')
            {
                return false;
            }

            if (lineEnd < 0)
            {
                break;
            }

            i += lineEnd + 1;
        }

        return false;
    }

    /// <inheritdoc/>
    public ParseResult<IReadOnlyList<CslItem>> Read(ReadOnlyMemory<byte> content, string? file)
        => Read(TextSource.Decode(content.Span, file));

    /// <summary>Reads BibTeX text.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="file">The file name to put in diagnostics, if any.</param>
    public ParseResult<IReadOnlyList<CslItem>> Read(string text, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Read(TextSource.FromText(text, file));
    }

    /// <inheritdoc/>
    public string Write(IReadOnlyList<CslItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return BibTeXWriter.Write(items, IsBibLaTeX);
    }

    private ParseResult<IReadOnlyList<CslItem>> Read(TextSource source)
    {
        var database = BibParser.Parse(source);
        var items = new List<CslItem>(database.Entries.Count);
        if (!source.Stopped)
        {
            var fields = BibInheritance.Resolve(database.Entries, IsBibLaTeX, BibItemMapper.UsedFields, source);
            var mapper = new BibItemMapper(source, IsBibLaTeX);
            foreach (var entry in database.Entries)
            {
                if (source.Stopped)
                {
                    break;
                }

                if (entry.Type != "xdata")
                {
                    items.Add(mapper.Map(entry, fields[entry]));
                }
            }
        }

        var diagnostics = source.Diagnostics
            .Select((d, i) => (d, i))
            .OrderBy(p => p.d.Severity == DiagnosticSeverity.Fatal && p.d.Code == Serialization.DiagnosticCodes.TooManyProblems ? 1 : 0)
            .ThenBy(p => p.d.Location.Line)
            .ThenBy(p => p.d.Location.Column)
            .ThenBy(p => p.i)
            .Select(p => p.d)
            .ToArray();
        return new ParseResult<IReadOnlyList<CslItem>>(items, diagnostics);
    }
}
