using System.Text.Json;

namespace Citations.CslData;

/// <summary>
/// A person or organisation in a CSL-JSON name variable (<c>author</c>, <c>editor</c>, …), exactly as written:
/// family and given names, particles, suffix, or a literal name for an institution.
/// </summary>
/// <remarks>Immutable and thread-safe. Equality compares every field, including unknown properties.</remarks>
public sealed record CslName
{
    /// <summary>The family name (<c>family</c>).</summary>
    public string? Family { get; init; }

    /// <summary>The given names (<c>given</c>).</summary>
    public string? Given { get; init; }

    /// <summary>A particle dropped when the name is inverted (<c>dropping-particle</c>, as in "Ludwig <em>van</em> Beethoven").</summary>
    public string? DroppingParticle { get; init; }

    /// <summary>A particle kept with the family name (<c>non-dropping-particle</c>, as in "Vincent <em>van</em> Gogh").</summary>
    public string? NonDroppingParticle { get; init; }

    /// <summary>A suffix (<c>suffix</c>, as in "Jr." or "III").</summary>
    public string? Suffix { get; init; }

    /// <summary>A name given as one piece (<c>literal</c>): an institution, or a name that must not be parsed.</summary>
    public string? Literal { get; init; }

    /// <summary>Whether a comma goes before the suffix (<c>comma-suffix</c>), as written.</summary>
    public CslScalar? CommaSuffix { get; init; }

    /// <summary>Whether the name is always shown family name first (<c>static-ordering</c>), as written.</summary>
    public CslScalar? StaticOrdering { get; init; }

    /// <summary>Whether particles should be parsed out of the family and given names (<c>parse-names</c>), as written.</summary>
    public CslScalar? ParseNames { get; init; }

    /// <summary>Properties that CSL-JSON does not define, kept so that writing the name back loses nothing.</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; init; } = CslExtensions.Empty;

    /// <summary>Whether the name is a literal (institutional) name rather than a personal one.</summary>
    public bool IsLiteral => Literal is not null && Family is null && Given is null;

    /// <summary>Creates a personal name.</summary>
    public static CslName Person(string family, string? given = null) => new() { Family = family, Given = given };

    /// <summary>Creates a literal (institutional) name.</summary>
    public static CslName Institution(string literal) => new() { Literal = literal };

    /// <inheritdoc/>
    public bool Equals(CslName? other)
        => other is not null
           && Family == other.Family && Given == other.Given
           && DroppingParticle == other.DroppingParticle && NonDroppingParticle == other.NonDroppingParticle
           && Suffix == other.Suffix && Literal == other.Literal
           && CommaSuffix == other.CommaSuffix && StaticOrdering == other.StaticOrdering && ParseNames == other.ParseNames
           && CslExtensions.AreEqual(Extensions, other.Extensions);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Family, Given, Literal, Suffix, NonDroppingParticle, DroppingParticle);

    /// <summary>Formats the name for a human reader (given name first).</summary>
    public override string ToString()
    {
        if (Family is null && Given is null)
        {
            return Literal ?? string.Empty;
        }

        var parts = new[] { Given, DroppingParticle, NonDroppingParticle, Family }.Where(p => !string.IsNullOrEmpty(p));
        var text = string.Join(' ', parts);
        return Suffix is null ? text : $"{text}, {Suffix}";
    }
}
