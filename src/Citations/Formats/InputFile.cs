using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Formats;

/// <summary>Reads an input file whole, under a size cap, turning every failure into a diagnostic.</summary>
/// <remarks>Thread-safe.</remarks>
public static class InputFile
{
    /// <summary>
    /// Reads a file's bytes. Returns <see langword="null"/> and a <see cref="DiagnosticSeverity.Fatal"/> diagnostic when
    /// the file is missing, unreadable, not a regular file or larger than <paramref name="maxBytes"/> (checked while
    /// reading too, so a device or a growing file cannot exceed it).
    /// </summary>
    /// <param name="path">The file's path.</param>
    /// <param name="maxBytes">The size cap in bytes.</param>
    /// <param name="problem">Why the file could not be read, when it could not.</param>
    public static byte[]? ReadAllBytes(string path, long maxBytes, out Diagnostic? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        problem = null;
        try
        {
            if (Directory.Exists(path))
            {
                problem = Unreadable(path, "it is a directory, not a file.");
                return null;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length > maxBytes)
            {
                problem = TooLarge(path, maxBytes);
                return null;
            }

            using var buffer = new MemoryStream(stream.CanSeek ? (int)stream.Length : 64 * 1024);
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    problem = TooLarge(path, maxBytes);
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            problem = Unreadable(path, e.Message);
            return null;
        }
    }

    private static Diagnostic Unreadable(string path, string why)
        => new(DiagnosticSeverity.Fatal, DiagnosticCodes.UnreadableFile, $"The file could not be read: {why}", new SourceLocation(path, null, 0, 0));

    private static Diagnostic TooLarge(string path, long maxBytes)
        => new(DiagnosticSeverity.Fatal, DiagnosticCodes.FileTooLarge,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The file is larger than the {maxBytes:N0}-byte limit for an input file; raise the limit to read it."),
            new SourceLocation(path, null, 0, 0));
}
