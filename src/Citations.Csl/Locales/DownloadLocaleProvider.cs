using System.Collections.Concurrent;
using Citations.Csl.Downloads;
using Citations.Diagnostics;

namespace Citations.Csl.Locales;

/// <summary>
/// Downloads locales by tag from a server laid out like the official locales repository (<c>locales-xx-XX.xml</c>) into
/// a cache directory, on first use; later uses read the cache. Offline, only the cache is read. Each locale is parsed
/// once per provider; a locale the server does not have is asked for once per provider.
/// </summary>
internal sealed class DownloadLocaleProvider : CslLocaleProvider
{
    private readonly CachedDownloader _downloader;

    /// <summary>What this provider has settled: a locale, or <see langword="null"/> when the server has none.</summary>
    private readonly ConcurrentDictionary<string, CslLocale?> _settled = new(StringComparer.Ordinal);

    public DownloadLocaleProvider(CslLocaleDownloadOptions options)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid locale download options: " + string.Join(" ", problems), nameof(options));
        }

        _downloader = new CachedDownloader(options, "locale", "application/xml, text/xml;q=0.9, */*;q=0.5");
    }

    public override string Description => _downloader.Offline
        ? $"the locales cached in {_downloader.CacheDirectory} (offline: nothing is downloaded)"
        : $"{_downloader.BaseAddress}locales-xx-XX.xml (cached in {_downloader.CacheDirectory})";

    /// <inheritdoc/>
    /// <remarks>Blocks the calling thread while a locale downloads; <see cref="FindAsync"/> does not.</remarks>
    public override CslLocale? Find(string language)
    {
        var pending = FindAsync(language);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    public override async ValueTask<CslLocale?> FindAsync(string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(language);
        if (!LocaleTags.TryNormalize(language, out var tag))
        {
            return null;
        }

        if (_settled.TryGetValue(tag, out var settled))
        {
            return settled;
        }

        var file = $"locales-{tag}.xml";
        var cached = Path.Combine(_downloader.CacheDirectory, file);
        if (_downloader.ReadCache(cached, CslLocale.Parse) is { } hit)
        {
            return _settled.GetOrAdd(tag, hit);
        }

        if (_downloader.Offline)
        {
            throw new CslLocaleUnavailableException(
                tag,
                $"The locale {tag} is not in the cache ({cached}) and downloads are off (offline). {HowToProvide(tag)}",
                new SourceLocation(cached, null, 0, 0));
        }

        // One download per file at a time: a second caller waits, then finds the cache.
        var gate = CachedDownloader.GateFor(cached);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_settled.TryGetValue(tag, out settled))
            {
                return settled;
            }

            if (_downloader.ReadCache(cached, CslLocale.Parse) is { } late)
            {
                return _settled.GetOrAdd(tag, late);
            }

            var uri = new Uri(_downloader.BaseAddress, file);
            var body = await _downloader.FetchAsync(uri, (address, message, _, _, inner) => Unavailable(tag, address, message, inner), cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return _settled.GetOrAdd(tag, (CslLocale?)null);
            }

            var locale = Validate(tag, uri, body);
            _downloader.WriteCache(cached, body);
            return _settled.GetOrAdd(tag, locale);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Parses a downloaded locale and checks that it is the one asked for; anything else is refused, uncached.</summary>
    private static CslLocale Validate(string tag, Uri uri, byte[] body)
    {
        CslLocale locale;
        try
        {
            locale = CslLocale.Parse(CachedDownloader.Decode(body), uri.ToString());
        }
        catch (CslException e)
        {
            throw new CslLocaleUnavailableException(tag, $"The locale {tag} downloaded from {uri} is not a CSL locale: {e.Problem} It was not cached. {HowToProvide(tag)}", e.Location, e);
        }

        if (locale.Language is { } language && !string.Equals(language, tag, StringComparison.OrdinalIgnoreCase))
        {
            throw new CslLocaleUnavailableException(tag, $"The file downloaded from {uri} is the locale for {language}, not {tag}; it was not cached. {HowToProvide(tag)}", new SourceLocation(uri.ToString(), null, 0, 0));
        }

        return locale;
    }

    private static CslLocaleUnavailableException Unavailable(string tag, Uri uri, string message, Exception? inner)
        => new(tag, $"{message} {HowToProvide(tag)}", new SourceLocation(uri.ToString(), null, 0, 0), inner);

    private static string HowToProvide(string tag)
        => $"To render in {tag}, download it once while online, or use a folder of CSL locale files (such as a copy of the official locales repository) that has locales-{tag}.xml.";
}
