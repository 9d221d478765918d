using System.Collections.Concurrent;
using System.Text.Json;

namespace Citations.Csl.Locales;

/// <summary>
/// Supplies CSL locales by language tag: the official locale files in a directory, locales downloaded on demand, the
/// en-US locale embedded in this package, several of these in order, or any other source a caller implements.
/// Implementations must be thread-safe; the built-in ones parse each file once.
/// </summary>
/// <example>
/// Locales from a folder when it has them, else the embedded en-US, else downloaded once into a cache:
/// <code>
/// var locales = CslLocaleProvider.Combine(
///     CslLocaleProvider.FromDirectory("locales"),
///     CslLocaleProvider.Embedded,
///     CslLocaleProvider.Download(new CslLocaleDownloadOptions()));
/// var processor = await CslProcessor.CreateAsync(style, new CslProcessorOptions { Locales = locales });
/// </code>
/// </example>
public abstract class CslLocaleProvider
{
    /// <summary>The en-US locale embedded in this package: written for it, and agreeing term for term with the official
    /// en-US locale. Other languages are not found.</summary>
    public static CslLocaleProvider Embedded { get; } = new EmbeddedLocaleProvider();

    /// <summary>Where this provider looks, for messages ("the locale files in DIR").</summary>
    public virtual string Description => $"the locale provider {GetType().Name}";

    /// <summary>Reads locales from a directory of <c>locales-xx-XX.xml</c> files (such as the official CSL locales), with
    /// <c>locales.json</c> for primary dialects when present; falls back to the embedded en-US locale.</summary>
    /// <param name="directory">The directory.</param>
    /// <remarks>A locale file larger than <see cref="Formats.InputFile.DefaultMaxBytes"/> is a <see cref="CslException"/> when asked for.</remarks>
    public static CslLocaleProvider FromDirectory(string directory) => FromDirectory(directory, Formats.InputFile.DefaultMaxBytes);

    /// <summary>Reads locales from a directory, as <see cref="FromDirectory(string)"/>, with a size cap per locale file.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="maxFileBytes">The size cap of a locale file (a larger one is a <see cref="CslException"/> when asked for).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFileBytes"/> is not positive.</exception>
    public static CslLocaleProvider FromDirectory(string directory, long maxFileBytes)
        => new DirectoryLocaleProvider(directory, maxFileBytes > 0 ? maxFileBytes : throw new ArgumentOutOfRangeException(nameof(maxFileBytes)));

    /// <summary>
    /// Locales downloaded by tag from the official CSL locales repository (or another server with its layout) into a
    /// local cache directory on first use, with retries; later uses read the cache and make no request. With
    /// <see cref="CslDownloadOptions.Offline"/>, only the cache is read.
    /// </summary>
    /// <remarks>
    /// A locale that cannot be had now (offline and not cached, a failed download, a response that is not a locale)
    /// raises <see cref="CslLocaleUnavailableException"/>; a processor turns it into a diagnostic and falls back. Put
    /// <see cref="Embedded"/> before this provider (<see cref="Combine"/>) so that en-US, which the embedded locale
    /// already has, is never downloaded.
    /// </remarks>
    /// <param name="options">The cache directory, the server, the retry policy and the offline switch.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public static CslLocaleProvider Download(CslLocaleDownloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DownloadLocaleProvider(options);
    }

    /// <summary>Asks several providers in order; the first that has a locale wins. The primary dialect of a language is
    /// the first provider's answer that is not <see langword="null"/>.</summary>
    /// <param name="providers">The providers, in order.</param>
    /// <exception cref="ArgumentException">There are no providers, or one is <see langword="null"/>.</exception>
    public static CslLocaleProvider Combine(params IEnumerable<CslLocaleProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        CslLocaleProvider[] list = [.. providers];
        if (list.Length == 0 || Array.IndexOf(list, null) >= 0)
        {
            throw new ArgumentException("Combine needs at least one provider, and none may be null.", nameof(providers));
        }

        return list.Length == 1 ? list[0] : new CombinedLocaleProvider(list);
    }

    /// <summary>Finds the locale for exactly this language tag, or <see langword="null"/> when there is none.</summary>
    /// <param name="language">A tag such as <c>de-AT</c> or <c>fr</c>.</param>
    /// <exception cref="CslException">The locale file exists but is malformed.</exception>
    /// <exception cref="CslLocaleUnavailableException">The locale may exist but cannot be had now (see
    /// <see cref="Download"/>).</exception>
    public abstract CslLocale? Find(string language);

    /// <summary>Finds the locale for exactly this language tag without blocking on a download, or
    /// <see langword="null"/> when there is none. <value>Default: <see cref="Find"/>.</value></summary>
    /// <param name="language">A tag such as <c>de-AT</c> or <c>fr</c>.</param>
    /// <param name="cancellationToken">Cancels a download.</param>
    /// <exception cref="CslException">The locale file exists but is malformed.</exception>
    /// <exception cref="CslLocaleUnavailableException">The locale may exist but cannot be had now.</exception>
    public virtual ValueTask<CslLocale?> FindAsync(string language, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Find(language));
    }

    /// <summary>The primary dialect of a language (<c>de</c> → <c>de-DE</c>), or <see langword="null"/>.
    /// <value>Default: the table of the official locales repository's <c>locales.json</c>.</value></summary>
    /// <param name="language">A bare language such as <c>de</c>.</param>
    public virtual string? PrimaryDialect(string language) => LocaleTags.PrimaryDialects.GetValueOrDefault(language);

    private sealed class EmbeddedLocaleProvider : CslLocaleProvider
    {
        private readonly Lazy<CslLocale> _enUs = new(() => CslLocale.Parse(EmbeddedResources.Read("locales-en-US.xml"), "embedded:locales-en-US.xml"));

        public override string Description => "the embedded en-US locale";

        public override CslLocale? Find(string language)
            => string.Equals(language, "en-US", StringComparison.OrdinalIgnoreCase) ? _enUs.Value : null;
    }

    private sealed class DirectoryLocaleProvider : CslLocaleProvider
    {
        private readonly string _directory;
        private readonly ConcurrentDictionary<string, Lazy<CslLocale?>> _cache = new(StringComparer.Ordinal);
        private readonly Lazy<IReadOnlyDictionary<string, string>> _primary;

        private readonly long _maxFileBytes;

        public DirectoryLocaleProvider(string directory, long maxFileBytes)
        {
            _directory = directory ?? throw new ArgumentNullException(nameof(directory));
            _maxFileBytes = maxFileBytes;
            _primary = new Lazy<IReadOnlyDictionary<string, string>>(ReadPrimaryDialects);
        }

        public override string Description => $"the locale files in {_directory}";

        public override CslLocale? Find(string language)
        {
            ArgumentNullException.ThrowIfNull(language);
            return LocaleTags.TryNormalize(language, out var tag) ? _cache.GetOrAdd(tag, t => new Lazy<CslLocale?>(() => Load(t))).Value : null;
        }

        public override string? PrimaryDialect(string language)
            => _primary.Value.TryGetValue(language, out var dialect) ? dialect : base.PrimaryDialect(language);

        private CslLocale? Load(string tag)
        {
            var path = Path.Combine(_directory, $"locales-{tag}.xml");
            if (File.Exists(path))
            {
                return CslLocale.Parse(CslFileText.Read(path, _maxFileBytes), path);
            }

            return Embedded.Find(tag);
        }

        private IReadOnlyDictionary<string, string> ReadPrimaryDialects()
        {
            var path = Path.Combine(_directory, "locales.json");
            if (!File.Exists(path))
            {
                return LocaleTags.PrimaryDialects;
            }

            try
            {
                var bytes = Formats.InputFile.ReadAllBytes(path, _maxFileBytes);
                if (bytes.Value is null)
                {
                    return LocaleTags.PrimaryDialects;
                }

                using var document = JsonDocument.Parse(bytes.Value);
                var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (document.RootElement.TryGetProperty("primary-dialects", out var dialects) && dialects.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in dialects.EnumerateObject())
                    {
                        if (property.Value.ValueKind == JsonValueKind.String)
                        {
                            result[property.Name] = property.Value.GetString()!;
                        }
                    }
                }

                return result;
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // Not JSON, or a string that is no text (half a surrogate pair): the built-in table.
                return LocaleTags.PrimaryDialects;
            }
        }
    }
}
