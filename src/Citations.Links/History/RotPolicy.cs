namespace Citations.Links.History;

/// <summary>
/// When repeated failures make a link "rot" rather than a flaky moment: enough failures, spread over time, with no
/// success in between (in the spirit of the Internet Archive's link bot, which waits for several failures days apart
/// before calling a link dead).
/// </summary>
/// <remarks>
/// The history keeps, per URL, the failures since it was last alive: a failure counts when it comes at least
/// <see cref="MinimumSpacing"/> after the last one that counted; a check that finds the page again starts over;
/// blocked, inconclusive and not-allowed checks change nothing. A URL has rotted once <see cref="Failures"/> failures
/// counted. Immutable and thread-safe.
/// </remarks>
public sealed record RotPolicy
{
    /// <summary>The default: three failures, each at least three days after the previous counted one.</summary>
    public static RotPolicy Default { get; } = new();

    /// <summary>How many spaced failures make rot.</summary>
    /// <value>Defaults to 3. At least 1.</value>
    public int Failures { get; init; } = 3;

    /// <summary>
    /// The least time between two failures for both to count: failures closer together (the same run, a retry an hour
    /// later) count once.
    /// </summary>
    /// <value>Defaults to 3 days. Zero or more.</value>
    public TimeSpan MinimumSpacing { get; init; } = TimeSpan.FromDays(3);

    /// <summary>Checks every rule and throws one exception listing every broken one.</summary>
    /// <exception cref="LinkOptionsException">Some value is out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        LinkCheckerOptions.Range(errors, nameof(Failures), Failures, 1, 1000);
        LinkCheckerOptions.NotNegative(errors, nameof(MinimumSpacing), MinimumSpacing);
        if (errors.Count > 0)
        {
            throw new LinkOptionsException(nameof(RotPolicy), errors);
        }
    }
}
