using System.Globalization;
using System.Text;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Formats;

/// <summary>
/// Reads an input file whole, under a size cap, turning every failure into a <see cref="DiagnosticSeverity.Fatal"/>
/// diagnostic instead of an exception: every reader of user files (item files, article files, an article's text, link
/// lists) goes through it, so every input has the same cap and the same messages.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public static class InputFile
{
    /// <summary>The largest input file read unless the caller says otherwise: 256 MiB.</summary>
    public const long DefaultMaxBytes = 256L * 1024 * 1024;

    private const int ChunkSize = 64 * 1024;

    private const int MaxChunkSize = 16 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads a file's bytes. The value is <see langword="null"/>, with one <see cref="DiagnosticSeverity.Fatal"/>
    /// diagnostic, when the file is missing, unreadable, a directory or larger than <paramref name="maxBytes"/> (checked
    /// while reading too, so a device or a growing file cannot exceed it).
    /// </summary>
    /// <param name="path">The file's path.</param>
    /// <param name="maxBytes">The size cap in bytes.</param>
    /// <param name="displayName">The name diagnostics give the file (such as the path as the user typed it); <paramref name="path"/> when <see langword="null"/>.</param>
    public static ParseResult<byte[]> ReadAllBytes(string path, long maxBytes = DefaultMaxBytes, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var name = displayName ?? path;
        try
        {
            if (Directory.Exists(path))
            {
                return Unreadable(name, "it is a directory, not a file.");
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            return ReadAllBytes(stream, maxBytes, name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return Unreadable(name, e.Message);
        }
    }

    /// <summary>
    /// Reads a stream to its end under the size cap, as <see cref="ReadAllBytes(string, long, string)"/> reads a file:
    /// for a caller that opens the file itself (and so keeps the exceptions of opening it).
    /// </summary>
    /// <param name="stream">The stream, at its start; not disposed.</param>
    /// <param name="maxBytes">The size cap in bytes.</param>
    /// <param name="displayName">The name diagnostics give the input.</param>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static ParseResult<byte[]> ReadAllBytes(Stream stream, long maxBytes, string? displayName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var name = displayName ?? "<input>";
        if (stream.CanSeek)
        {
            if (stream.Length - stream.Position > maxBytes)
            {
                return TooLarge(name, maxBytes);
            }

            // The usual case, a regular file: one read into an array of its size. A file that changed size while
            // being read is read again below, in chunks under the cap.
            var start = stream.Position;
            var whole = new byte[stream.Length - start];
            if (stream.ReadAtLeast(whole, whole.Length, throwOnEndOfStream: false) == whole.Length && stream.ReadByte() < 0)
            {
                return new ParseResult<byte[]>(whole, []);
            }

            stream.Position = start;
        }

        // A device, a pipe or a growing file: chunks that double in size (64 KiB up to 16 MiB), never more than the
        // cap in all, so that refusing /dev/zero holds about the cap in memory (a growing buffer would hold twice it).
        var chunks = new List<byte[]>();
        var lengths = new List<int>();
        long total = 0;
        var size = ChunkSize;
        while (true)
        {
            var chunk = new byte[size];
            var read = stream.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
            if (total + read > maxBytes)
            {
                return TooLarge(name, maxBytes);
            }

            chunks.Add(chunk);
            lengths.Add(read);
            total += read;
            if (read < chunk.Length)
            {
                break;
            }

            size = (int)Math.Min(Math.Min(size * 2L, MaxChunkSize), maxBytes - total + 1);
        }

        var bytes = new byte[total];
        var offset = 0;
        for (var i = 0; i < chunks.Count; i++)
        {
            Buffer.BlockCopy(chunks[i], 0, bytes, offset, lengths[i]);
            offset += lengths[i];
        }

        return new ParseResult<byte[]>(bytes, []);
    }

    /// <summary>Reads a file's bytes without blocking the caller; see <see cref="ReadAllBytes(string, long, string)"/>.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="maxBytes">The size cap in bytes.</param>
    /// <param name="displayName">The name diagnostics give the file; <paramref name="path"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static Task<ParseResult<byte[]>> ReadAllBytesAsync(string path, long maxBytes = DefaultMaxBytes, string? displayName = null, CancellationToken cancellationToken = default)
    {
        // Input files are local and read in one sequential pass; a thread-pool hop keeps a caller's thread free without
        // a second, asynchronous copy of the capped loop.
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(() => ReadAllBytes(path, maxBytes, displayName), cancellationToken);
    }

    /// <summary>
    /// Reads a UTF-8 text file (a byte-order mark is allowed and removed). Besides the failures of
    /// <see cref="ReadAllBytes(string, long, string)"/>, text that is not valid UTF-8 is fatal, with the line and column of the first bad byte.
    /// </summary>
    /// <param name="path">The file's path.</param>
    /// <param name="maxBytes">The size cap in bytes.</param>
    /// <param name="displayName">The name diagnostics give the file; <paramref name="path"/> when <see langword="null"/>.</param>
    public static ParseResult<string> ReadAllText(string path, long maxBytes = DefaultMaxBytes, string? displayName = null)
    {
        var bytes = ReadAllBytes(path, maxBytes, displayName);
        return bytes.Value is null
            ? new ParseResult<string>(null, bytes.Diagnostics)
            : DecodeUtf8(bytes.Value, displayName ?? path);
    }

    /// <summary>Reads a UTF-8 text file without blocking the caller; see <see cref="ReadAllText"/>.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="maxBytes">The size cap in bytes.</param>
    /// <param name="displayName">The name diagnostics give the file; <paramref name="path"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static Task<ParseResult<string>> ReadAllTextAsync(string path, long maxBytes = DefaultMaxBytes, string? displayName = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(() => ReadAllText(path, maxBytes, displayName), cancellationToken);
    }

    /// <summary>Decodes UTF-8 text as a whole (a byte-order mark is removed); invalid bytes are a fatal diagnostic.</summary>
    /// <param name="utf8">The bytes.</param>
    /// <param name="file">The file name for the diagnostic.</param>
    public static ParseResult<string> DecodeUtf8(ReadOnlyMemory<byte> utf8, string? file)
    {
        if (utf8.Span.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        try
        {
            return new ParseResult<string>(StrictUtf8.GetString(utf8.Span), []);
        }
        catch (DecoderFallbackException e)
        {
            var at = Math.Max(0, e.Index);
            var (line, column) = new TextPositions(utf8).Locate(at);
            return new ParseResult<string>(null,
            [
                new Diagnostic(DiagnosticSeverity.Fatal, DiagnosticCodes.NotUtf8,
                    string.Create(CultureInfo.InvariantCulture, $"The file is not UTF-8 text: byte {at + 1} is not valid UTF-8. Save it as UTF-8."),
                    new SourceLocation(file, null, line, column)),
            ]);
        }
    }

    private static ParseResult<byte[]> Unreadable(string name, string why)
        => new(null, [new Diagnostic(DiagnosticSeverity.Fatal, DiagnosticCodes.UnreadableFile, $"The file could not be read: {why}", new SourceLocation(name, null, 0, 0))]);

    private static ParseResult<byte[]> TooLarge(string name, long maxBytes)
        => new(null,
        [
            new Diagnostic(DiagnosticSeverity.Fatal, DiagnosticCodes.FileTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"The file is larger than the {maxBytes:N0}-byte limit for an input file; raise the limit to read it."),
                new SourceLocation(name, null, 0, 0)),
        ]);
}
