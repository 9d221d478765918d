using Citations.Formats;

namespace Citations.Csl;

/// <summary>
/// Reads a style or locale file as UTF-8 text under the size cap every input of this library has
/// (<see cref="InputFile"/>): a style folder or a locale folder may hold a file as large as the disk, or a link to
/// <c>/dev/zero</c>, and none is read past its cap.
/// </summary>
internal static class CslFileText
{
    /// <summary>Reads a file whole.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="maxBytes">The size cap in bytes.</param>
    /// <exception cref="CslException">The file is larger than <paramref name="maxBytes"/>, or not UTF-8 text.</exception>
    /// <exception cref="IOException">The file cannot be opened or read (as <see cref="File.ReadAllText(string)"/> says).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static string Read(string path, long maxBytes = InputFile.DefaultMaxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        var bytes = InputFile.ReadAllBytes(stream, maxBytes, path);
        var text = bytes.Value is null ? null : InputFile.DecodeUtf8(bytes.Value, path);
        if (text?.Value is { } value)
        {
            return value;
        }

        var problem = (text?.Diagnostics ?? bytes.Diagnostics)[0];
        throw new CslException(problem.Message, problem.Location);
    }
}
