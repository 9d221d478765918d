namespace Citations.Links;

/// <summary>
/// A cited source that gives a checker nothing to follow: no URL and no DOI (a think-tank brief the article only
/// describes, an anonymous expert, a printed book). Reports list it as "not checkable", so that a source is never left
/// out of a check without a word.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="SourceId">The id of the source (or CSL item).</param>
/// <param name="Reason">Why it cannot be checked, as a phrase for reports (such as <c>no URL or DOI</c>).</param>
public sealed record NotCheckableSource(string SourceId, string Reason)
{
    /// <summary>The reason given for a source that has neither a URL nor a DOI.</summary>
    public const string NoLinkReason = "no URL or DOI";

    /// <summary>The source's title, for reports; <see langword="null"/> when it has none.</summary>
    public string? Title { get; init; }

    /// <summary>Where the source was read from (file and source id), for reports; <see langword="null"/> when unknown.</summary>
    public string? Origin { get; init; }
}

/// <summary>
/// What a check has to work on: the links to check and the cited sources that have no link (reported as not
/// checkable). Made by <see cref="Extraction.ArticleLinkTargets"/> from an article and by
/// <see cref="Extraction.LinkTargetReader"/> from files.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record LinkTargetSet
{
    /// <summary>A set with no targets and no sources.</summary>
    public static LinkTargetSet Empty { get; } = new();

    /// <summary>The links to check, in the order they were cited.</summary>
    public IReadOnlyList<LinkTarget> Targets { get; init => field = [.. value ?? throw new ArgumentNullException(nameof(Targets))]; } = [];

    /// <summary>The cited sources with no link to check, in the order they were cited.</summary>
    public IReadOnlyList<NotCheckableSource> NotCheckable { get; init => field = [.. value ?? throw new ArgumentNullException(nameof(NotCheckable))]; } = [];

    /// <summary>This set followed by another (several input files checked in one run).</summary>
    /// <param name="other">The set to append.</param>
    public LinkTargetSet Concat(LinkTargetSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new LinkTargetSet { Targets = [.. Targets, .. other.Targets], NotCheckable = [.. NotCheckable, .. other.NotCheckable] };
    }
}
