using System.Text.RegularExpressions;
using Citations.Csl.Evaluation;
using Citations.Csl.Styles;

namespace Citations.Csl.Disambiguation;

/// <summary>
/// The names seen across a document, by family name, initials and full given name, so that givenname
/// disambiguation rules other than by-cite (all-names, primary-name, and their -with-initials forms) can tell which
/// names need initials or full given names to be told apart. Mirrors citeproc-js's name registry. Safe for renders on
/// several threads (a session's cites may be disambiguated concurrently, see <see cref="DisambiguationPass"/>).
/// </summary>
internal sealed partial class NameRegistry
{
    private sealed class FamilyEntry
    {
        public Dictionary<string, InitialsEntry> Initials { get; } = new(StringComparer.Ordinal);
    }

    private sealed class InitialsEntry
    {
        public HashSet<string> FullGiven { get; } = new(StringComparer.Ordinal);
    }

    private readonly Dictionary<(string Item, string Family), FamilyEntry> _families = [];
    private readonly GivenNameRule _rule;
    private readonly bool _addGivenName;
    private readonly bool _demoteNever;

    public NameRegistry(CslStyle style)
    {
        _rule = style.Citation?.GivenNameRule ?? GivenNameRule.ByCite;
        _addGivenName = style.Citation?.DisambiguateAddGivenName == true;
        _demoteNever = style.DemoteNonDroppingParticle == DemoteParticle.Never;
    }

    [GeneratedRegex("[,!]* ([^,]+)$")]
    private static partial Regex TrailingLowerRegex();

    [GeneratedRegex("\\s+")]
    private static partial Regex SpacesRegex();

    /// <summary>Whether names are filed per item (the by-cite rule), so that one item's names never change another's answers.</summary>
    public bool FilesPerItem => _rule == GivenNameRule.ByCite;

    /// <summary>What the registry files a name under, worked out once per prepared name.</summary>
    internal sealed record NameKeys(string Family, string FamilyWithParticle, string Initials, string Given);

    private static NameKeys KeysOf(PersonName name)
    {
        if (name.RegistryKeys is { } known)
        {
            return known;
        }

        static string StripPeriods(string s) => SpacesRegex().Replace(s.Replace('.', ' '), " ").TrimEnd();

        var family = StripPeriods(name.Family);
        var withParticle = name.NonDroppingParticle is { Length: > 0 } ndp && name.Family.Length > 0 ? $"{family} {ndp}" : family;
        var given = StripPeriods(name.Given);
        var m = TrailingLowerRegex().Match(given);
        if (m.Success && m.Groups[1].Value == m.Groups[1].Value.ToLowerInvariant())
        {
            given = given[..m.Index];
        }

        var initials = NameParts.InitializeWith(given, "%s", normalizeOnly: false, initializeWithHyphen: true);
        var keys = new NameKeys(family, withParticle, initials, given);
        name.RegistryKeys = keys;
        return keys;
    }

    private ((string Item, string Family) Family, string Initials, string Given) Keys(string itemId, PersonName name)
    {
        var keys = KeysOf(name);
        var family = _demoteNever ? keys.FamilyWithParticle : keys.Family;
        return ((_rule == GivenNameRule.ByCite ? itemId : string.Empty, family), keys.Initials, keys.Given);
    }

    /// <summary>Counts the names that added something the registry did not hold: renders that leave it unchanged
    /// leave every answer unchanged.</summary>
    public int Revision { get; private set; }

    /// <summary>Records a rendered name (only the first name of a list under the primary-name rules).</summary>
    public void Add(string itemId, PersonName name, int position)
    {
        lock (_families)
        {
            AddCore(itemId, name, position);
        }
    }

    private void AddCore(string itemId, PersonName name, int position)
    {
        if (name.IsLiteral || (_rule is GivenNameRule.PrimaryName or GivenNameRule.PrimaryNameWithInitials && position != 0))
        {
            return;
        }

        var (family, initials, given) = Keys(itemId, name);
        if (family.Item.Length == 0 && family.Family.Length == 0)
        {
            return;
        }

        if (!_families.TryGetValue(family, out var entry))
        {
            entry = new FamilyEntry();
            _families[family] = entry;
            Revision++;
        }

        if (initials.Length == 0)
        {
            return;
        }

        if (!entry.Initials.TryGetValue(initials, out var initialsEntry))
        {
            initialsEntry = new InitialsEntry();
            entry.Initials[initials] = initialsEntry;
            Revision++;
        }

        if (given.Length > 0 && initialsEntry.FullGiven.Add(given))
        {
            Revision++;
        }
    }

    /// <summary>
    /// The given-name level a name needs (0 none, 1 initials, 2 full), starting from <paramref name="requestBase"/>.
    /// When <paramref name="log"/> is given, the question and its answer are recorded there (to tell later whether a
    /// render would change).
    /// </summary>
    public int Evaluate(string itemId, PersonName name, int position, int requestBase, NameForm form, string? initializeWith, List<Lookup>? log = null)
    {
        int result;
        lock (_families)
        {
            result = EvaluateCore(itemId, name, position, requestBase, form, initializeWith);
        }

        log?.Add(new Lookup(itemId, name, position, requestBase, form, initializeWith, result));
        return result;
    }

    /// <summary>One question a render asked the registry, and the answer it got.</summary>
    public sealed record Lookup(string ItemId, PersonName Name, int Position, int RequestBase, NameForm Form, string? InitializeWith, int Result);


    /// <summary>Whether the registry still gives every recorded answer.</summary>
    public bool StillAnswers(List<Lookup> lookups)
    {
        foreach (var l in lookups)
        {
            if (EvaluateCore(l.ItemId, l.Name, l.Position, l.RequestBase, l.Form, l.InitializeWith) != l.Result)
            {
                return false;
            }
        }

        return true;
    }

    private int EvaluateCore(string itemId, PersonName name, int position, int requestBase, NameForm form, string? initializeWith)
    {
        var param = form == NameForm.Short ? 0 : initializeWith is not null ? 1 : 2;
        var (family, initials, _) = Keys(itemId, name);
        if (!_families.TryGetValue(family, out var entry) || !entry.Initials.TryGetValue(initials, out var initialsEntry))
        {
            return param;
        }

        if (_rule == GivenNameRule.ByCite && param <= requestBase)
        {
            return requestBase;
        }

        if (!_addGivenName)
        {
            return param;
        }

        if (_rule is GivenNameRule.PrimaryName or GivenNameRule.PrimaryNameWithInitials && position > 0)
        {
            return param;
        }

        var familyCount = entry.Initials.Count;
        if (_rule is GivenNameRule.ByCite or GivenNameRule.AllNames or GivenNameRule.PrimaryName)
        {
            if (familyCount > 1)
            {
                param = 1;
            }

            if (initialsEntry.FullGiven.Count > 1 || (familyCount > 1 && initializeWith is null))
            {
                param = 2;
            }
        }
        else
        {
            param = familyCount > 1 ? 1 : 0;
        }

        return param;
    }
}
