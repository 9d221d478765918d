using System.Xml.Linq;

namespace Citations.Csl.Styles;

/// <summary>The rendering elements of a layout or macro (text, label, date, number, names, group, choose) and their
/// formatting attributes.</summary>
internal sealed partial class StyleParser
{
    private List<Element> ParseChildren(XElement parent)
    {
        var list = new List<Element>();
        foreach (var child in parent.Elements())
        {
            if (ParseElement(child) is { } element)
            {
                list.Add(element);
            }
        }

        return list;
    }

    private Element? ParseElement(XElement e)
    {
        switch (e.Name.LocalName)
        {
            case "text":
                return ParseText(e);
            case "number":
                CheckAttributes(e, ["variable", "form"], inheritable: false);
                return new NumberElement
                {
                    Variable = Attr(e, "variable") ?? string.Empty,
                    Form = Attr(e, "form") switch
                    {
                        "ordinal" => NumberForm.Ordinal,
                        "long-ordinal" => NumberForm.LongOrdinal,
                        "roman" => NumberForm.Roman,
                        _ => NumberForm.Numeric,
                    },
                    Decor = ParseDecor(e),
                    Line = CslXml.LineOf(e),
                };
            case "label":
                return ParseLabel(e);
            case "date":
                return ParseDate(e);
            case "names":
                return ParseNames(e);
            case "group":
                CheckAttributes(e, ["delimiter"], inheritable: false);
                return new GroupElement
                {
                    Delimiter = Attr(e, "delimiter"),
                    Children = ParseChildren(e),
                    Decor = ParseDecor(e),
                    Line = CslXml.LineOf(e),
                };
            case "choose":
                return ParseChoose(e);
            default:
                Warn(e, $"Unknown element <{e.Name.LocalName}> ignored.");
                return null;
        }
    }

    private TextElement ParseText(XElement e)
    {
        CheckAttributes(e, ["variable", "form", "macro", "term", "plural", "value"], inheritable: false);
        var text = new TextElement
        {
            Variable = Attr(e, "variable"),
            Form = Attr(e, "form") == "short" ? VariableForm.Short : VariableForm.Long,
            MacroName = Attr(e, "macro"),
            Term = Attr(e, "term"),
            TermForm = ParseTermForm(Attr(e, "form")) ?? TermForm.Long,
            Plural = Attr(e, "plural") == "true",
            Value = Attr(e, "value"),
            Decor = ParseDecor(e),
            Line = CslXml.LineOf(e),
        };
        if (text.MacroName is not null)
        {
            _macroCalls.Add(text);
        }
        else if (text.Variable is null && text.Term is null && text.Value is null)
        {
            Warn(e, "<text> needs one of variable, macro, term or value; it renders nothing.");
        }

        return text;
    }

    private LabelElement ParseLabel(XElement e)
    {
        CheckAttributes(e, ["variable", "form", "plural"], inheritable: false);
        return new LabelElement
        {
            Variable = Attr(e, "variable") ?? string.Empty,
            Form = ParseTermForm(Attr(e, "form")) ?? TermForm.Long,
            Plural = Attr(e, "plural") switch
            {
                "always" => PluralMode.Always,
                "never" => PluralMode.Never,
                _ => PluralMode.Contextual,
            },
            Decor = ParseDecor(e),
            Line = CslXml.LineOf(e),
        };
    }

    private DateElement ParseDate(XElement e)
    {
        CheckAttributes(e, ["variable", "form", "date-parts", "delimiter", "xmlns"], inheritable: false);
        var parts = new List<DatePartElement>();
        foreach (var child in e.Elements())
        {
            if (child.Name.LocalName != "date-part")
            {
                Warn(child, $"Unknown element <{child.Name.LocalName}> in <date> ignored.");
                continue;
            }

            CheckAttributes(child, ["name", "form", "range-delimiter"], inheritable: false);
            var name = Attr(child, "name") switch
            {
                "day" => DatePartName.Day,
                "month" => DatePartName.Month,
                "year" => DatePartName.Year,
                _ => (DatePartName?)null,
            };
            if (name is null)
            {
                Warn(child, "A <date-part> needs name=\"day\", \"month\" or \"year\"; it was ignored.");
                continue;
            }

            var formText = Attr(child, "form");
            parts.Add(new DatePartElement
            {
                Name = name.Value,
                Form = formText switch
                {
                    "numeric" => DatePartForm.Numeric,
                    "numeric-leading-zeros" => DatePartForm.NumericLeadingZeros,
                    "ordinal" => DatePartForm.Ordinal,
                    "long" => DatePartForm.Long,
                    "short" => DatePartForm.Short,
                    _ => DatePartForm.Default,
                },
                HasForm = formText is not null,
                RangeDelimiter = Attr(child, "range-delimiter"),
                Decor = ParseDecor(child),
            });
        }

        return new DateElement
        {
            Variable = Attr(e, "variable") ?? string.Empty,
            Form = Attr(e, "form") switch
            {
                "text" => DateForm.Text,
                "numeric" => DateForm.Numeric,
                _ => DateForm.None,
            },
            PartsFilter = Attr(e, "date-parts") switch
            {
                "year-month" => DatePartsFilter.YearMonth,
                "year" => DatePartsFilter.Year,
                _ => DatePartsFilter.YearMonthDay,
            },
            Delimiter = Attr(e, "delimiter"),
            Parts = parts,
            Decor = ParseDecor(e),
            Line = CslXml.LineOf(e),
        };
    }

    private NamesElement ParseNames(XElement e)
    {
        CheckAttributes(e, ["variable", "delimiter"], inheritable: false);
        NameElement? name = null;
        EtAlElement? etAl = null;
        LabelElement? label = null;
        List<Element>? substitute = null;
        var labelBeforeName = false;

        // citeproc-js gives every cs:names outside a cs:substitute (in the style's text, not through macros) a default
        // cs:name as its first child when it has none; so there a label always follows the names, and only a childless
        // cs:names inside a substitute inherits the substituted element's options.
        var inSubstitute = e.Ancestors().Any(a => a.Name.LocalName == "substitute");
        var defaultNameFirst = !inSubstitute && !e.Elements().Any(c => c.Name.LocalName == "name");
        foreach (var child in e.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "name":
                    name = ParseName(child);
                    break;
                case "et-al":
                    CheckAttributes(child, ["term"], inheritable: false);
                    etAl = new EtAlElement { Term = Attr(child, "term") ?? "et-al", Decor = ParseDecor(child) };
                    break;
                case "label":
                    label = ParseLabel(child);
                    labelBeforeName = name is null && !defaultNameFirst;
                    break;
                case "substitute":
                    substitute = ParseChildren(child);
                    break;
                default:
                    Warn(child, $"Unknown element <{child.Name.LocalName}> in <names> ignored.");
                    break;
            }
        }

        var variables = (Attr(e, "variable") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new NamesElement
        {
            Variables = variables,
            Delimiter = Attr(e, "delimiter"),
            Name = name,
            EtAl = etAl,
            Label = label,
            LabelBeforeName = labelBeforeName,
            Substitute = substitute,
            IsShorthand = !e.HasElements && inSubstitute,
            Decor = ParseDecor(e),
            Line = CslXml.LineOf(e),
        };
    }

    private NameElement ParseName(XElement e)
    {
        CheckAttributes(e, ["and", "delimiter", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min", "et-al-use-first", "et-al-use-last", "et-al-subsequent-min", "et-al-subsequent-use-first", "form", "initialize", "initialize-with", "name-as-sort-order", "sort-separator"], inheritable: false);
        NamePartElement? given = null, family = null;
        foreach (var part in e.Elements())
        {
            if (part.Name.LocalName != "name-part")
            {
                Warn(part, $"Unknown element <{part.Name.LocalName}> in <name> ignored.");
                continue;
            }

            CheckAttributes(part, ["name"], inheritable: false);
            var which = Attr(part, "name");
            var element = new NamePartElement { IsGiven = which == "given", Decor = ParseDecor(part) };
            if (which == "given")
            {
                given = element;
            }
            else if (which == "family")
            {
                family = element;
            }
            else
            {
                Warn(part, "A <name-part> needs name=\"given\" or \"family\"; it was ignored.");
            }
        }

        return new NameElement
        {
            Options = ParseNameOptions(e, inheritable: false),
            Decor = ParseDecor(e),
            Given = given,
            Family = family,
        };
    }

    private NameOptions ParseNameOptions(XElement e, bool inheritable)
    {
        // On cs:name the attributes have their plain names; on style/citation/bibliography, "name-form",
        // "name-delimiter" and "names-delimiter" stand for cs:name's form and delimiter and cs:names' delimiter.
        return new NameOptions
        {
            And = Attr(e, "and") switch
            {
                "text" => AndMode.Text,
                "symbol" => AndMode.Symbol,
                null => null,
                _ => AndMode.None,
            },
            Delimiter = inheritable ? Attr(e, "name-delimiter") : Attr(e, "delimiter"),
            DelimiterPrecedesEtAl = ParseDelimiterPrecedes(Attr(e, "delimiter-precedes-et-al")),
            DelimiterPrecedesLast = ParseDelimiterPrecedes(Attr(e, "delimiter-precedes-last")),
            EtAlMin = Int(e, "et-al-min"),
            EtAlUseFirst = Int(e, "et-al-use-first"),
            EtAlSubsequentMin = Int(e, "et-al-subsequent-min"),
            EtAlSubsequentUseFirst = Int(e, "et-al-subsequent-use-first"),
            EtAlUseLast = Attr(e, "et-al-use-last") is { } last ? last == "true" : null,
            Form = (inheritable ? Attr(e, "name-form") : Attr(e, "form")) switch
            {
                "long" => NameForm.Long,
                "short" => NameForm.Short,
                "count" => NameForm.Count,
                _ => null,
            },
            Initialize = Attr(e, "initialize") is { } init ? init != "false" : null,
            InitializeWith = Attr(e, "initialize-with"),
            NameAsSortOrder = Attr(e, "name-as-sort-order") switch
            {
                "first" => Styles.NameAsSortOrder.First,
                "all" => Styles.NameAsSortOrder.All,
                _ => null,
            },
            SortSeparator = Attr(e, "sort-separator"),
            NamesDelimiter = inheritable ? Attr(e, "names-delimiter") : null,
        };
    }

    private static DelimiterPrecedes? ParseDelimiterPrecedes(string? value) => value switch
    {
        "contextual" => DelimiterPrecedes.Contextual,
        "after-inverted-name" => DelimiterPrecedes.AfterInvertedName,
        "always" => DelimiterPrecedes.Always,
        "never" => DelimiterPrecedes.Never,
        _ => null,
    };

    private ChooseElement ParseChoose(XElement e)
    {
        var branches = new List<ChooseBranch>();
        foreach (var child in e.Elements())
        {
            var kind = child.Name.LocalName;
            if (kind is not ("if" or "else-if" or "else"))
            {
                Warn(child, $"Unknown element <{kind}> in <choose> ignored.");
                continue;
            }

            var conditions = new List<Condition>();
            var match = MatchMode.All;
            foreach (var attribute in child.Attributes())
            {
                var name = attribute.Name.LocalName;
                var values = attribute.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                ConditionKind? conditionKind = name switch
                {
                    "disambiguate" => ConditionKind.Disambiguate,
                    "is-numeric" => ConditionKind.IsNumeric,
                    "is-uncertain-date" => ConditionKind.IsUncertainDate,
                    "locator" => ConditionKind.Locator,
                    "position" => ConditionKind.Position,
                    "type" => ConditionKind.Type,
                    "variable" => ConditionKind.Variable,
                    "has-year-only" => ConditionKind.HasYearOnly,
                    "has-month-or-season" => ConditionKind.HasMonthOrSeason,
                    "has-day" => ConditionKind.HasDay,
                    "context" => ConditionKind.Context,
                    _ => null,
                };
                if (name == "match")
                {
                    match = attribute.Value switch
                    {
                        "any" => MatchMode.Any,
                        "none" => MatchMode.None,
                        _ => MatchMode.All,
                    };
                }
                else if (conditionKind is { } k)
                {
                    conditions.Add(new Condition(k, values));
                }
                else
                {
                    Warn(child, $"Unknown condition '{name}' ignored.");
                }
            }

            if (kind != "else" && conditions.Count == 0)
            {
                Warn(child, $"<{kind}> has no condition; it never matches.");
                conditions.Add(new Condition(ConditionKind.Unsupported, []));
            }

            branches.Add(new ChooseBranch
            {
                Conditions = conditions,
                Match = match,
                IsElse = kind == "else",
                Children = ParseChildren(child),
            });
        }

        return new ChooseElement { Branches = branches, Line = CslXml.LineOf(e) };
    }

    private Decor ParseDecor(XElement e)
    {
        var formatting = new Formatting
        {
            FontStyle = Attr(e, "font-style") switch
            {
                "normal" => FontStyle.Normal,
                "italic" => FontStyle.Italic,
                "oblique" => FontStyle.Oblique,
                _ => FontStyle.None,
            },
            FontVariant = Attr(e, "font-variant") switch
            {
                "normal" => FontVariant.Normal,
                "small-caps" => FontVariant.SmallCaps,
                _ => FontVariant.None,
            },
            FontWeight = Attr(e, "font-weight") switch
            {
                "normal" => FontWeight.Normal,
                "bold" => FontWeight.Bold,
                "light" => FontWeight.Light,
                _ => FontWeight.None,
            },
            TextDecoration = Attr(e, "text-decoration") switch
            {
                "none" => TextDecoration.NoDecoration,
                "underline" => TextDecoration.Underline,
                _ => TextDecoration.None,
            },
            VerticalAlign = Attr(e, "vertical-align") switch
            {
                "baseline" => VerticalAlign.Baseline,
                "sup" => VerticalAlign.Superscript,
                "sub" => VerticalAlign.Subscript,
                _ => VerticalAlign.None,
            },
        };
        var decor = new Decor
        {
            Formatting = formatting.HasDecorations ? formatting : Formatting.Empty,
            Prefix = Attr(e, "prefix") ?? string.Empty,
            Suffix = Attr(e, "suffix") ?? string.Empty,
            Display = Attr(e, "display") switch
            {
                "block" => Display.Block,
                "left-margin" => Display.LeftMargin,
                "right-inline" => Display.RightInline,
                "indent" => Display.Indent,
                _ => Display.None,
            },
            Quotes = Attr(e, "quotes") == "true",
            StripPeriods = Attr(e, "strip-periods") == "true",
            TextCase = Attr(e, "text-case") switch
            {
                "lowercase" => TextCase.Lowercase,
                "uppercase" => TextCase.Uppercase,
                "capitalize-first" => TextCase.CapitalizeFirst,
                "capitalize-all" => TextCase.CapitalizeAll,
                "sentence" => TextCase.Sentence,
                "title" => TextCase.Title,
                _ => TextCase.None,
            },
        };
        return decor == Decor.Empty ? Decor.Empty : decor;
    }
}
