using System.Collections.Frozen;
using Citations.Model;

namespace Citations.Serialization;

/// <summary>
/// The names the article file format (and the JSON coverage report) writes for the model's enumerations. Spelled out
/// here rather than derived from member names so that renaming a C# member cannot change a file format.
/// </summary>
internal static class ModelJsonNames
{
    public static readonly EnumNames<ClaimKind> ClaimKinds = new(
        (ClaimKind.Statistic, "statistic"),
        (ClaimKind.Factual, "factual"),
        (ClaimKind.Attribution, "attribution"),
        (ClaimKind.Opinion, "opinion"));

    public static readonly EnumNames<ClaimWording> Wordings = new(
        (ClaimWording.Paraphrase, "paraphrase"),
        (ClaimWording.Quote, "quote"));

    public static readonly EnumNames<CitationRelation> Relations = new(
        (CitationRelation.CitesAsDataSource, "citesAsDataSource"),
        (CitationRelation.CitesAsEvidence, "citesAsEvidence"),
        (CitationRelation.CitesAsAuthority, "citesAsAuthority"),
        (CitationRelation.IncludesQuotationFrom, "includesQuotationFrom"),
        (CitationRelation.CitesForInformation, "citesForInformation"),
        (CitationRelation.CitesAsBackground, "citesAsBackground"),
        (CitationRelation.Disputes, "disputes"));

    public static readonly EnumNames<EvidenceOrigin> Origins = new(
        (EvidenceOrigin.Article, "article"),
        (EvidenceOrigin.Reviewer, "reviewer"));

    public static readonly EnumNames<SourceClass> SourceClasses = new(
        (SourceClass.PrimaryData, "primaryData"),
        (SourceClass.OfficialStatement, "officialStatement"),
        (SourceClass.Academic, "academic"),
        (SourceClass.News, "news"),
        (SourceClass.AdvocacyOrThinkTank, "advocacyOrThinkTank"),
        (SourceClass.Anonymous, "anonymous"),
        (SourceClass.Unknown, "unknown"));
}

/// <summary>A two-way table between the members of an enumeration and their JSON names.</summary>
internal sealed class EnumNames<TEnum>
    where TEnum : struct, Enum
{
    private readonly FrozenDictionary<TEnum, string> _names;
    private readonly FrozenDictionary<string, TEnum> _values;

    public EnumNames(params (TEnum Value, string Name)[] pairs)
    {
        _names = pairs.ToFrozenDictionary(p => p.Value, p => p.Name);
        _values = pairs.ToFrozenDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        if (_names.Count != Enum.GetValues<TEnum>().Length)
        {
            throw new InvalidOperationException($"Every {typeof(TEnum).Name} member needs a JSON name.");
        }

        Names = pairs.Select(p => p.Name).ToArray();
    }

    /// <summary>The JSON names in declaration order.</summary>
    public IReadOnlyList<string> Names { get; }

    public string this[TEnum value] => _names[value];

    public bool TryParse(string name, out TEnum value) => _values.TryGetValue(name, out value);

    /// <summary>The names as a list for messages: <c>'a', 'b' or 'c'</c>.</summary>
    public string Describe()
        => string.Join(", ", Names.Take(Names.Count - 1).Select(n => $"'{n}'")) + $" or '{Names[^1]}'";
}
