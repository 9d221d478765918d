namespace Citations.Model;

/// <summary>What kind of statement a claim is. Reports count each kind separately.</summary>
public enum ClaimKind
{
    /// <summary>A figure, count, rate or trend: it needs data behind it.</summary>
    Statistic,

    /// <summary>A statement of fact that is not a figure.</summary>
    Factual,

    /// <summary>A statement attributed to someone, usually a quotation: what matters is who said it.</summary>
    Attribution,

    /// <summary>The author's opinion or argument; no source is expected.</summary>
    Opinion,
}

/// <summary>Whether a claim's <see cref="Claim.Text"/> is the article's own words or a summary of them.</summary>
public enum ClaimWording
{
    /// <summary>The text is a summary written by whoever modelled the article.</summary>
    Paraphrase,

    /// <summary>
    /// The text is the article's words, quoted exactly (an ellipsis may mark left-out words, and <c>[sic]</c> may follow
    /// an error kept as written).
    /// </summary>
    Quote,
}

/// <summary>
/// One claim an article makes: what it says, what kind of statement it is, where it is in the article, and the sources
/// linked to it.
/// </summary>
/// <remarks>Immutable and thread-safe; equality compares every member, including the evidence, in order.</remarks>
public sealed record Claim
{
    /// <summary>Creates a claim with no evidence.</summary>
    /// <param name="id">An id unique within the article, such as <c>overdose-deaths-2023</c>.</param>
    /// <param name="kind">What kind of statement it is.</param>
    /// <param name="text">What the claim says (see <see cref="Wording"/>).</param>
    /// <param name="anchor">Where the claim is in the article.</param>
    public Claim(string id, ClaimKind kind, string text, TextAnchor anchor)
    {
        Id = id;
        Kind = kind;
        Text = text;
        Anchor = anchor;
    }

    /// <summary>The claim's id, unique within its article.</summary>
    public string Id { get; init => field = Require.NotBlank(value, nameof(Id)); }

    /// <summary>What kind of statement the claim is.</summary>
    public ClaimKind Kind { get; init => field = Require.Defined(value, nameof(Kind)); }

    /// <summary>What the claim says: a quotation of the article or a paraphrase, as <see cref="Wording"/> tells.</summary>
    public string Text { get; init => field = Require.NotBlank(value, nameof(Text)); }

    /// <summary>Whether <see cref="Text"/> quotes the article or paraphrases it.</summary>
    /// <value>Defaults to <see cref="ClaimWording.Paraphrase"/>.</value>
    public ClaimWording Wording { get; init => field = Require.Defined(value, nameof(Wording)); }

    /// <summary>Where the claim is in the article.</summary>
    public TextAnchor Anchor { get; init => field = Require.NotNull(value, nameof(Anchor)); }

    /// <summary>The sources linked to the claim, in the order given; empty when the claim has none.</summary>
    public IReadOnlyList<EvidenceLink> Evidence
    {
        get;
        init => field = EquatableList<EvidenceLink>.From(Require.NotNull(value, nameof(Evidence)), nameof(Evidence));
    } = EquatableList<EvidenceLink>.Empty;

    /// <summary>A remark by whoever modelled the article (why a source was chosen, what is missing), or <see langword="null"/>.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// Whether a person has reviewed the claim. A claim suggested by a tool (<c>citations extract</c>) is not: its kind,
    /// its anchor and its evidence are guesses until someone confirms them.
    /// </summary>
    /// <value>Defaults to <see langword="true"/>: a claim written by hand is reviewed by whoever wrote it.</value>
    public bool Reviewed { get; init; } = true;

    /// <summary>Returns <c>id (kind): text</c>, for debugging.</summary>
    public override string ToString() => $"{Id} ({Kind}): {Text}";
}
