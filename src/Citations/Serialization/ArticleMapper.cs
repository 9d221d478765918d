using System.Globalization;
using Citations.CslData;
using Citations.Diagnostics;
using Citations.Model;

namespace Citations.Serialization;

/// <summary>
/// Turns the article file's data into the model and back. Reading reports every missing or unusable value with its
/// path and leaves out only the claim, link or source at fault; it also remembers which JSON element each kept claim
/// and source came from, so that the validator's findings point at the right place in the file.
/// </summary>
internal sealed class ArticleMapper
{
    /// <summary>The version of the article file format this library writes and reads.</summary>
    public const int FormatVersion = 1;

    private readonly JsonPositionIndex _index;
    private readonly List<Diagnostic> _diagnostics;
    private readonly IReadOnlySet<string> _reported;
    private readonly IReadOnlyDictionary<string, CslItem> _items;
    private readonly ArticleBibliography? _bibliography;

    /// <param name="index">Positions in the file read.</param>
    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="reported">Paths whose values were already reported (and removed) by the shape check.</param>
    /// <param name="items">The embedded CSL items the shape check read, by JSON path (the DTO holds <c>null</c> there).</param>
    /// <param name="bibliography">The items of the file the article's <c>bibliography</c> names, if it names one.</param>
    public ArticleMapper(JsonPositionIndex index, List<Diagnostic> diagnostics, IReadOnlySet<string> reported, IReadOnlyDictionary<string, CslItem> items, ArticleBibliography? bibliography)
    {
        _index = index;
        _diagnostics = diagnostics;
        _reported = reported;
        _items = items;
        _bibliography = bibliography;
    }

    /// <summary>The JSON path of each claim of the article read, by position in <see cref="Article.Claims"/>.</summary>
    public List<string> ClaimPaths { get; } = [];

    /// <summary>The JSON path of each source of the article read, by position in <see cref="Article.Sources"/>.</summary>
    public List<string> SourcePaths { get; } = [];

    public Article? ToModel(ArticleFileDto file)
    {
        if (file.FormatVersion is { } version && version != FormatVersion)
        {
            Error(DiagnosticCodes.UnsupportedVersion,
                string.Create(CultureInfo.InvariantCulture, $"This file is in version {version} of the article format; this library reads version {FormatVersion}."), "$.formatVersion");
            return null;
        }

        var metadata = _items.GetValueOrDefault("$.metadata");
        if (metadata is null)
        {
            // Without metadata there is no article, but the claims and sources are still checked, to report everything.
            Error(DiagnosticCodes.MissingProperty, "The article has no 'metadata' (its own CSL-JSON item).", "$.metadata");
        }

        var claims = new List<Claim>();
        for (var i = 0; i < (file.Claims?.Count ?? 0); i++)
        {
            var path = JsonPath.Index("$.claims", i);
            if (ToClaim(file.Claims![i], path) is { } claim)
            {
                claims.Add(claim);
                ClaimPaths.Add(path);
            }
        }

        var sources = new List<Source>();
        for (var i = 0; i < (file.Sources?.Count ?? 0); i++)
        {
            var path = JsonPath.Index("$.sources", i);
            if (ToSource(file.Sources![i], path) is { } source)
            {
                sources.Add(source);
                SourcePaths.Add(path);
            }
        }

        return metadata is null ? null : new Article(metadata) { Claims = claims, Sources = sources };
    }

    public static ArticleFileDto ToFile(Article article, string? schema) => new()
    {
        Schema = schema,
        FormatVersion = FormatVersion,
        Metadata = article.Metadata,
        Claims = article.Claims.Select(c => (ClaimDto?)new ClaimDto
        {
            Id = c.Id,
            Kind = ModelJsonNames.ClaimKinds[c.Kind],
            Wording = ModelJsonNames.Wordings[c.Wording],
            Text = c.Text,
            Anchor = new AnchorDto
            {
                Paragraph = c.Anchor.Paragraph,
                Selector = new SelectorDto { Exact = c.Anchor.Selector.Exact, Prefix = c.Anchor.Selector.Prefix, Suffix = c.Anchor.Selector.Suffix },
            },
            Evidence = c.Evidence.Select(e => (EvidenceDto?)new EvidenceDto
            {
                Source = e.SourceId,
                Relation = ModelJsonNames.Relations[e.Relation],
                Origin = e.Origin == EvidenceOrigin.Article ? null : ModelJsonNames.Origins[e.Origin],
                Locator = e.Locator is { } l ? new LocatorDto { Label = l.Label, Value = l.Value } : null,
                Quote = e.Quote,
            }).ToList(),
            Note = c.Note,
            Reviewed = c.Reviewed ? null : false,
        }).ToList(),
        Sources = article.Sources.Select(s => (SourceDto?)new SourceDto
        {
            Class = ModelJsonNames.SourceClasses[s.Class],
            ReliesOn = s.ReliesOn.Count == 0 ? null : s.ReliesOn.Select(id => (string?)id).ToList(),
            Note = s.Note,
            Reviewed = s.Reviewed ? null : false,
            Item = s.Item,
        }).ToList(),
    };

    private Claim? ToClaim(ClaimDto? dto, string path)
    {
        if (dto is null)
        {
            Error(DiagnosticCodes.WrongType, "A claim must be an object, not null; it was skipped.", path);
            return null;
        }

        var ok = true;
        var id = Required(dto.Id, "id", path, "claim", ref ok);
        var text = Required(dto.Text, "text", path, "claim", ref ok);
        var kind = RequiredName(dto.Kind, "kind", path, ModelJsonNames.ClaimKinds, ref ok);
        var wording = dto.Wording is null ? ClaimWording.Paraphrase : RequiredName(dto.Wording, "wording", path, ModelJsonNames.Wordings, ref ok);
        var anchor = ToAnchor(dto.Anchor, JsonPath.Property(path, "anchor"), ref ok);

        var evidence = new List<EvidenceLink>();
        for (var i = 0; i < (dto.Evidence?.Count ?? 0); i++)
        {
            if (ToEvidence(dto.Evidence![i], JsonPath.Index(JsonPath.Property(path, "evidence"), i)) is { } link)
            {
                evidence.Add(link);
            }
        }

        if (!ok)
        {
            Error(DiagnosticCodes.MissingProperty, id is null ? "The claim was skipped." : $"Claim '{id}' was skipped.", path, DiagnosticSeverity.Info);
            return null;
        }

        return new Claim(id!, kind, text!, anchor!) { Wording = wording, Evidence = evidence, Note = dto.Note, Reviewed = dto.Reviewed ?? true };
    }

    private TextAnchor? ToAnchor(AnchorDto? dto, string path, ref bool ok)
    {
        if (dto is null)
        {
            Error(DiagnosticCodes.MissingProperty, "The claim has no 'anchor' (a paragraph number and the words that mark the claim).", path);
            ok = false;
            return null;
        }

        var valid = true;
        if (dto.Paragraph is not { } paragraph)
        {
            Error(DiagnosticCodes.MissingProperty, "The anchor has no 'paragraph' number.", JsonPath.Property(path, "paragraph"));
            valid = false;
            paragraph = 0;
        }
        else if (paragraph < 1)
        {
            Error(DiagnosticCodes.InvalidValue, string.Create(CultureInfo.InvariantCulture, $"Paragraphs are numbered from 1; {paragraph} is not a paragraph number."), JsonPath.Property(path, "paragraph"));
            valid = false;
        }

        var selectorPath = JsonPath.Property(path, "selector");
        string? exact = null;
        if (dto.Selector is null)
        {
            Error(DiagnosticCodes.MissingProperty, "The anchor has no 'selector' (at least the 'exact' words of the claim).", selectorPath);
            valid = false;
        }
        else
        {
            exact = Required(dto.Selector.Exact, "exact", selectorPath, "selector", ref valid);
        }

        if (!valid)
        {
            ok = false;
            return null;
        }

        return new TextAnchor(paragraph, exact!, dto.Selector!.Prefix, dto.Selector.Suffix);
    }

    private EvidenceLink? ToEvidence(EvidenceDto? dto, string path)
    {
        if (dto is null)
        {
            Error(DiagnosticCodes.WrongType, "An evidence link must be an object, not null; it was skipped.", path);
            return null;
        }

        var ok = true;
        var source = Required(dto.Source, "source", path, "evidence link", ref ok);
        var relation = RequiredName(dto.Relation, "relation", path, ModelJsonNames.Relations, ref ok);
        var origin = dto.Origin is null ? EvidenceOrigin.Article : RequiredName(dto.Origin, "origin", path, ModelJsonNames.Origins, ref ok);
        Locator? locator = null;
        if (dto.Locator is { } l)
        {
            var locatorPath = JsonPath.Property(path, "locator");
            var label = Required(l.Label, "label", locatorPath, "locator", ref ok);
            var value = Required(l.Value, "value", locatorPath, "locator", ref ok);
            if (label is not null && value is not null)
            {
                locator = new Locator(label, value);
            }
        }

        if (!ok)
        {
            Error(DiagnosticCodes.MissingProperty, "The evidence link was skipped.", path, DiagnosticSeverity.Info);
            return null;
        }

        return new EvidenceLink(source!, relation) { Origin = origin, Locator = locator, Quote = dto.Quote };
    }

    private Source? ToSource(SourceDto? dto, string path)
    {
        if (dto is null)
        {
            Error(DiagnosticCodes.WrongType, "A source must be an object, not null; it was skipped.", path);
            return null;
        }

        var ok = true;
        var item = SourceItem(dto, path, ref ok);
        if (item is not null && string.IsNullOrWhiteSpace(item.Id.Text))
        {
            Error(DiagnosticCodes.InvalidValue, "The source's item has a blank 'id'.", JsonPath.Property(JsonPath.Property(path, "item"), "id"));
            ok = false;
        }

        var @class = dto.Class is null ? SourceClass.Unknown : RequiredName(dto.Class, "class", path, ModelJsonNames.SourceClasses, ref ok);
        var reliesOn = new List<string>();
        for (var i = 0; i < (dto.ReliesOn?.Count ?? 0); i++)
        {
            var id = dto.ReliesOn![i];
            if (string.IsNullOrWhiteSpace(id))
            {
                Error(DiagnosticCodes.InvalidValue, "A source id in 'reliesOn' must be a non-blank string.", JsonPath.Index(JsonPath.Property(path, "reliesOn"), i));
                ok = false;
            }
            else
            {
                reliesOn.Add(id);
            }
        }

        if (!ok)
        {
            Error(DiagnosticCodes.MissingProperty, item is null ? "The source was skipped." : $"Source '{item.Id.Text}' was skipped.", path, DiagnosticSeverity.Info);
            return null;
        }

        return new Source(item!, @class) { ReliesOn = reliesOn, Note = dto.Note, Reviewed = dto.Reviewed ?? true };
    }

    /// <summary>The source's item: embedded (<c>item</c>), or named by <c>id</c> in the article's bibliography file.</summary>
    private CslItem? SourceItem(SourceDto dto, string path, ref bool ok)
    {
        var itemPath = JsonPath.Property(path, "item");
        var idPath = JsonPath.Property(path, "id");
        var embedded = _items.GetValueOrDefault(itemPath);
        if (dto.Id is null)
        {
            if (embedded is null && !_reported.Contains(itemPath))
            {
                Error(DiagnosticCodes.MissingProperty,
                    "The source has no 'item' (its CSL-JSON data, whose 'id' is the source's id) and no 'id' of an item in the article's 'bibliography' file.", itemPath);
            }

            ok &= embedded is not null;
            return embedded;
        }

        if (embedded is not null || _reported.Contains(itemPath))
        {
            Error(DiagnosticCodes.InvalidValue, "A source gives either its 'item' or the 'id' of an item in the article's 'bibliography' file, not both.", idPath);
            ok = false;
            return null;
        }

        if (string.IsNullOrWhiteSpace(dto.Id))
        {
            Error(DiagnosticCodes.InvalidValue, "The source's 'id' is blank.", idPath);
            ok = false;
            return null;
        }

        if (_bibliography is null)
        {
            Error(DiagnosticCodes.UnknownItemReference, $"The source names item '{dto.Id}', but the article has no 'bibliography' file to take it from.", idPath);
            ok = false;
            return null;
        }

        if (_bibliography.Find(dto.Id) is { } item)
        {
            return item;
        }

        // A bibliography that could not be read in full has been reported already; do not blame each source for it.
        if (!_bibliography.Incomplete)
        {
            Error(DiagnosticCodes.UnknownItemReference, $"The bibliography file {_bibliography.Name} has no item '{dto.Id}'.", idPath);
        }

        ok = false;
        return null;
    }

    private string? Required(string? value, string property, string parentPath, string what, ref bool ok)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            var path = JsonPath.Property(parentPath, property);
            Error(value is null ? DiagnosticCodes.MissingProperty : DiagnosticCodes.InvalidValue,
                value is null ? $"The {what} has no '{property}'." : $"The {what}'s '{property}' is blank.", path);
            ok = false;
            return null;
        }

        return value;
    }

    private TEnum RequiredName<TEnum>(string? value, string property, string parentPath, EnumNames<TEnum> names, ref bool ok)
        where TEnum : struct, Enum
    {
        var path = JsonPath.Property(parentPath, property);
        if (value is null)
        {
            Error(DiagnosticCodes.MissingProperty, $"'{property}' is missing; it must be {names.Describe()}.", path);
            ok = false;
            return default;
        }

        if (!names.TryParse(value, out var result))
        {
            Error(DiagnosticCodes.UnknownName, $"'{value}' is not a known {property}; it must be {names.Describe()}.", path);
            ok = false;
        }

        return result;
    }

    private void Error(string code, string message, string path, DiagnosticSeverity severity = DiagnosticSeverity.Error)
    {
        // A value the shape check removed is missing now, but it was reported as what it was: say it once.
        if (!_reported.Contains(path))
        {
            _diagnostics.Add(_index.Create(severity, code, message, path));
        }
    }
}
