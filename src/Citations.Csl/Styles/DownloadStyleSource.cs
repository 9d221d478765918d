using Citations.Csl.Downloads;

namespace Citations.Csl.Styles;

/// <summary>
/// Downloads styles by name from a server laid out like the official CSL distribution into a cache directory, on first
/// use (see <see cref="CachedDownloader"/> for the pipeline, the size cap and the cache). Offline, only the cache is read.
/// </summary>
internal sealed class DownloadStyleSource : ICslStyleSource
{
    private readonly CachedDownloader _downloader;

    public DownloadStyleSource(CslStyleDownloadOptions options)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid style download options: " + string.Join(" ", problems), nameof(options));
        }

        _downloader = new CachedDownloader(options, "style", "application/vnd.citationstyles.style+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
    }

    /// <summary>The cache directory's full path.</summary>
    public string CacheDirectory => _downloader.CacheDirectory;

    public string Description => _downloader.Offline
        ? $"the styles cached in {_downloader.CacheDirectory} (offline: nothing is downloaded)"
        : $"{_downloader.BaseAddress} (NAME.csl, then dependent/NAME.csl; cached in {_downloader.CacheDirectory})";

    public async ValueTask<CslStyle?> FindAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!StyleNames.TryGetName(reference, out var name))
        {
            return null;
        }

        var cached = Path.Combine(_downloader.CacheDirectory, name + ".csl");
        if (_downloader.ReadCache(cached, CslStyle.Parse) is { } hit)
        {
            return hit;
        }

        if (_downloader.Offline)
        {
            return null;
        }

        var gate = CachedDownloader.GateFor(cached);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_downloader.ReadCache(cached, CslStyle.Parse) is { } late)
            {
                return late;
            }

            foreach (var relative in new[] { name + ".csl", "dependent/" + name + ".csl" })
            {
                var uri = new Uri(_downloader.BaseAddress, relative);
                if (await _downloader.FetchAsync(uri, Failure, cancellationToken).ConfigureAwait(false) is not { } body)
                {
                    continue;
                }

                var style = CslStyle.Parse(CachedDownloader.Decode(body), uri.ToString());
                _downloader.WriteCache(cached, body);
                return style;
            }

            return null;
        }
        finally
        {
            gate.Release();
        }
    }

    private static Exception Failure(Uri uri, string message, System.Net.HttpStatusCode? statusCode, int attempts, Exception? innerException)
        => new CslStyleDownloadException(uri, message, statusCode, attempts, innerException);
}
