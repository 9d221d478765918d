using System.Text;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Formats;

/// <summary>
/// The text of one input file for the text formats (BibTeX, RIS, YAML): decoded once (UTF-8, or Latin-1 with a warning
/// when the bytes are not UTF-8), with character offsets turned into lines and columns, and the list of problems found,
/// capped so that a hostile file cannot make the problem list itself the attack.
/// </summary>
/// <remarks>Not thread-safe; one instance per read.</remarks>
internal sealed class TextSource
{
    /// <summary>The most problems reported for one file; the next one stops the reader with a fatal diagnostic.</summary>
    public const int MaxDiagnostics = 1000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly List<Diagnostic> _diagnostics = [];
    private int[]? _lineStarts;

    private TextSource(string text, string? file)
    {
        Text = text;
        File = file;
    }

    /// <summary>The decoded text, without a byte-order mark.</summary>
    public string Text { get; }

    /// <summary>The file name for diagnostics.</summary>
    public string? File { get; }

    /// <summary>The problems found so far, in the order found.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>Whether <see cref="MaxDiagnostics"/> was reached: the reader must stop.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Whether a fatal problem has been reported.</summary>
    public bool HasFatal => _diagnostics.Exists(d => d.Severity == DiagnosticSeverity.Fatal);

    /// <summary>Decodes a file's bytes.</summary>
    public static TextSource Decode(ReadOnlySpan<byte> bytes, string? file)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            return new TextSource(StrictUtf8.GetString(bytes), file);
        }
        catch (DecoderFallbackException e)
        {
            var source = new TextSource(Encoding.Latin1.GetString(bytes), file);
            var at = e.Index >= 0 ? e.Index : 0;
            source.Report(DiagnosticSeverity.Warning, DiagnosticCodes.ReadAsLatin1,
                "The file is not valid UTF-8; it was read as Latin-1 (ISO-8859-1). Save it as UTF-8 if some characters look wrong.", Math.Min(at, source.Text.Length));
            return source;
        }
    }

    /// <summary>Wraps text that is already decoded.</summary>
    public static TextSource FromText(string text, string? file) => new(text ?? throw new ArgumentNullException(nameof(text)), file);

    /// <summary>The 1-based line and column of a character offset.</summary>
    public (int Line, int Column) Locate(int offset)
    {
        var starts = _lineStarts ??= FindLineStarts(Text);
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(starts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - starts[line] + 1);
    }

    /// <summary>The location of a character offset, with an optional path (an entry key and field, a JSON-like path).</summary>
    public SourceLocation At(int offset, string? path = null)
    {
        var (line, column) = Locate(offset);
        return new SourceLocation(File, path, line, column);
    }

    /// <summary>Records a problem at a character offset. Past <see cref="MaxDiagnostics"/>, records one fatal problem and sets <see cref="Stopped"/>.</summary>
    public void Report(DiagnosticSeverity severity, string code, string message, int offset, string? path = null)
    {
        if (Stopped)
        {
            return;
        }

        if (_diagnostics.Count >= MaxDiagnostics)
        {
            Stopped = true;
            _diagnostics.Add(new Diagnostic(DiagnosticSeverity.Fatal, DiagnosticCodes.TooManyProblems,
                $"More than {MaxDiagnostics} problems; reading stopped here. Fix the ones above and read the file again.", At(offset)));
            return;
        }

        _diagnostics.Add(new Diagnostic(severity, code, message, At(offset, path)));
    }

    /// <summary>Adds a diagnostic made elsewhere (for example by the CSL-JSON item reader), counting it against the cap.</summary>
    public void Add(Diagnostic diagnostic)
    {
        if (Stopped)
        {
            return;
        }

        if (_diagnostics.Count >= MaxDiagnostics)
        {
            Stopped = true;
            _diagnostics.Add(new Diagnostic(DiagnosticSeverity.Fatal, DiagnosticCodes.TooManyProblems,
                $"More than {MaxDiagnostics} problems; reading stopped here. Fix the ones above and read the file again.", diagnostic.Location));
            return;
        }

        _diagnostics.Add(diagnostic);
    }

    private static int[] FindLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }
}
