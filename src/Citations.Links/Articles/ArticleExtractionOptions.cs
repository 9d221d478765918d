namespace Citations.Links.Articles;

/// <summary>The options of <see cref="ArticleExtractor"/>: how cited pages are fetched.</summary>
/// <remarks>A plain options class: set it up, then hand it to the extractor, which copies and validates it.</remarks>
public sealed class ArticleExtractionOptions
{
    /// <summary>The User-Agent sent with every request.</summary>
    public const string DefaultUserAgent = "Citations.Links/1.0 (source map extraction; reads cited pages' own metadata)";

    /// <summary>Whether to fetch the cited pages at all. Without fetching, each source gets a minimal item.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool FetchCitedPages { get; set; } = true;

    /// <summary>Whether loopback, private and link-local addresses may be fetched (refused after DNS by default).</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Whether a cited DOI (<c>https://doi.org/10…</c>) is looked up as CSL-JSON instead of fetched as a page.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool ResolveDois { get; set; } = true;

    /// <summary>The most bytes read of one page, after decompression.</summary>
    /// <value>Defaults to 4 MiB. At least 1 KiB.</value>
    public int MaxPageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The most redirects followed for one page.</summary>
    /// <value>Defaults to 10. Zero or more, at most 50.</value>
    public int MaxRedirects { get; set; } = 10;

    /// <summary>How long one request may take.</summary>
    /// <value>Defaults to 20 seconds. Positive.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often a transient failure is retried.</summary>
    /// <value>Defaults to 2. Zero or more, at most 10.</value>
    public int MaxRetries { get; set; } = 2;

    /// <summary>How many cited pages are fetched at once in all.</summary>
    /// <value>Defaults to 8. At least 1, at most 64.</value>
    public int Concurrency { get; set; } = 8;

    /// <summary>How many requests one host gets at once (the checker's per-host limit).</summary>
    /// <value>Defaults to 2. At least 1, at most 64.</value>
    public int PerHostConcurrency { get; set; } = 2;

    /// <summary>The shortest time between two requests to one host.</summary>
    /// <value>Defaults to 250 milliseconds. Zero or more.</value>
    public TimeSpan PerHostMinimumInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The User-Agent header.</summary>
    /// <value>Defaults to <see cref="DefaultUserAgent"/>.</value>
    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>How many characters of context a claim's selector keeps before and after the sentence.</summary>
    /// <value>Defaults to 32. Zero (no prefix or suffix) to 200.</value>
    public int ContextLength { get; set; } = 32;

    internal ArticleExtractionOptions Clone() => (ArticleExtractionOptions)MemberwiseClone();

    /// <summary>Checks every option; all problems are reported together.</summary>
    /// <exception cref="LinkOptionsException">An option is out of range.</exception>
    internal void Validate()
    {
        var errors = new List<string>();
        Check(errors, MaxPageBytes >= 1024, $"{nameof(MaxPageBytes)} must be at least 1024.");
        Check(errors, MaxRedirects is >= 0 and <= 50, $"{nameof(MaxRedirects)} must be from 0 to 50.");
        Check(errors, AttemptTimeout > TimeSpan.Zero, $"{nameof(AttemptTimeout)} must be positive.");
        Check(errors, MaxRetries is >= 0 and <= 10, $"{nameof(MaxRetries)} must be from 0 to 10.");
        Check(errors, Concurrency is >= 1 and <= 64, $"{nameof(Concurrency)} must be from 1 to 64.");
        Check(errors, PerHostConcurrency is >= 1 and <= 64, $"{nameof(PerHostConcurrency)} must be from 1 to 64.");
        Check(errors, PerHostMinimumInterval >= TimeSpan.Zero, $"{nameof(PerHostMinimumInterval)} must not be negative.");
        Check(errors, !string.IsNullOrWhiteSpace(UserAgent), $"{nameof(UserAgent)} must not be blank.");
        Check(errors, ContextLength is >= 0 and <= 200, $"{nameof(ContextLength)} must be from 0 to 200.");
        if (errors.Count > 0)
        {
            throw new LinkOptionsException(nameof(ArticleExtractionOptions), errors);
        }
    }

    private static void Check(List<string> errors, bool ok, string message)
    {
        if (!ok)
        {
            errors.Add(message);
        }
    }
}
