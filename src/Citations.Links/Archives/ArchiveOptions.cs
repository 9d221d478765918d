
namespace Citations.Links.Archives;

/// <summary>
/// Where and how to look for archived copies. Endpoints are plain URLs so that tests and private archives can stand
/// in for the public ones.
/// </summary>
/// <remarks>Mutable until handed to an <see cref="ArchiveFinder"/>, which takes a copy.</remarks>
public sealed class ArchiveOptions
{
    /// <summary>The Wayback Machine's public address.</summary>
    public static readonly Uri DefaultWaybackEndpoint = new("https://web.archive.org/");

    /// <summary>The Memento aggregator's TimeMap prefix (RFC 7089, link format), which covers many archives at once.</summary>
    public static readonly Uri DefaultMementoTimeMap = new("https://timetravel.mementoweb.org/timemap/link/");

    /// <summary>
    /// The Wayback Machine's base address: the finder asks its CDX API (<c>cdx/search/cdx</c>) and its
    /// <c>web/&lt;timestamp&gt;/&lt;url&gt;</c> redirect. <see langword="null"/> leaves the Wayback Machine out.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultWaybackEndpoint"/>.</value>
    public Uri? WaybackEndpoint { get; set; } = DefaultWaybackEndpoint;

    /// <summary>Whether to ask the Wayback CDX API, which lists captures, before its closest-capture redirect.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool UseWaybackCdx { get; set; } = true;

    /// <summary>Memento TimeGate prefixes: the original URL is appended and the request carries <c>Accept-Datetime</c>.</summary>
    /// <value>Defaults to none.</value>
    public IList<Uri> MementoTimeGates { get; set; } = [];

    /// <summary>Memento TimeMap prefixes (link format): the original URL is appended.</summary>
    /// <value>Defaults to <see cref="DefaultMementoTimeMap"/>.</value>
    public IList<Uri> MementoTimeMaps { get; set; } = [DefaultMementoTimeMap];

    /// <summary>How long one request to an archive may take.</summary>
    /// <value>Defaults to 30 seconds. 10 milliseconds to 1 day.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The least time between two requests to the same archive host (archives throttle heavy users).</summary>
    /// <value>Defaults to 1 second. Zero to 1 day.</value>
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many requests one archive host gets at the same time.</summary>
    /// <value>Defaults to 2. At least 1.</value>
    public int Concurrency { get; set; } = 2;

    /// <summary>How many times a transient archive failure (429, 5xx, timeout) is retried, honouring <c>Retry-After</c>.</summary>
    /// <value>Defaults to 2. Zero or more, at most 10.</value>
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// How much closer a copy made after the reference date must be to win over one made before it: a copy shows what
    /// the author saw only if it predates their visit.
    /// </summary>
    /// <value>Defaults to 30 days. Zero or more.</value>
    public TimeSpan PreferBeforeMargin { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Whether the chosen copy is fetched to check it loads (the next candidate is tried when it does not).</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool Verify { get; set; } = true;

    /// <summary>How many candidates are tried before giving up.</summary>
    /// <value>Defaults to 3. At least 1, at most 20.</value>
    public int MaxCandidates { get; set; } = 3;

    /// <summary>Makes an independent copy.</summary>
    public ArchiveOptions Clone()
    {
        var copy = (ArchiveOptions)MemberwiseClone();
        copy.MementoTimeGates = [.. MementoTimeGates];
        copy.MementoTimeMaps = [.. MementoTimeMaps];
        return copy;
    }

    /// <summary>Checks every rule and throws one exception listing every broken one.</summary>
    /// <exception cref="LinkOptionsException">Some option is out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        LinkCheckerOptions.Range(errors, nameof(Timeout), Timeout, LinkCheckerOptions.MinimumTimeout, LinkCheckerOptions.MaximumDuration);
        LinkCheckerOptions.Range(errors, nameof(MinimumInterval), MinimumInterval, TimeSpan.Zero, LinkCheckerOptions.MaximumDuration);
        LinkCheckerOptions.NotNegative(errors, nameof(PreferBeforeMargin), PreferBeforeMargin);
        LinkCheckerOptions.Range(errors, nameof(Concurrency), Concurrency, 1, 100);
        LinkCheckerOptions.Range(errors, nameof(MaxRetries), MaxRetries, 0, 10);
        LinkCheckerOptions.Range(errors, nameof(MaxCandidates), MaxCandidates, 1, 20);
        CheckEndpoint(errors, nameof(WaybackEndpoint), WaybackEndpoint);
        foreach (var gate in MementoTimeGates ?? [])
        {
            CheckEndpoint(errors, nameof(MementoTimeGates), gate);
        }

        foreach (var map in MementoTimeMaps ?? [])
        {
            CheckEndpoint(errors, nameof(MementoTimeMaps), map);
        }

        if (MementoTimeGates is null || MementoTimeMaps is null)
        {
            errors.Add("MementoTimeGates and MementoTimeMaps must not be null (use an empty list).");
        }

        if (errors.Count > 0)
        {
            throw new LinkOptionsException(nameof(ArchiveOptions), errors);
        }
    }

    private static void CheckEndpoint(List<string> errors, string name, Uri? endpoint)
    {
        if (endpoint is not null && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            errors.Add($"{name} must be absolute http(s) URLs, not '{endpoint}'.");
        }
    }
}
