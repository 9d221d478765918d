using Citations.CslData;

namespace Citations.Model;

/// <summary>
/// A mutable builder for <see cref="Article"/>: add sources and claims in order, then call <see cref="Build"/>. The
/// builder can be reused; articles already built do not change.
/// </summary>
/// <example>
/// <code>
/// var article = new ArticleBuilder(metadata)
///     .AddSource(dataset, SourceClass.PrimaryData)
///     .AddClaim("deaths-2023", ClaimKind.Statistic, "More than 76,000 deaths in 2023.", claim => claim
///         .AnchoredAt(3, "more than 76,000 Americans")
///         .Cites("cdc-overdose", CitationRelation.CitesAsDataSource))
///     .Build();
/// </code>
/// </example>
/// <remarks>Not thread-safe. The builder checks arguments, not consistency: use <see cref="Validation.ArticleValidator"/> for that.</remarks>
public sealed class ArticleBuilder
{
    private readonly List<Claim> _claims = [];
    private readonly List<Source> _sources = [];

    /// <summary>Starts an article.</summary>
    /// <param name="metadata">The article's own bibliographic data.</param>
    public ArticleBuilder(CslItem metadata) => Metadata = Require.NotNull(metadata, nameof(metadata));

    /// <summary>The article's own bibliographic data.</summary>
    public CslItem Metadata { get; set => field = Require.NotNull(value, nameof(Metadata)); }

    /// <summary>Adds a source.</summary>
    public ArticleBuilder AddSource(Source source)
    {
        _sources.Add(Require.NotNull(source, nameof(source)));
        return this;
    }

    /// <summary>Adds a source made from a CSL item.</summary>
    /// <param name="item">The source's bibliographic data; its id is the source's id.</param>
    /// <param name="class">What class of source it is.</param>
    /// <param name="reliesOn">The ids of the sources it relies on itself.</param>
    public ArticleBuilder AddSource(CslItem item, SourceClass @class, params IEnumerable<string> reliesOn)
        => AddSource(new Source(item, @class) { ReliesOn = reliesOn.ToArray() });

    /// <summary>Adds a claim.</summary>
    public ArticleBuilder AddClaim(Claim claim)
    {
        _claims.Add(Require.NotNull(claim, nameof(claim)));
        return this;
    }

    /// <summary>Adds a claim described with a <see cref="ClaimBuilder"/>.</summary>
    /// <param name="id">The claim's id.</param>
    /// <param name="kind">What kind of statement it is.</param>
    /// <param name="text">What it says.</param>
    /// <param name="describe">Sets the anchor (required) and the evidence.</param>
    /// <exception cref="InvalidOperationException"><paramref name="describe"/> did not set an anchor.</exception>
    public ArticleBuilder AddClaim(string id, ClaimKind kind, string text, Action<ClaimBuilder> describe)
    {
        ArgumentNullException.ThrowIfNull(describe);
        var builder = new ClaimBuilder(id, kind, text);
        describe(builder);
        return AddClaim(builder.Build());
    }

    /// <summary>Builds an immutable article from what has been added.</summary>
    public Article Build() => new(Metadata) { Claims = _claims.ToArray(), Sources = _sources.ToArray() };
}

/// <summary>A mutable builder for <see cref="Claim"/>, used on its own or through <see cref="ArticleBuilder.AddClaim(string, ClaimKind, string, Action{ClaimBuilder})"/>.</summary>
/// <remarks>Not thread-safe.</remarks>
public sealed class ClaimBuilder
{
    private readonly List<EvidenceLink> _evidence = [];
    private readonly string _id;
    private readonly ClaimKind _kind;
    private readonly string _text;
    private TextAnchor? _anchor;
    private ClaimWording _wording;
    private string? _note;

    /// <summary>Starts a claim.</summary>
    /// <param name="id">The claim's id.</param>
    /// <param name="kind">What kind of statement it is.</param>
    /// <param name="text">What it says.</param>
    public ClaimBuilder(string id, ClaimKind kind, string text)
    {
        _id = Require.NotBlank(id, nameof(id));
        _kind = Require.Defined(kind, nameof(kind));
        _text = Require.NotBlank(text, nameof(text));
    }

    /// <summary>Marks the text as the article's exact words (the default is a paraphrase).</summary>
    public ClaimBuilder Quoted()
    {
        _wording = ClaimWording.Quote;
        return this;
    }

    /// <summary>Sets where the claim is: a paragraph and the words that mark it there.</summary>
    /// <param name="paragraph">The 1-based paragraph number.</param>
    /// <param name="exact">The exact words in the paragraph.</param>
    /// <param name="prefix">The words just before them, if needed to make the match unique.</param>
    /// <param name="suffix">The words just after them, if needed to make the match unique.</param>
    public ClaimBuilder AnchoredAt(int paragraph, string exact, string? prefix = null, string? suffix = null)
    {
        _anchor = new TextAnchor(paragraph, exact, prefix, suffix);
        return this;
    }

    /// <summary>Links the claim to a source the article cites.</summary>
    /// <param name="sourceId">The source's id.</param>
    /// <param name="relation">How the claim uses it.</param>
    /// <param name="locator">Where in the source, if known.</param>
    /// <param name="quote">The source's words, if known.</param>
    public ClaimBuilder Cites(string sourceId, CitationRelation relation, Locator? locator = null, string? quote = null)
        => AddEvidence(new EvidenceLink(sourceId, relation) { Locator = locator, Quote = quote });

    /// <summary>Links the claim to a source that a reviewer identified; the article itself does not cite it.</summary>
    /// <param name="sourceId">The source's id.</param>
    /// <param name="relation">How the claim uses it.</param>
    /// <param name="locator">Where in the source, if known.</param>
    public ClaimBuilder BackedByReviewer(string sourceId, CitationRelation relation, Locator? locator = null)
        => AddEvidence(new EvidenceLink(sourceId, relation) { Locator = locator, Origin = EvidenceOrigin.Reviewer });

    /// <summary>Adds an evidence link.</summary>
    public ClaimBuilder AddEvidence(EvidenceLink link)
    {
        _evidence.Add(Require.NotNull(link, nameof(link)));
        return this;
    }

    /// <summary>Sets a remark about the claim.</summary>
    public ClaimBuilder WithNote(string? note)
    {
        _note = note;
        return this;
    }

    /// <summary>Builds an immutable claim.</summary>
    /// <exception cref="InvalidOperationException">No anchor was set.</exception>
    public Claim Build()
    {
        var anchor = _anchor ?? throw new InvalidOperationException($"Claim '{_id}' has no anchor: call {nameof(AnchoredAt)} first.");
        return new Claim(_id, _kind, _text, anchor) { Wording = _wording, Evidence = _evidence.ToArray(), Note = _note };
    }
}
