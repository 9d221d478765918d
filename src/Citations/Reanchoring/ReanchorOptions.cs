namespace Citations.Reanchoring;

/// <summary>The bounds of <see cref="AnchorRelocation.Relocate"/>: how far a passage may have changed and still be found.</summary>
/// <remarks>Immutable and thread-safe; each value is checked when it is set.</remarks>
public sealed record ReanchorOptions
{
    /// <summary>The options used when none are given.</summary>
    public static ReanchorOptions Default { get; } = new();

    /// <summary>
    /// The most edits (characters inserted, deleted or replaced) a passage found by the fuzzy search may differ from the
    /// old quote by, as a share of the old quote's length.
    /// </summary>
    /// <value>Defaults to 0.2 (20 %). From 0 to 0.5.</value>
    public double MaxFuzzyDistance
    {
        get;
        init => field = value is >= 0 and <= 0.5 ? value : throw new ArgumentOutOfRangeException(nameof(MaxFuzzyDistance), value, "From 0 to 0.5.");
    } = 0.2;

    /// <summary>
    /// The most edits a passage found between the old prefix and suffix (an edited quote whose neighbours are still
    /// there) may differ from the old quote by, as a share of the longer of the two. Looser than
    /// <see cref="MaxFuzzyDistance"/>: the unchanged words around it vouch for the place.
    /// </summary>
    /// <value>Defaults to 0.5 (50 %). From 0 to 1.</value>
    public double MaxContextDistance
    {
        get;
        init => field = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxContextDistance), value, "From 0 to 1.");
    } = 0.5;

    /// <summary>How many characters of context the new selectors keep before and after the quote (cut at a word boundary).</summary>
    /// <value>Defaults to 32. From 0 (no prefix or suffix) to 200.</value>
    public int ContextLength
    {
        get;
        init => field = value is >= 0 and <= 200 ? value : throw new ArgumentOutOfRangeException(nameof(ContextLength), value, "From 0 to 200.");
    } = 32;

    /// <summary>The shortest quote (in characters, after normalisation) the fuzzy and context searches look for; shorter quotes are found exactly or not at all.</summary>
    public const int MinApproximateQuoteLength = 16;

    /// <summary>The longest quote (in characters, after normalisation) the fuzzy and context searches look for.</summary>
    public const int MaxApproximateQuoteLength = 2000;

    /// <summary>
    /// The most steps (cells of the edit-distance programme) the fuzzy search spends on one article, all claims together;
    /// claims left when it is spent are reported not found, with that reason.
    /// </summary>
    public const long MaxFuzzySteps = 2_000_000_000;

    /// <summary>The longest text (in characters, all paragraphs together, after normalisation) the fuzzy search runs over; exact and context matching have no such limit.</summary>
    public const int MaxFuzzyTextLength = 2_000_000;
}
