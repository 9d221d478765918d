using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Formats.BibTeX;

/// <summary>
/// Resolves <c>crossref</c> and <c>xdata</c>: an entry gets the fields it lacks from the entries it names. <c>xdata</c>
/// fields come over unchanged; <c>crossref</c> fields follow BibLaTeX's default inheritance rules (its manual,
/// appendix B: a book's <c>title</c> becomes an in-book entry's <c>booktitle</c>, a multi-volume work's becomes
/// <c>maintitle</c>, a periodical's becomes <c>journaltitle</c>; sort and index fields are not inherited), or
/// BibTeX's rule (same names) for the BibTeX dialect.
/// </summary>
/// <remarks>
/// Bounded: cycles are reported and broken, chains are followed at most <see cref="MaxDepth"/> levels, and only the
/// fields the item mapping reads are inherited, so resolving is linear in the size of the file.
/// </remarks>
internal static class BibInheritance
{
    /// <summary>How many <c>crossref</c>/<c>xdata</c> levels are followed.</summary>
    public const int MaxDepth = 32;

    /// <summary>Fields an entry never inherits.</summary>
    private static readonly HashSet<string> NotInherited = new(StringComparer.Ordinal)
    {
        "ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label", "options", "presort", "related",
        "relatedoptions", "relatedstring", "relatedtype", "shorthand", "shorthandintro", "sortkey",
    };

    /// <summary>Resolves every entry's fields (its own and the inherited ones).</summary>
    public static Dictionary<BibEntry, Dictionary<string, BibField>> Resolve(IReadOnlyList<BibEntry> entries, bool biblatexRules, ISet<string> usedFields, TextSource source)
    {
        var byKey = new Dictionary<string, BibEntry>(StringComparer.Ordinal);
        var byKeyIgnoringCase = new Dictionary<string, BibEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            byKey.TryAdd(entry.Key, entry);
            byKeyIgnoringCase.TryAdd(entry.Key, entry);
        }

        var resolved = new Dictionary<BibEntry, Dictionary<string, BibField>>();
        var inProgress = new HashSet<BibEntry>();
        var truncated = false;
        foreach (var entry in entries)
        {
            truncated = false;
            ResolveEntry(entry, 0);
        }

        return resolved;

        Dictionary<string, BibField> ResolveEntry(BibEntry entry, int depth)
        {
            if (resolved.TryGetValue(entry, out var done))
            {
                return done;
            }

            var fields = new Dictionary<string, BibField>(StringComparer.Ordinal);
            foreach (var field in entry.Fields)
            {
                fields[field.Name] = field;
            }

            inProgress.Add(entry);
            if (entry.Get("xdata") is { } xdata)
            {
                foreach (var key in SplitKeys(xdata.Value))
                {
                    if (Parent(entry, xdata, key, depth) is { } parent)
                    {
                        foreach (var (name, field) in parent)
                        {
                            if (!NotInherited.Contains(name) && usedFields.Contains(name))
                            {
                                fields.TryAdd(name, field);
                            }
                        }
                    }
                }
            }

            if (entry.Get("crossref") is { } crossref && SplitKeys(crossref.Value).FirstOrDefault() is { } parentKey
                && Parent(entry, crossref, parentKey, depth) is { } parentFields)
            {
                var parentType = Lookup(parentKey)!.Type;
                foreach (var (name, field) in parentFields)
                {
                    if (NotInherited.Contains(name))
                    {
                        continue;
                    }

                    foreach (var target in biblatexRules ? Targets(parentType, entry.Type, name) : [name])
                    {
                        if (usedFields.Contains(target))
                        {
                            fields.TryAdd(target, field with { Name = target });
                        }
                    }
                }
            }

            inProgress.Remove(entry);

            // A result cut short by the depth limit is only right for the entry the chain started from: the entries on
            // the way are resolved again from themselves (still at most MaxDepth levels each, so linear overall).
            if (!truncated || depth == 0)
            {
                resolved[entry] = fields;
            }

            return fields;
        }

        Dictionary<string, BibField>? Parent(BibEntry child, BibField via, string key, int depth)
        {
            var parent = Lookup(key);
            if (parent is null)
            {
                source.Report(DiagnosticSeverity.Warning, DiagnosticCodes.BibMissingParent,
                    $"Entry '{child.Key}' names '{key}' in '{via.Name}', but there is no such entry; nothing was inherited from it.", via.Offset, child.Key);
                return null;
            }

            if (inProgress.Contains(parent))
            {
                source.Report(DiagnosticSeverity.Error, DiagnosticCodes.BibInheritanceCycle,
                    $"Entry '{child.Key}' inherits from '{parent.Key}' through '{via.Name}', which leads back to '{child.Key}'; that inheritance was ignored.", via.Offset, child.Key);
                return null;
            }

            if (depth + 1 >= MaxDepth)
            {
                truncated = true;
                source.Report(DiagnosticSeverity.Warning, DiagnosticCodes.BibInheritanceDepth,
                    $"Entry '{child.Key}' inherits through more than {MaxDepth} levels of crossref/xdata; '{parent.Key}' and the entries above it were not inherited from.", via.Offset, child.Key);
                return null;
            }

            return ResolveEntry(parent, depth + 1);
        }

        BibEntry? Lookup(string key) => byKey.GetValueOrDefault(key) ?? byKeyIgnoringCase.GetValueOrDefault(key);
    }

    private static IEnumerable<string> SplitKeys(string value)
        => value.Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The names a parent's field takes in a child (BibLaTeX's default inheritance table).</summary>
    internal static IReadOnlyList<string> Targets(string parentType, string childType, string field)
    {
        if (field == "author"
            && ((parentType is "mvbook" or "book" && childType is "inbook" or "bookinbook" or "suppbook")
                || (parentType == "mvbook" && childType == "book")))
        {
            return ["bookauthor", "author"];
        }

        if ((parentType == "mvbook" && childType is "book" or "inbook" or "bookinbook" or "suppbook")
            || (parentType is "mvcollection" or "mvreference" && childType is "collection" or "reference" or "incollection" or "inreference" or "suppcollection")
            || (parentType == "mvproceedings" && childType is "proceedings" or "inproceedings"))
        {
            return Renamed(field, "main");
        }

        if ((parentType == "book" && childType is "inbook" or "bookinbook" or "suppbook")
            || (parentType is "collection" or "reference" && childType is "incollection" or "inreference" or "suppcollection")
            || (parentType == "proceedings" && childType == "inproceedings"))
        {
            return Renamed(field, "book");
        }

        if (parentType == "periodical" && childType is "article" or "suppperiodical")
        {
            return field switch
            {
                "title" => ["journaltitle"],
                "subtitle" => ["journalsubtitle"],
                "shorttitle" or "sorttitle" or "indextitle" or "indexsorttitle" => [],
                _ => [field],
            };
        }

        return [field];

        static IReadOnlyList<string> Renamed(string field, string prefix) => field switch
        {
            "title" => [prefix + "title"],
            "subtitle" => [prefix + "subtitle"],
            "titleaddon" => [prefix + "titleaddon"],
            "shorttitle" or "sorttitle" or "indextitle" or "indexsorttitle" => [],
            _ => [field],
        };
    }
}
