namespace Citations.Csl.Styles;

/// <summary>The built-in style sources: the embedded defaults, a directory of style files, and a download cache.</summary>
public static class CslStyleSources
{
    /// <summary>The id of the embedded author-date style: "(Doe 2020, 12)" and an alphabetical reference list.</summary>
    public const string AuthorDate = "citations-author-date";

    /// <summary>The id of the embedded numeric style: "[1]" and a reference list in order of citation.</summary>
    public const string Numeric = "citations-numeric";

    /// <summary>The styles embedded in this package, written for it: <see cref="AuthorDate"/> and <see cref="Numeric"/>.</summary>
    public static ICslStyleSource Embedded { get; } = new EmbeddedStyleSource();

    /// <summary>
    /// The styles in a directory laid out like the official styles repository or its distribution: independent styles
    /// as <c>NAME.csl</c>, dependent styles in a <c>dependent/</c> sub-folder. A style is found by file name, or by its
    /// <c>&lt;id&gt;</c> when the name does not match. Files are parsed once and kept.
    /// </summary>
    /// <param name="directory">The directory.</param>
    /// <remarks>A style file larger than <see cref="Formats.InputFile.DefaultMaxBytes"/> is a <see cref="CslException"/> when asked for.</remarks>
    public static ICslStyleSource FromDirectory(string directory) => FromDirectory(directory, Formats.InputFile.DefaultMaxBytes);

    /// <summary>The styles in a directory, as <see cref="FromDirectory(string)"/>, with a size cap per style file.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="maxFileBytes">The size cap of a style file (a larger one is a <see cref="CslException"/> when asked for).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFileBytes"/> is not positive.</exception>
    public static ICslStyleSource FromDirectory(string directory, long maxFileBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFileBytes);
        return new DirectoryStyleSource(directory, maxFileBytes);
    }

    /// <summary>
    /// Styles downloaded by name or id from the official CSL distribution (or another server with the same layout) into a
    /// local cache directory on first use, with retries; later uses read the cache and make no request.
    /// </summary>
    /// <param name="options">The cache directory, the server and the retry policy.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public static ICslStyleSource Download(CslStyleDownloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DownloadStyleSource(options);
    }
}
