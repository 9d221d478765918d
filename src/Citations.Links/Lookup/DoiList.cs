using System.Globalization;
using System.Text;
using Citations.Diagnostics;

namespace Citations.Links.Lookup;

/// <summary>A DOI and where it was named (a line of a list of DOIs, or a word on the command line).</summary>
/// <param name="Doi">The DOI.</param>
/// <param name="Location">Where it was named, for diagnostics.</param>
public sealed record DoiReference(Doi Doi, SourceLocation Location);

/// <summary>
/// Reads a text file of DOIs, one a line: bare (<c>10.1000/xyz</c>), <c>doi:</c>-prefixed or as resolver URLs,
/// optionally followed by blanks and a <c>#</c> comment. Blank lines and lines starting with <c>#</c> are skipped.
/// </summary>
/// <remarks>Thread-safe. A file is taken for a list of DOIs by its extension (<see cref="Extensions"/>) or, when its
/// extension names no other format, by its content (<see cref="Sniff"/>).</remarks>
public static class DoiList
{
    /// <summary>How many bytes of a file <see cref="Sniff"/> looks at.</summary>
    public const int SniffLength = 4096;

    /// <summary>The extensions of a list of DOIs: <c>.doi</c>.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".doi"];

    /// <summary>Whether a file name has an extension of <see cref="Extensions"/>.</summary>
    /// <param name="fileName">The name or path.</param>
    public static bool HasExtension(string? fileName)
        => fileName is not null && Extensions.Contains(Path.GetExtension(fileName), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the start of a file is a list of DOIs: it has at least one DOI line, and every line that is not blank or a
    /// comment is a DOI. Only whole lines count: when <paramref name="start"/> is <see cref="SniffLength"/> bytes or
    /// more, the text after its last line break is not looked at.
    /// </summary>
    /// <param name="start">The first bytes of the file (UTF-8; a byte-order mark is allowed).</param>
    public static bool Sniff(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith("\uFEFF"u8))
        {
            start = start[3..];
        }

        if (start.Length >= SniffLength)
        {
            var lastBreak = start[..SniffLength].LastIndexOf((byte)'\n');
            if (lastBreak < 0)
            {
                return false;
            }

            start = start[..lastBreak];
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(start);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var dois = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            switch (ReadLine(line.ToString(), out _, out _))
            {
                case LineKind.Doi:
                    dois++;
                    break;
                case LineKind.Other:
                    return false;
            }
        }

        return dois > 0;
    }

    /// <summary>
    /// Reads a list of DOIs. A line that is not a DOI is an error (<see cref="LinkDiagnosticCodes.NotADoi"/>) and is
    /// skipped; a DOI named again (in any spelling) is a warning (<see cref="LinkDiagnosticCodes.DuplicateDoi"/>) and is
    /// read once.
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <param name="file">The file name for diagnostics.</param>
    public static ParseResult<IReadOnlyList<DoiReference>> Read(string text, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var references = new List<DoiReference>();
        var diagnostics = new List<Diagnostic>();
        var seen = new Dictionary<Doi, int>();
        var number = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            number++;
            var content = line.ToString();
            var kind = ReadLine(content, out var doi, out var column);
            var location = new SourceLocation(file, null, number, column);
            if (kind == LineKind.Other)
            {
                var word = content.Trim().Split([' ', '\t'], 2)[0];
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, LinkDiagnosticCodes.NotADoi,
                    $"'{Shorten(word)}' is not a DOI (10.NNNN/suffix, doi:10.NNNN/suffix or https://doi.org/10.NNNN/suffix); the line was skipped.", location));
            }
            else if (kind == LineKind.Doi)
            {
                if (seen.TryGetValue(doi!, out var first))
                {
                    diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, LinkDiagnosticCodes.DuplicateDoi,
                        string.Create(CultureInfo.InvariantCulture, $"DOI {doi!.Text} is already on line {first}; it is read once."), location));
                }
                else
                {
                    seen.Add(doi!, number);
                    references.Add(new DoiReference(doi!, location));
                }
            }
        }

        return new ParseResult<IReadOnlyList<DoiReference>>(references, diagnostics);
    }

    private enum LineKind
    {
        Skipped,
        Doi,
        Other,
    }

    /// <summary>Reads one line: blank or a comment, a DOI (with its 1-based column), or something else.</summary>
    private static LineKind ReadLine(string line, out Doi? doi, out int column)
    {
        doi = null;
        var trimmed = line.TrimStart('\uFEFF', ' ', '\t');
        column = line.Length - trimmed.Length + 1;
        trimmed = trimmed.TrimEnd();
        if (trimmed.Length == 0 || trimmed[0] == '#')
        {
            return LineKind.Skipped;
        }

        var end = trimmed.IndexOfAny([' ', '\t']);
        var word = end < 0 ? trimmed : trimmed[..end];
        var rest = end < 0 ? string.Empty : trimmed[end..].TrimStart();
        return (rest.Length == 0 || rest[0] == '#') && Doi.TryParse(word, out doi) ? LineKind.Doi : LineKind.Other;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
