using System.Globalization;

namespace Citations.Links.Lookup;

/// <summary>
/// How a <see cref="DoiResolver"/> looks DOIs up: the resolver's address, the cache, whether the network may be used,
/// the private-address guard, and how hard to try. Every property has a documented default; the resolver validates the
/// options once, when it is created, and reports every error together.
/// </summary>
/// <remarks>Mutable until handed to a resolver, which takes a copy.</remarks>
public sealed class DoiLookupOptions
{
    /// <summary>The public DOI resolver: it answers content negotiation itself or redirects to the registration agency's.</summary>
    public const string DefaultResolverAddress = "https://doi.org/";

    /// <summary>The default <see cref="UserAgent"/>.</summary>
    public const string DefaultUserAgent = "Citations.Links/1.0 (DOI lookup by content negotiation for bibliographies)";

    /// <summary>The resolver's base address: a DOI is requested at this address followed by the DOI.</summary>
    /// <value>Defaults to <see cref="DefaultResolverAddress"/>. An absolute http or https address.</value>
    public Uri ResolverAddress { get; set; } = new(DefaultResolverAddress);

    /// <summary>
    /// Where answers are kept, one file per DOI (see the package README): a DOI found there is not requested again.
    /// <see langword="null"/> keeps no cache.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultCacheDirectory"/>.</value>
    public string? CacheDirectory { get; set; } = DefaultCacheDirectory();

    /// <summary>Never use the network: DOIs in the cache are found, any other is an error naming it.</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool Offline { get; set; }

    /// <summary>
    /// Whether the resolver (and the servers it redirects to) may be on loopback, private, link-local or metadata
    /// addresses. Off by default, as for the link checker; checked on the address connected to, after DNS.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>The largest answer accepted, counted after decompression; a larger one is an error, not cut and read.</summary>
    /// <value>Defaults to 1 MiB (the CSL-JSON of one DOI is a few kilobytes). At least 1 KiB.</value>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>How many redirects are followed (the resolver redirects to the registration agency's service).</summary>
    /// <value>Defaults to 10. Zero or more, at most 50.</value>
    public int MaxRedirects { get; set; } = 10;

    /// <summary>How long one request may take, body included.</summary>
    /// <value>Defaults to 20 seconds. Positive.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long the lookup of one DOI may take in all: retries, waits and redirects.</summary>
    /// <value>Defaults to 1 minute. At least <see cref="AttemptTimeout"/>.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many times a transient failure (5xx, 408, 429, timeout, reset) is retried.</summary>
    /// <value>Defaults to 2. Zero or more, at most 10.</value>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first retry delay; later ones double, with jitter.</summary>
    /// <value>Defaults to 1 second. Positive.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many DOIs are looked up at the same time.</summary>
    /// <value>Defaults to 4. At least 1, at most 64.</value>
    public int Concurrency { get; set; } = 4;

    /// <summary>The <c>User-Agent</c> header.</summary>
    /// <value>Defaults to <see cref="DefaultUserAgent"/>.</value>
    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>The default cache directory: <c>citations/dois</c> in the user's local application data folder (the
    /// temporary folder when there is none), beside the <c>citations/styles</c> cache of downloaded styles.</summary>
    public static string DefaultCacheDirectory()
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(string.IsNullOrEmpty(root) ? Path.GetTempPath() : root, "citations", "dois");
    }

    /// <summary>Makes an independent copy.</summary>
    public DoiLookupOptions Clone() => (DoiLookupOptions)MemberwiseClone();

    /// <summary>Checks every rule and throws one exception listing every broken one.</summary>
    /// <exception cref="LinkOptionsException">Some option is out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (ResolverAddress is null || !ResolverAddress.IsAbsoluteUri || ResolverAddress.Scheme is not ("http" or "https"))
        {
            errors.Add($"{nameof(ResolverAddress)} must be an absolute http or https address.");
        }

        if (CacheDirectory is not null && string.IsNullOrWhiteSpace(CacheDirectory))
        {
            errors.Add($"{nameof(CacheDirectory)} must be a folder, or null for no cache.");
        }

        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            errors.Add($"{nameof(UserAgent)} must not be empty.");
        }

        LinkCheckerOptions.Range(errors, nameof(MaxResponseBytes), MaxResponseBytes, 1024, 256 * 1024 * 1024);
        LinkCheckerOptions.Range(errors, nameof(MaxRedirects), MaxRedirects, 0, 50);
        LinkCheckerOptions.Range(errors, nameof(MaxRetries), MaxRetries, 0, 10);
        LinkCheckerOptions.Range(errors, nameof(Concurrency), Concurrency, 1, 64);
        LinkCheckerOptions.Positive(errors, nameof(AttemptTimeout), AttemptTimeout);
        LinkCheckerOptions.Positive(errors, nameof(TotalTimeout), TotalTimeout);
        LinkCheckerOptions.Positive(errors, nameof(RetryBaseDelay), RetryBaseDelay);
        if (TotalTimeout < AttemptTimeout)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{nameof(TotalTimeout)} ({TotalTimeout}) must be at least {nameof(AttemptTimeout)} ({AttemptTimeout})."));
        }

        if (errors.Count > 0)
        {
            throw new LinkOptionsException(nameof(DoiLookupOptions), errors);
        }
    }
}
