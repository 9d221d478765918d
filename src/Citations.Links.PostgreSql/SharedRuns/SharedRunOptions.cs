namespace Citations.Links.PostgreSql.SharedRuns;

/// <summary>How a worker takes part in a shared run: its lease on a host, how often it looks for work, how long it waits.</summary>
/// <remarks>Not thread-safe while being set; <see cref="SharedLinkRun"/> validates the options once, when it is created.</remarks>
public sealed class SharedRunOptions
{
    /// <summary>The most URLs one run holds.</summary>
    public const int MaximumUrls = 10_000_000;

    /// <summary>
    /// How long a worker's claim on a host lasts without renewal, measured by the database's clock.
    /// The worker renews it every quarter of this while it works and stops working on the host by its own clock
    /// three quarters of the way through, so that its requests end before another worker can take the host.
    /// </summary>
    /// <value>30 seconds; 1 second to 1 hour. A crashed worker's hosts are taken over after this long.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a worker with room for more hosts looks for one (and how often an idle worker asks whether the run is over).</summary>
    /// <value>1 second; 10 milliseconds to 1 minute.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a worker with nothing to claim waits while no URL of the run gets its result (every remaining host is
    /// leased by workers that record nothing) before it gives up with a <see cref="SharedRunException"/>.
    /// </summary>
    /// <value>30 minutes; 1 second to 1 day.</value>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many of a host's URLs a worker takes at once; it takes the next ones while it still holds the host.</summary>
    /// <value>500; 1 to 100,000.</value>
    public int UrlsPerTake { get; set; } = 500;

    /// <summary>The worker's name in the run's tables (who holds a host, who checked a URL).</summary>
    /// <value><see langword="null"/>: the machine's name, the process id and a random suffix, unique per <see cref="SharedLinkRun"/>.</value>
    public string? WorkerName { get; set; }

    /// <summary>Checks every option, reporting all problems together.</summary>
    /// <exception cref="LinkOptionsException">An option is out of its range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        Range(errors, nameof(LeaseDuration), LeaseDuration, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Range(errors, nameof(PollInterval), PollInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1));
        Range(errors, nameof(StallTimeout), StallTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        if (UrlsPerTake is < 1 or > 100_000)
        {
            errors.Add($"{nameof(UrlsPerTake)} must be between 1 and 100000 (was {UrlsPerTake}).");
        }

        if (WorkerName is { } name && (name.Length is 0 or > 200 || name.Any(char.IsControl)))
        {
            errors.Add($"{nameof(WorkerName)} must be 1 to 200 characters without control characters.");
        }

        if (errors.Count > 0)
        {
            throw new LinkOptionsException(nameof(SharedRunOptions), errors);
        }
    }

    private static void Range(List<string> errors, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} must be between {min} and {max} (was {value}).");
        }
    }
}
