using Citations.CslData;

namespace Citations.Model;

/// <summary>What kind of source something is, as far as backing a claim goes.</summary>
public enum SourceClass
{
    /// <summary>The origin of the data itself: a statistical agency's dataset, a registry, a survey's results.</summary>
    PrimaryData,

    /// <summary>A statement by an official body (a ministry, an agency's press release, a court) that is not data.</summary>
    OfficialStatement,

    /// <summary>Peer-reviewed or scholarly work.</summary>
    Academic,

    /// <summary>Journalism: a news report or news agency.</summary>
    News,

    /// <summary>An advocacy group, think tank, lobby or campaign: it argues a position.</summary>
    AdvocacyOrThinkTank,

    /// <summary>A person or body the article does not name ("one expert said").</summary>
    Anonymous,

    /// <summary>Not classified.</summary>
    Unknown,
}

/// <summary>
/// A source an article relies on: its bibliographic data (a CSL item), what class of source it is, and the sources it
/// relies on itself, so that a chain from a secondary source back to primary data can be followed.
/// </summary>
/// <remarks>Immutable and thread-safe; equality compares every member.</remarks>
public sealed record Source
{
    /// <summary>Creates a source.</summary>
    /// <param name="item">Its bibliographic data; the item's id is the source's id.</param>
    /// <param name="class">What class of source it is.</param>
    public Source(CslItem item, SourceClass @class)
    {
        Item = item;
        Class = @class;
    }

    /// <summary>The source's id: the id of its CSL item.</summary>
    public string Id => Item.Id.Text;

    /// <summary>The source's bibliographic data, as CSL-JSON.</summary>
    public CslItem Item
    {
        get;
        init
        {
            Require.NotNull(value, nameof(Item));
            Require.NotBlank(value.Id.Text, nameof(Item));
            field = value;
        }
    }

    /// <summary>What class of source it is.</summary>
    public SourceClass Class { get; init => field = Require.Defined(value, nameof(Class)); }

    /// <summary>
    /// The ids of the sources this source itself relies on (a think-tank brief relying on a government dataset), in the
    /// order given; empty when none are known.
    /// </summary>
    public IReadOnlyList<string> ReliesOn
    {
        get;
        init => field = EquatableList<string>.From(Require.NotNull(value, nameof(ReliesOn)), nameof(ReliesOn));
    } = EquatableList<string>.Empty;

    /// <summary>A remark by whoever modelled the article (what is unknown about the source), or <see langword="null"/>.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// Whether a person has reviewed the source. A source suggested by a tool (<c>citations extract</c>) is not: its
    /// class is a guess and its item holds only what the cited page says about itself.
    /// </summary>
    /// <value>Defaults to <see langword="true"/>: a source written by hand is reviewed by whoever wrote it.</value>
    public bool Reviewed { get; init; } = true;

    /// <summary>Returns <c>id (class)</c>, for debugging.</summary>
    public override string ToString() => $"{Id} ({Class})";
}
