using System.Text.RegularExpressions;
using Citations.Csl.Disambiguation;

namespace Citations.Csl.Evaluation;

/// <summary>A personal name ready to render: parts after particle and suffix parsing.</summary>
internal sealed class PersonName
{
    public string Family = string.Empty;
    public string Given = string.Empty;
    public string? NonDroppingParticle;
    public string? DroppingParticle;
    public string? Suffix;
    public bool CommaSuffix;
    public bool StaticOrdering;
    public string? Literal;
    public string CommaDroppingParticle = string.Empty;

    public bool IsLiteral => Literal is not null;

    /// <summary>The name registry's keys for this name, computed on first use (a prepared name never changes).</summary>
    internal NameRegistry.NameKeys? RegistryKeys;
}

/// <summary>Splits particles ("van", "de la") out of family and given names and a suffix out of the given name.</summary>
internal static partial class ParticleParser
{
    [GeneratedRegex("^([^ ]+(?:\\-|\u02bb|\u2019| |') *)(.+)$")]
    private static partial Regex FamilyParticleRegex();

    [GeneratedRegex("^([^ ]+(?:\u02bb |\u2019 | |' ) *)(.+)$")]
    private static partial Regex GivenParticleRegex();

    [GeneratedRegex("^[-'\u02bb\u2019\\s]*(.).*$")]
    private static partial Regex FirstLetterRegex();

    [GeneratedRegex("(\\s*,!*\\s*)")]
    private static partial Regex SuffixCommaRegex();

    public static void Parse(PersonName name)
    {
        // Family: leading lowercase words are non-dropping particles.
        var (_, family, familyParticles) = Split(name.Family, fromEnd: false);
        name.Family = family;
        var ndp = TrimLast(string.Concat(familyParticles));
        if (ndp.Length > 0)
        {
            name.NonDroppingParticle = ndp;
        }

        // Suffix after a comma in the given name: "John, Jr." (",!" forces a comma before the suffix).
        if (name.Suffix is null && name.Given.Length > 0)
        {
            var m = SuffixCommaRegex().Match(name.Given);
            if (m.Success)
            {
                var index = m.Index;
                var possibleSuffix = name.Given[(index + m.Length)..];
                var comma = m.Value.Replace(" ", string.Empty, StringComparison.Ordinal);
                if (possibleSuffix.Replace(".", string.Empty, StringComparison.Ordinal) == "et al" && name.DroppingParticle is null)
                {
                    name.DroppingParticle = possibleSuffix;
                    name.CommaDroppingParticle = ",";
                }
                else
                {
                    if (comma.Length == 2)
                    {
                        name.CommaSuffix = true;
                    }

                    name.Suffix = possibleSuffix;
                }

                name.Given = name.Given[..index];
            }
        }

        // Given: trailing lowercase words are dropping particles.
        var (_, given, givenParticles) = Split(name.Given, fromEnd: true);
        name.Given = given;
        var dp = string.Concat(givenParticles).Trim();
        if (dp.Length > 0)
        {
            name.DroppingParticle = dp;
        }
    }

    private static (bool HasParticle, string Name, List<string> Particles) Split(string value, bool fromEnd)
    {
        var original = value;
        var particles = new List<string>();
        var work = fromEnd ? Reverse(value) : value;
        var regex = fromEnd ? GivenParticleRegex() : FamilyParticleRegex();
        var hasParticle = false;
        var m = regex.Match(work);
        while (m.Success)
        {
            var chunk = fromEnd ? Reverse(m.Groups[1].Value) : m.Groups[1].Value;
            var first = FirstLetterRegex().Match(chunk);
            var firstChar = first.Success ? first.Groups[1].Value : chunk;
            hasParticle = firstChar.Length > 0 && firstChar.ToUpperInvariant() != firstChar;
            if (!hasParticle)
            {
                break;
            }

            if (fromEnd)
            {
                particles.Add(original[^chunk.Length..]);
                original = original[..^chunk.Length];
            }
            else
            {
                particles.Add(original[..chunk.Length]);
                original = original[chunk.Length..];
            }

            work = m.Groups[2].Value;
            m = regex.Match(work);
        }

        string name;
        if (fromEnd)
        {
            particles.Reverse();
            for (var i = 1; i < particles.Count; i++)
            {
                if (particles[i].StartsWith(' '))
                {
                    particles[i - 1] += " ";
                }
            }

            for (var i = 0; i < particles.Count; i++)
            {
                if (particles[i].StartsWith(' '))
                {
                    particles[i] = particles[i][1..];
                }
            }

            name = original[..Math.Min(work.Length, original.Length)];
        }
        else
        {
            name = original[^Math.Min(work.Length, original.Length)..];
        }

        return (hasParticle, name, particles);
    }

    private static string TrimLast(string s)
    {
        var last = s.Length > 0 ? s[^1] : '\0';
        s = s.Trim();
        if (last == ' ' && s.Length > 0 && s[^1] is '\'' or '\u2019')
        {
            s += " ";
        }

        return s;
    }

    private static string Reverse(string s)
    {
        var chars = s.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }
}
