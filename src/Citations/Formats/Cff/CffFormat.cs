using System.Globalization;
using System.Text;
using Citations.CslData;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Formats.Cff;

/// <summary>
/// CITATION.cff (the Citation File Format, 1.2): a software project's own description, read into CSL items: the
/// project itself (a <c>software</c> or <c>dataset</c> item), its <c>preferred-citation</c> (first, since the authors ask
/// to be cited that way) and its <c>references</c> (the works it builds on, so a project can cite its dependencies).
/// Item ids are made from titles (<c>my-tool</c>, <c>my-tool-2</c> when two titles agree).
/// </summary>
/// <remarks>Thread-safe. YAML is read with YamlDotNet's parser only (trim- and AOT-safe).</remarks>
public sealed class CffFormat : IItemReader
{
    private CffFormat()
    {
    }

    /// <summary>The one instance.</summary>
    public static CffFormat Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "cff";

    /// <inheritdoc/>
    public IReadOnlyList<string> Extensions { get; } = [".cff"];

    /// <inheritdoc/>
    public bool Sniff(ReadOnlySpan<byte> start)
        => start.TrimStart(" \t\r\n"u8).StartsWith("cff-version:"u8) || start.IndexOf("\ncff-version:"u8) >= 0;

    /// <inheritdoc/>
    public ParseResult<IReadOnlyList<CslItem>> Read(ReadOnlyMemory<byte> content, string? file)
        => Read(TextSource.Decode(content.Span, file));

    /// <summary>Reads the text of a CITATION.cff file.</summary>
    /// <param name="text">The text.</param>
    /// <param name="file">The file name for diagnostics.</param>
    public ParseResult<IReadOnlyList<CslItem>> Read(string text, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Read(TextSource.FromText(text, file));
    }

    private static ParseResult<IReadOnlyList<CslItem>> Read(TextSource source)
    {
        var root = YamlTree.Read(source.Text, 0, out var problem);
        if (problem is { } p)
        {
            source.Add(new Diagnostic(DiagnosticSeverity.Fatal, DiagnosticCodes.InvalidYaml, p.Message, new SourceLocation(source.File, null, p.Line, p.Column)));
            return new ParseResult<IReadOnlyList<CslItem>>(null, source.Diagnostics);
        }

        if (root is not YamlMapping cff)
        {
            source.Add(new Diagnostic(DiagnosticSeverity.Fatal, DiagnosticCodes.InvalidYaml, "A CITATION.cff file must be a YAML mapping (cff-version, message, title, authors, …).",
                new SourceLocation(source.File, null, root?.Line ?? 1, root?.Column ?? 1)));
            return new ParseResult<IReadOnlyList<CslItem>>(null, source.Diagnostics);
        }

        var mapper = new CffMapper(source);
        foreach (var key in new[] { "cff-version", "message" })
        {
            if (cff.Get(key) is null)
            {
                mapper.Report(DiagnosticSeverity.Warning, DiagnosticCodes.CffMissingKey, $"The file has no '{key}', which the Citation File Format requires.", cff, key);
            }
        }

        var items = new List<CslItem>();
        if (cff.Get("preferred-citation") is YamlMapping preferred && mapper.Reference(preferred, "preferred-citation") is { } preferredItem)
        {
            items.Add(preferredItem);
        }

        if (mapper.Project(cff) is { } project)
        {
            items.Add(project);
        }

        if (cff.Get("references") is YamlSequence references)
        {
            for (var i = 0; i < references.Items.Count; i++)
            {
                if (references.Items[i] is YamlMapping reference)
                {
                    if (mapper.Reference(reference, string.Create(CultureInfo.InvariantCulture, $"references[{i}]")) is { } item)
                    {
                        items.Add(item);
                    }
                }
                else
                {
                    mapper.Report(DiagnosticSeverity.Warning, DiagnosticCodes.CffInvalidValue, "A reference must be a mapping; it was ignored.", references.Items[i], null);
                }
            }
        }

        return new ParseResult<IReadOnlyList<CslItem>>(items, source.Diagnostics);
    }
}

/// <summary>Turns the mappings of a CITATION.cff file into CSL items.</summary>
internal sealed class CffMapper(TextSource source)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public void Report(DiagnosticSeverity severity, string code, string message, YamlNode at, string? path)
        => source.Add(new Diagnostic(severity, code, message, new SourceLocation(source.File, path, at.Line, at.Column)));

    /// <summary>The project itself: a software item (or a dataset, when <c>type: dataset</c>).</summary>
    public CslItem? Project(YamlMapping cff)
    {
        var type = cff.Text("type") == "dataset" ? CslItemTypes.Dataset : "software";
        return Item(cff, type, "$", project: true);
    }

    /// <summary>A reference (the preferred citation or one of the references).</summary>
    public CslItem? Reference(YamlMapping reference, string path)
    {
        var cffType = reference.Text("type");
        if (cffType is null)
        {
            Report(DiagnosticSeverity.Warning, DiagnosticCodes.CffMissingKey, "The reference has no 'type'; it was read as a generic document.", reference, path);
        }

        return Item(reference, CffTypes.ToCsl(cffType ?? "generic"), path, project: false);
    }

    private CslItem? Item(YamlMapping m, string type, string path, bool project)
    {
        var title = m.Text("title");
        if (title is null)
        {
            Report(DiagnosticSeverity.Error, DiagnosticCodes.CffMissingKey, $"{(project ? "The file" : "The reference")} has no 'title'; {(project ? "the project" : "it")} was left out.", m, path);
            return null;
        }

        var item = new CslItemBuilder(CslScalar.FromString(UniqueId(title)), type);
        item.Set("title", CslScalar.FromString(title));
        if (!SetNames(item, "author", m.Get("authors"), path + ".authors"))
        {
            Report(DiagnosticSeverity.Warning, DiagnosticCodes.CffMissingKey, $"'{title}' has no 'authors', which the Citation File Format requires.", m, path);
        }

        SetNames(item, "editor", m.Get("editors"), path + ".editors");
        SetNames(item, "collection-editor", m.Get("editors-series"), path + ".editors-series");
        SetNames(item, "translator", m.Get("translators"), path + ".translators");

        Set(item, "version", m.Text("version"));
        Set(item, "abstract", m.Text("abstract"));
        Set(item, "container-title", m.Text("journal") ?? m.Text("collection-title"));
        Set(item, "volume-title", m.Text("volume-title"));
        Set(item, "volume", m.Text("volume"));
        Set(item, "issue", m.Text("issue"));
        Set(item, "edition", m.Text("edition"));
        Set(item, "number", m.Text("number"));
        Set(item, "section", m.Text("section"));
        Set(item, "number-of-pages", m.Text("pages"));
        Set(item, "number-of-volumes", m.Text("number-volumes"));
        Set(item, "ISBN", m.Text("isbn"));
        Set(item, "ISSN", m.Text("issn"));
        Set(item, "note", m.Text("notes"));
        Set(item, "status", m.Text("status"));
        Set(item, "genre", m.Text("thesis-type"));
        Set(item, "medium", m.Text("medium"));
        Set(item, "license", m.Text("license") ?? (m.Get("license") is YamlSequence licenses ? string.Join(" OR ", licenses.Items.OfType<YamlScalar>().Select(l => l.Value)) : null));
        if (m.Text("start") is { } start)
        {
            Set(item, "page", m.Text("end") is { } end ? $"{start}-{end}" : start);
        }

        Set(item, "DOI", m.Text("doi") ?? Identifier(m, "doi"));
        Set(item, "URL", m.Text("url") ?? m.Text("repository-code") ?? m.Text("repository") ?? Identifier(m, "url"));
        Set(item, "publisher", Entity(m, "publisher") ?? (type is "thesis" or CslItemTypes.Report ? Entity(m, "institution") : null));
        Set(item, "publisher-place", (m.Get("publisher") as YamlMapping)?.Text("city") ?? Entity(m, "location"));
        if (m.Get("conference") is YamlMapping conference)
        {
            Set(item, "event", conference.Text("name"));
            Set(item, "event-place", conference.Text("city") ?? conference.Text("location"));
        }

        if (m.Get("keywords") is YamlSequence keywords)
        {
            Set(item, "keyword", string.Join(", ", keywords.Items.OfType<YamlScalar>().Select(k => k.Value)));
        }

        if (m.Get("languages") is YamlSequence languages && languages.Items.FirstOrDefault() is YamlScalar language)
        {
            Set(item, "language", language.Value);
        }

        var issued = Date(m, "date-published", path) ?? Date(m, "date-released", path) ?? YearMonth(m);
        if (issued is not null)
        {
            item.SetDate("issued", issued);
        }

        if (Date(m, "date-accessed", path) is { } accessed)
        {
            item.SetDate("accessed", accessed);
        }

        return item.Build();
    }

    private bool SetNames(CslItemBuilder item, string variable, YamlNode? node, string path)
    {
        if (node is not YamlSequence sequence)
        {
            if (node is not null and not YamlScalar { IsNull: true })
            {
                Report(DiagnosticSeverity.Warning, DiagnosticCodes.CffInvalidValue, "Names must be a list of persons or entities; this value was ignored.", node, path);
            }

            return false;
        }

        var names = new List<CslName>();
        foreach (var entry in sequence.Items)
        {
            if (entry is not YamlMapping person)
            {
                Report(DiagnosticSeverity.Warning, DiagnosticCodes.CffInvalidValue, "A name must be a person (family-names, given-names) or an entity (name); it was ignored.", entry, path);
                continue;
            }

            if (person.Text("family-names") is { } family)
            {
                names.Add(new CslName
                {
                    Family = family,
                    Given = person.Text("given-names"),
                    NonDroppingParticle = person.Text("name-particle"),
                    Suffix = person.Text("name-suffix"),
                });
            }
            else if ((person.Text("name") ?? person.Text("alias") ?? person.Text("given-names")) is { } literal)
            {
                names.Add(CslName.Institution(literal));
            }
            else
            {
                Report(DiagnosticSeverity.Warning, DiagnosticCodes.CffInvalidValue, "A name has neither 'family-names' nor 'name'; it was ignored.", person, path);
            }
        }

        if (names.Count > 0)
        {
            item.SetNames(variable, names);
        }

        return names.Count > 0;
    }

    private CslDate? Date(YamlMapping m, string key, string path)
    {
        if (m.Get(key) is not YamlScalar { IsNull: false } value)
        {
            return null;
        }

        var parts = value.Value.Trim().Split('-');
        if (parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31)
        {
            return CslDate.FromParts(year, month, day);
        }

        Report(DiagnosticSeverity.Warning, DiagnosticCodes.CffInvalidValue, $"'{key}' must be a date written YYYY-MM-DD, not '{value.Value}'; it was ignored.", value, path + "." + key);
        return null;
    }

    private static CslDate? YearMonth(YamlMapping m)
        => int.TryParse(m.Text("year"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var year)
            ? CslDate.FromParts(year, int.TryParse(m.Text("month"), NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12 ? month : null)
            : null;

    private static string? Identifier(YamlMapping m, string type)
        => m.Get("identifiers") is YamlSequence identifiers
            ? identifiers.Items.OfType<YamlMapping>().FirstOrDefault(i => i.Text("type") == type)?.Text("value")
            : null;

    private static string? Entity(YamlMapping m, string key) => m.Get(key) switch
    {
        YamlMapping entity => entity.Text("name"),
        YamlScalar { IsNull: false } text => text.Value,
        _ => null,
    };

    private static void Set(CslItemBuilder item, string variable, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            item.Set(variable, CslScalar.FromString(value));
        }
    }

    /// <summary>An id from a title: lower-case letters and digits joined by hyphens, made unique within the file.</summary>
    private string UniqueId(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 48)
            {
                break;
            }
        }

        var id = slug.ToString().Trim('-');
        if (id.Length == 0)
        {
            id = "item";
        }

        var unique = id;
        for (var n = 2; !_ids.Add(unique); n++)
        {
            unique = string.Create(CultureInfo.InvariantCulture, $"{id}-{n}");
        }

        return unique;
    }
}
