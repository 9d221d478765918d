using System.Collections.Frozen;
using System.Globalization;
using System.Xml.Linq;
using Citations.Csl.Locales;
using Citations.Diagnostics;

namespace Citations.Csl.Styles;

/// <summary>
/// Compiles CSL XML into the immutable element tree. Unknown elements and attributes become warnings. This file reads
/// the style and its sections (info, macros, citation, bibliography, sort, locales) and resolves macro calls;
/// <c>StyleParser.Elements.cs</c> reads the rendering elements and their attributes.
/// </summary>
internal sealed partial class StyleParser
{
    private static readonly FrozenSet<string> FormattingAttributes = new[]
    {
        "font-style", "font-variant", "font-weight", "text-decoration", "vertical-align", "prefix", "suffix", "display",
        "quotes", "strip-periods", "text-case",
    }.ToFrozenSet();

    private static readonly FrozenSet<string> InheritableNameAttributes = new[]
    {
        "and", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min", "et-al-use-first", "et-al-use-last",
        "et-al-subsequent-min", "et-al-subsequent-use-first", "initialize", "initialize-with", "name-as-sort-order",
        "sort-separator", "name-form", "name-delimiter", "names-delimiter",
    }.ToFrozenSet();

    private readonly string? _file;
    private readonly List<Diagnostic> _warnings = [];
    private readonly Dictionary<string, Macro> _macros = new(StringComparer.Ordinal);
    private readonly List<TextElement> _macroCalls = [];
    private readonly List<SortKey> _sortMacroCalls = [];

    private StyleParser(string? file) => _file = file;

    public static CslStyle Parse(string xml, string? file)
    {
        var root = CslXml.Load(xml, file);
        if (root.Name.LocalName != "style")
        {
            throw new CslException($"Expected a <style> root element, found <{root.Name.LocalName}>.", CslXml.Where(root, file));
        }

        return new StyleParser(file).ParseStyle(root);
    }

    public static DateElement ParseLocaleDate(XElement element, string? file, List<Diagnostic>? warnings)
    {
        var parser = new StyleParser(file);
        var date = parser.ParseDate(element);
        warnings?.AddRange(parser._warnings);
        return date;
    }

    public static TermForm? ParseTermForm(string? value) => value switch
    {
        null => null,
        "long" => TermForm.Long,
        "short" => TermForm.Short,
        "verb" => TermForm.Verb,
        "verb-short" => TermForm.VerbShort,
        "symbol" => TermForm.Symbol,
        _ => null,
    };

    private CslStyle ParseStyle(XElement root)
    {
        string id = string.Empty, title = string.Empty;
        string? parent = null;
        CitationSection? citation = null;
        BibliographySection? bibliography = null;
        var locales = new List<CslLocale>();

        // Macros first, so that calls can be resolved in any order.
        foreach (var macro in root.Elements().Where(e => e.Name.LocalName == "macro"))
        {
            var name = Attr(macro, "name");
            if (name is null)
            {
                Warn(macro, "A <macro> without a name was ignored.");
                continue;
            }

            if (_macros.ContainsKey(name))
            {
                Warn(macro, $"Macro '{name}' is defined twice; the first definition is used.");
                continue;
            }

            _macros[name] = new Macro { Name = name, Line = CslXml.LineOf(macro) };
        }

        foreach (var macroElement in root.Elements().Where(e => e.Name.LocalName == "macro"))
        {
            if (Attr(macroElement, "name") is { } name && _macros.TryGetValue(name, out var macro) && macro.Line == CslXml.LineOf(macroElement))
            {
                macro.Children = ParseChildren(macroElement);
            }
        }

        var styleNameOptions = ParseNameOptions(root, inheritable: true);
        foreach (var child in root.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "info":
                    id = child.Elements().FirstOrDefault(e => e.Name.LocalName == "id")?.Value.Trim() ?? string.Empty;
                    title = child.Elements().FirstOrDefault(e => e.Name.LocalName == "title")?.Value.Trim() ?? string.Empty;
                    parent = child.Elements().FirstOrDefault(e => e.Name.LocalName == "link" && Attr(e, "rel") == "independent-parent") is { } link
                        ? Attr(link, "href")
                        : null;
                    break;
                case "macro":
                    break;
                case "locale":
                    locales.Add(CslLocale.FromElement(child, _file, _warnings));
                    break;
                case "citation":
                    citation = ParseCitation(child);
                    break;
                case "bibliography":
                    bibliography = ParseBibliography(child);
                    break;
                default:
                    Warn(child, $"Unknown element <{child.Name.LocalName}> ignored.");
                    break;
            }
        }

        if (citation is null && parent is null)
        {
            throw new CslException("The style has no <citation> element (and is not a dependent style).", CslXml.Where(root, _file));
        }

        ResolveMacros();
        CheckAttributes(root, ["class", "default-locale", "version", "demote-non-dropping-particle", "initialize-with-hyphen", "page-range-format", "xmlns"], inheritable: true);

        return new CslStyle
        {
            Id = id,
            Title = title,
            Source = _file,
            Class = Attr(root, "class") == "note" ? CslStyleClass.Note : CslStyleClass.InText,
            DefaultLocale = Attr(root, "default-locale"),
            Version = Attr(root, "version") ?? "1.0",
            IndependentParent = parent,
            Citation = citation,
            Bibliography = bibliography,
            Macros = _macros.ToFrozenDictionary(StringComparer.Ordinal),
            InlineLocales = locales,
            NameOptions = styleNameOptions,
            DemoteNonDroppingParticle = Attr(root, "demote-non-dropping-particle") switch
            {
                "never" => DemoteParticle.Never,
                "sort-only" => DemoteParticle.SortOnly,
                _ => DemoteParticle.DisplayAndSort,
            },
            InitializeWithHyphen = Attr(root, "initialize-with-hyphen") != "false",
            PageRangeFormat = Attr(root, "page-range-format") switch
            {
                "chicago" => PageRangeFormat.Chicago,
                "chicago-15" => PageRangeFormat.Chicago15,
                "chicago-16" => PageRangeFormat.Chicago16,
                "expanded" => PageRangeFormat.Expanded,
                "minimal" => PageRangeFormat.Minimal,
                "minimal-two" => PageRangeFormat.MinimalTwo,
                _ => PageRangeFormat.None,
            },
            Warnings = _warnings,
        };
    }

    private void ResolveMacros()
    {
        foreach (var call in _macroCalls)
        {
            if (_macros.TryGetValue(call.MacroName!, out var macro))
            {
                call.Macro = macro;
            }
            else
            {
                _warnings.Add(new Diagnostic(DiagnosticSeverity.Warning, CslDiagnosticCodes.UndefinedMacro, $"Macro '{call.MacroName}' is not defined; the call renders nothing.", new SourceLocation(_file, null, call.Line, 0)));
            }
        }

        foreach (var key in _sortMacroCalls)
        {
            if (_macros.TryGetValue(key.MacroName!, out var macro))
            {
                key.Macro = macro;
            }
            else
            {
                _warnings.Add(new Diagnostic(DiagnosticSeverity.Warning, CslDiagnosticCodes.UndefinedMacro, $"Sort macro '{key.MacroName}' is not defined; the key is empty.", new SourceLocation(_file, null, key.Line, 0)));
            }
        }

        // A macro that calls itself, directly or through others, would recurse forever: refuse the style.
        var state = new Dictionary<Macro, int>();
        foreach (var macro in _macros.Values)
        {
            Visit(macro, []);
        }

        void Visit(Macro macro, List<string> path)
        {
            if (state.TryGetValue(macro, out var s))
            {
                if (s == 1)
                {
                    var cycle = string.Join(" → ", path.SkipWhile(p => p != macro.Name).Append(macro.Name));
                    throw new CslException($"Macro '{macro.Name}' calls itself ({cycle}).", new SourceLocation(_file, null, macro.Line, 0));
                }

                return;
            }

            state[macro] = 1;
            path.Add(macro.Name);
            foreach (var called in CalledMacros(macro.Children))
            {
                Visit(called, path);
            }

            path.RemoveAt(path.Count - 1);
            state[macro] = 2;
        }
    }

    private static IEnumerable<Macro> CalledMacros(IEnumerable<Element> elements)
    {
        foreach (var element in elements)
        {
            switch (element)
            {
                case TextElement { Macro: { } m }:
                    yield return m;
                    break;
                case GroupElement g:
                    foreach (var m in CalledMacros(g.Children))
                    {
                        yield return m;
                    }

                    break;
                case ChooseElement c:
                    foreach (var m in c.Branches.SelectMany(b => CalledMacros(b.Children)))
                    {
                        yield return m;
                    }

                    break;
                case NamesElement { Substitute: { } sub }:
                    foreach (var m in CalledMacros(sub))
                    {
                        yield return m;
                    }

                    break;
            }
        }
    }

    private CitationSection ParseCitation(XElement element)
    {
        CheckAttributes(element, ["disambiguate-add-names", "disambiguate-add-givenname", "givenname-disambiguation-rule", "disambiguate-add-year-suffix", "cite-group-delimiter", "collapse", "year-suffix-delimiter", "after-collapse-delimiter", "near-note-distance"], inheritable: true);
        var (layouts, sort) = ParseSection(element);
        return new CitationSection
        {
            Layouts = layouts,
            Sort = sort,
            NameOptions = ParseNameOptions(element, inheritable: true),
            DisambiguateAddNames = Attr(element, "disambiguate-add-names") == "true",
            DisambiguateAddGivenName = Attr(element, "disambiguate-add-givenname") == "true",
            GivenNameRule = Attr(element, "givenname-disambiguation-rule") switch
            {
                "all-names" => GivenNameRule.AllNames,
                "all-names-with-initials" => GivenNameRule.AllNamesWithInitials,
                "primary-name" => GivenNameRule.PrimaryName,
                "primary-name-with-initials" => GivenNameRule.PrimaryNameWithInitials,
                _ => GivenNameRule.ByCite,
            },
            DisambiguateAddYearSuffix = Attr(element, "disambiguate-add-year-suffix") == "true",
            Collapse = Attr(element, "collapse") switch
            {
                "citation-number" => Collapse.CitationNumber,
                "year" => Collapse.Year,
                "year-suffix" => Collapse.YearSuffix,
                "year-suffix-ranged" => Collapse.YearSuffixRanged,
                _ => Collapse.None,
            },
            CiteGroupDelimiter = Attr(element, "cite-group-delimiter"),
            YearSuffixDelimiter = Attr(element, "year-suffix-delimiter"),
            AfterCollapseDelimiter = Attr(element, "after-collapse-delimiter"),
            NearNoteDistance = Int(element, "near-note-distance") ?? 5,
        };
    }

    private BibliographySection ParseBibliography(XElement element)
    {
        CheckAttributes(element, ["hanging-indent", "second-field-align", "line-spacing", "entry-spacing", "subsequent-author-substitute", "subsequent-author-substitute-rule"], inheritable: true);
        var (layouts, sort) = ParseSection(element);
        return new BibliographySection
        {
            Layouts = layouts,
            Sort = sort,
            NameOptions = ParseNameOptions(element, inheritable: true),
            HangingIndent = Attr(element, "hanging-indent") == "true",
            SecondFieldAlign = Attr(element, "second-field-align") switch
            {
                "flush" => SecondFieldAlign.Flush,
                "margin" => SecondFieldAlign.Margin,
                _ => SecondFieldAlign.None,
            },
            LineSpacing = Double(element, "line-spacing") ?? 1,
            EntrySpacing = Double(element, "entry-spacing") ?? 1,
            SubsequentAuthorSubstitute = Attr(element, "subsequent-author-substitute"),
            SubsequentAuthorSubstituteRule = Attr(element, "subsequent-author-substitute-rule") switch
            {
                "complete-each" => SubsequentAuthorSubstituteRule.CompleteEach,
                "partial-each" => SubsequentAuthorSubstituteRule.PartialEach,
                "partial-first" => SubsequentAuthorSubstituteRule.PartialFirst,
                _ => SubsequentAuthorSubstituteRule.CompleteAll,
            },
        };
    }

    private (IReadOnlyList<Layout> Layouts, IReadOnlyList<SortKey> Sort) ParseSection(XElement element)
    {
        var layouts = new List<Layout>();
        var sort = new List<SortKey>();
        foreach (var child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "layout":
                    CheckAttributes(child, ["delimiter", "locale"], inheritable: false);
                    layouts.Add(new Layout
                    {
                        Decor = ParseDecor(child),
                        Delimiter = Attr(child, "delimiter"),
                        Locale = Attr(child, "locale"),
                        Children = ParseChildren(child),
                    });
                    break;
                case "sort":
                    foreach (var key in child.Elements())
                    {
                        if (key.Name.LocalName != "key")
                        {
                            Warn(key, $"Unknown element <{key.Name.LocalName}> in <sort> ignored.");
                            continue;
                        }

                        CheckAttributes(key, ["variable", "macro", "sort", "names-min", "names-use-first", "names-use-last"], inheritable: false);
                        var sortKey = new SortKey
                        {
                            Line = CslXml.LineOf(key),
                            Variable = Attr(key, "variable"),
                            MacroName = Attr(key, "macro"),
                            Descending = Attr(key, "sort") == "descending",
                            NamesMin = Int(key, "names-min"),
                            NamesUseFirst = Int(key, "names-use-first"),
                            NamesUseLast = Attr(key, "names-use-last") is { } nul ? nul == "true" : null,
                        };
                        if (sortKey.MacroName is not null)
                        {
                            _sortMacroCalls.Add(sortKey);
                        }
                        else if (sortKey.Variable is null)
                        {
                            Warn(key, "A sort <key> needs a variable or a macro; it was ignored.");
                            continue;
                        }

                        sort.Add(sortKey);
                    }

                    break;
                default:
                    Warn(child, $"Unknown element <{child.Name.LocalName}> ignored.");
                    break;
            }
        }

        if (layouts.Count == 0)
        {
            throw new CslException($"<{element.Name.LocalName}> has no <layout>.", CslXml.Where(element, _file));
        }

        // The layout without a locale attribute is the default; keep it first.
        layouts.Sort((a, b) => (a.Locale is null ? 0 : 1).CompareTo(b.Locale is null ? 0 : 1));
        return (layouts, sort);
    }

    private void CheckAttributes(XElement e, string[] allowed, bool inheritable)
    {
        foreach (var attribute in e.Attributes())
        {
            var name = attribute.Name.LocalName;
            if (attribute.IsNamespaceDeclaration || attribute.Name.Namespace == XNamespace.Xml
                || FormattingAttributes.Contains(name) || Array.IndexOf(allowed, name) >= 0
                || (inheritable && InheritableNameAttributes.Contains(name)))
            {
                continue;
            }

            Warn(e, $"Unknown attribute '{name}' on <{e.Name.LocalName}> ignored.");
        }
    }

    private void Warn(XElement e, string message)
        => _warnings.Add(new Diagnostic(DiagnosticSeverity.Warning, CslDiagnosticCodes.StyleMarkupIgnored, message, CslXml.Where(e, _file)));

    private static string? Attr(XElement e, string name) => (string?)e.Attribute(name);

    private int? Int(XElement e, string name)
    {
        var text = Attr(e, name);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }

        Warn(e, $"Attribute '{name}' must be a non-negative integer, not '{text}'; it was ignored.");
        return null;
    }

    private double? Double(XElement e, string name)
    {
        var text = Attr(e, name);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Warn(e, $"Attribute '{name}' must be a number, not '{text}'; it was ignored.");
        return null;
    }
}
