namespace Citations.Csl.Styles;

/// <summary>
/// Options for <see cref="CslStyleSources.Download"/>: where styles are downloaded from, where they are cached and how
/// hard to try (see <see cref="CslDownloadOptions"/> for what style and locale downloads share).
/// </summary>
/// <remarks>
/// The server must have the layout of the official CSL distribution: independent styles at <c>BASE/NAME.csl</c>,
/// dependent styles at <c>BASE/dependent/NAME.csl</c>. A style is looked up by the last segment of its name or id
/// (<c>apa</c>, <c>http://www.zotero.org/styles/apa</c>), so ids from the official repository work as they are.
/// </remarks>
public sealed class CslStyleDownloadOptions : CslDownloadOptions
{
    /// <summary>The official distribution of CSL styles (the files Zotero, Mendeley and others install).</summary>
    public const string DefaultBaseAddress = "https://raw.githubusercontent.com/citation-style-language/styles-distribution/master/";

    /// <summary>Creates options with the defaults: the official distribution, cached in <see cref="DefaultCacheDirectory()"/>.</summary>
    public CslStyleDownloadOptions()
        : base(DefaultBaseAddress, "styles")
    {
    }

    /// <summary>The largest style accepted. <value>Default: 8 MiB (the largest official style is about 250 KB).</value></summary>
    public long MaxStyleBytes { get; init; } = 8 * 1024 * 1024;

    internal override long MaxBytes => MaxStyleBytes;

    internal override string MaxBytesName => nameof(MaxStyleBytes);

    /// <summary>The default cache directory: <c>citations/styles</c> in the user's local application data folder.</summary>
    public static string DefaultCacheDirectory() => DefaultCacheDirectory("styles");
}
