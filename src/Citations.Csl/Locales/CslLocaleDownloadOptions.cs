namespace Citations.Csl.Locales;

/// <summary>
/// Options for <see cref="CslLocaleProvider.Download"/>: where locales are downloaded from, where they are cached and how
/// hard to try (see <see cref="CslDownloadOptions"/> for what style and locale downloads share).
/// </summary>
/// <remarks>
/// The server must have the layout of the official CSL locales repository: <c>BASE/locales-xx-XX.xml</c>, one file per
/// language tag (<c>locales-de-AT.xml</c>, <c>locales-sr-Latn-RS.xml</c>, <c>locales-eu.xml</c>). Each file is cached
/// under the same name in <see cref="CslDownloadOptions.CacheDirectory"/>, which may be the styles' cache directory:
/// the names cannot collide.
/// </remarks>
public sealed class CslLocaleDownloadOptions : CslDownloadOptions
{
    /// <summary>The official CSL locales repository.</summary>
    public const string DefaultBaseAddress = "https://raw.githubusercontent.com/citation-style-language/locales/master/";

    /// <summary>Creates options with the defaults: the official repository, cached in <see cref="DefaultCacheDirectory()"/>.</summary>
    public CslLocaleDownloadOptions()
        : base(DefaultBaseAddress, "locales")
    {
    }

    /// <summary>The largest locale accepted. <value>Default: 1 MiB (the largest official locale is about 33 KB).</value></summary>
    public long MaxLocaleBytes { get; init; } = 1024 * 1024;

    internal override long MaxBytes => MaxLocaleBytes;

    internal override string MaxBytesName => nameof(MaxLocaleBytes);

    /// <summary>The default cache directory: <c>citations/locales</c> in the user's local application data folder.</summary>
    public static string DefaultCacheDirectory() => DefaultCacheDirectory("locales");
}
