using Citations.CslData;

namespace Citations.Model;

/// <summary>
/// An article modelled for source tracking: its own bibliographic data, the claims it makes (in order) and the sources
/// behind them. Read and write it with <see cref="Serialization.ArticleJson"/>, check it with
/// <see cref="Validation.ArticleValidator"/>, and report on it with <see cref="Reports.CoverageReport"/>.
/// </summary>
/// <remarks>
/// Immutable and thread-safe; equality compares every member, in order. An article may hold mistakes (duplicate ids, a
/// claim citing a source that is missing, sources relying on each other in a cycle): the model keeps what it is given,
/// the validator reports the mistakes, and the lookups below stay safe (the first of two equal ids wins, missing
/// sources are skipped, cycles are walked once).
/// </remarks>
public sealed record Article
{
    private SourceGraph? _graph;

    /// <summary>Creates an article with no claims and no sources.</summary>
    /// <param name="metadata">The article's own bibliographic data.</param>
    public Article(CslItem metadata) => Metadata = metadata;

    private Article(Article original)
    {
        // Records copy every field on 'with'; the lookup cache must not follow the copy.
        Metadata = original.Metadata;
        Claims = original.Claims;
        Sources = original.Sources;
    }

    /// <summary>The article's own bibliographic data (title, author, date, venue) as a CSL item.</summary>
    public CslItem Metadata { get; init => field = Require.NotNull(value, nameof(Metadata)); }

    /// <summary>The claims, in the order the article makes them.</summary>
    public IReadOnlyList<Claim> Claims
    {
        get;
        init => field = EquatableList<Claim>.From(Require.NotNull(value, nameof(Claims)), nameof(Claims));
    } = EquatableList<Claim>.Empty;

    /// <summary>The sources, in the order given.</summary>
    public IReadOnlyList<Source> Sources
    {
        get;
        init => field = EquatableList<Source>.From(Require.NotNull(value, nameof(Sources)), nameof(Sources));
    } = EquatableList<Source>.Empty;

    private SourceGraph Graph => _graph ??= new SourceGraph(Sources);

    /// <summary>Finds a source by id; the first one when two share the id.</summary>
    /// <returns>The source, or <see langword="null"/> when there is none with that id.</returns>
    public Source? FindSource(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Graph.Find(id);
    }

    /// <summary>Finds a claim by id; the first one when two share the id.</summary>
    /// <returns>The claim, or <see langword="null"/> when there is none with that id.</returns>
    public Claim? FindClaim(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        foreach (var claim in Claims)
        {
            if (claim.Id == id)
            {
                return claim;
            }
        }

        return null;
    }

    /// <summary>
    /// Every source a source relies on, directly or through other sources, nearest first. Each source is listed once
    /// (cycles end the walk), the source itself is not listed, and ids with no source are skipped.
    /// </summary>
    /// <param name="sourceId">The id of the source to start from.</param>
    public IReadOnlyList<Source> GetDependencies(string sourceId)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        return Graph.Dependencies(sourceId);
    }

    /// <summary>
    /// Finds the shortest chain from a source, through the sources it relies on, to a source that matches a condition —
    /// for example from a think-tank brief back to the dataset it draws on.
    /// </summary>
    /// <param name="sourceId">The id of the source to start from.</param>
    /// <param name="match">The condition, such as <c>s =&gt; s.Class == SourceClass.PrimaryData</c>.</param>
    /// <returns>
    /// The chain from the starting source (first) to the matching one (last) — one element when the starting source
    /// matches — or <see langword="null"/> when no source in reach matches.
    /// </returns>
    public IReadOnlyList<Source>? FindChain(string sourceId, Func<Source, bool> match)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(match);
        return Graph.ShortestChain(sourceId, match);
    }

    /// <inheritdoc/>
    public bool Equals(Article? other)
        => other is not null && (ReferenceEquals(this, other)
            || (Metadata.Equals(other.Metadata) && Claims.Equals(other.Claims) && Sources.Equals(other.Sources)));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Metadata, Claims, Sources);

    /// <summary>Returns the title and the number of claims and sources, for debugging.</summary>
    public override string ToString()
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Metadata.Title ?? Metadata.Id.Text}: {Claims.Count} claims, {Sources.Count} sources");
}
