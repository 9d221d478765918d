using Citations.Csl.Output;
using Citations.Csl.Styles;
using Citations.CslData;

namespace Citations.Csl.Evaluation;

/// <summary>
/// One name: prepared once (particles parsed out), then rendered as an institution or as a personal name in the
/// order its script and the style ask for (display order, sort order, family first for non-Latin scripts).
/// </summary>
internal sealed partial class Renderer
{
    /// <summary>Names as prepared for rendering (particles parsed out), once per name object: the result depends on the name alone.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CslName, PersonName> Prepared = new();

    private static PersonName Prepare(CslName name) => Prepared.GetValue(name, PrepareName);

    private static PersonName PrepareName(CslName name)
    {
        var person = new PersonName
        {
            Family = name.Family ?? string.Empty,
            Given = name.Given ?? string.Empty,
            NonDroppingParticle = name.NonDroppingParticle,
            DroppingParticle = name.DroppingParticle,
            Suffix = name.Suffix,
            CommaSuffix = name.CommaSuffix is { IsTruthy: true },
            StaticOrdering = name.StaticOrdering is { IsTruthy: true },
        };

        if (name.Literal is not null && name.Family is null && name.Given is null)
        {
            person.Literal = name.Literal;
            return person;
        }

        if (name.Extensions.TryGetValue("isInstitution", out var inst) && inst.ValueKind == System.Text.Json.JsonValueKind.True
            && person.Given.Length == 0 && person.Family.Length > 0)
        {
            person.Literal = person.Family;
            return person;
        }

        var parseNames = name.ParseNames is not { } p || p.IsTruthy;
        var noParse = !parseNames;
        if (person.Family.Length > 1 && person.Family[0] == '"' && person.Family[^1] == '"')
        {
            person.Family = person.Family[1..^1];
            noParse = true;
        }

        if (!noParse && person.NonDroppingParticle is null && person.Family.Length > 0 && person.Given.Length > 0)
        {
            ParticleParser.Parse(person);
        }

        if (!person.StaticOrdering)
        {
            person.StaticOrdering = Romanesque(person) == 1;
        }

        return person;
    }

    /// <summary>2: Latin-like script; 1: mixed (family non-Latin, given Latin) or a ja/zh item; 0: non-Latin.</summary>
    private static int Romanesque(PersonName name, string? itemLanguage = null)
    {
        var result = Scripts.HasRomanesque(name.Family.Replace("\"", string.Empty, StringComparison.Ordinal)) ? 2 : 0;
        if (result == 0 && Scripts.StartsRomanesque(name.Given))
        {
            result = 1;
        }

        if (result == 2 && itemLanguage is { Length: >= 2 } lang && lang[..2] is "ja" or "zh")
        {
            result = 1;
        }

        return result;
    }

    /// <summary>An institution: formatting and text-case from cs:name, overridden by the family name-part, as citeproc-js does.</summary>
    private Blob? RenderLiteralName(PersonName name, NameElement element, RenderContext ctx)
    {
        var nameFormatting = element.Decor.Formatting;
        var family = element.Family?.Decor;
        var formatting = new Formatting
        {
            FontStyle = family?.Formatting.FontStyle is { } fs and not FontStyle.None ? fs : nameFormatting.FontStyle,
            FontVariant = family?.Formatting.FontVariant is { } fv and not FontVariant.None ? fv : nameFormatting.FontVariant,
            FontWeight = family?.Formatting.FontWeight is { } fw and not FontWeight.None ? fw : nameFormatting.FontWeight,
            TextDecoration = family?.Formatting.TextDecoration is { } td and not TextDecoration.None ? td : nameFormatting.TextDecoration,
        };
        var textCase = family?.TextCase is { } tc and not TextCase.None ? tc : element.Decor.TextCase;
        var blob = MakeText(name.Literal!, new Decor { Formatting = formatting, TextCase = textCase }, ctx, isTerm: false);
        return blob;
    }

    private Blob? NamePart(string? text, NamePartElement? part, RenderContext ctx)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var decor = part is null ? Decor.Empty : part.Decor with { Prefix = string.Empty, Suffix = string.Empty, Display = Display.None };
        if (part is not null && decor.TextCase == TextCase.Title && !IsEnglishItem(ctx))
        {
            decor = decor with { TextCase = TextCase.None };
        }

        return MakeText(text, decor, ctx, isTerm: false);
    }

    private Blob? RenderPersonalName(PersonName name, NameElement element, NameOptions options, int index, int requestedLevel, RenderContext ctx)
    {
        var form = options.Form ?? NameForm.Long;
        var initializeWith = options.InitializeWith;
        var hasInitializeWith = initializeWith is not null;
        var givenRule = Style.Citation?.GivenNameRule ?? GivenNameRule.ByCite;
        var defaultLevel = form != NameForm.Long ? 0 : hasInitializeWith ? 1 : 2;
        var level = Math.Max(requestedLevel, defaultLevel);
        if (givenRule is GivenNameRule.AllNamesWithInitials or GivenNameRule.PrimaryNameWithInitials)
        {
            hasInitializeWith = true;
        }

        var givenText = name.Given;
        if (level == 1 && name.Family.Length > 0)
        {
            if (hasInitializeWith)
            {
                givenText = NameParts.InitializeWith(givenText, initializeWith ?? string.Empty, normalizeOnly: options.Initialize == false, Style.InitializeWithHyphen);
            }
        }

        if (element.Given?.Decor.StripPeriods == true)
        {
            givenText = givenText.Replace(".", string.Empty, StringComparison.Ordinal);
        }

        var given = level == 0 ? null : NamePart(givenText, element.Given, ctx);
        var droppingParticleText = Strip(name.DroppingParticle, element.Given);
        var nonDroppingParticleText = Strip(name.NonDroppingParticle, element.Family);
        if (ctx.Input.Mode == RenderMode.Sort)
        {
            // Particles sort without their apostrophe ("d’Wander" sorts as "d Wander").
            droppingParticleText = RemoveFirstApostrophe(droppingParticleText);
            nonDroppingParticleText = RemoveFirstApostrophe(nonDroppingParticleText);
        }

        var droppingParticle = NamePart(droppingParticleText, element.Given, ctx);
        var family = NamePart(Strip(name.Family, element.Family), element.Family, ctx);
        var nonDroppingParticle = NamePart(nonDroppingParticleText, element.Family, ctx);
        Blob? suffix = null;
        if (!string.IsNullOrEmpty(name.Suffix))
        {
            var suffixText = name.Suffix;
            if (initializeWith is not null)
            {
                suffixText = NameParts.InitializeWith(suffixText, initializeWith, normalizeOnly: true, Style.InitializeWithHyphen);
            }

            suffixText = Strip(suffixText, element.Family)!;
            var toSuffix = string.Empty;
            if (suffixText.EndsWith('.'))
            {
                suffixText = suffixText[..^1];
                toSuffix = ".";
            }

            if (suffixText.Length > 0)
            {
                suffix = MakeText(suffixText, Decor.Empty, ctx, isTerm: false);
                suffix.Suffix = toSuffix + suffix.Suffix;
            }
        }

        if (given is null)
        {
            droppingParticle = null;
            suffix = null;
        }

        var sortSeparator = options.SortSeparator ?? ", ";
        var suffixSeparator = name.CommaSuffix ? ", " : " ";
        var romanesque = Romanesque(name, ctx.Input.Item.GetText("language"));
        var nbsp = Style.DefaultLocale is { Length: >= 2 } dl && dl[..2] is "fr" or "ru" or "cs" ? "\u00a0" : " ";
        var hyphenatedParticle = name.NonDroppingParticle is { Length: > 0 } ndp && ndp[^1] is '\u2019' or '\'' or '-' or ' ';
        var familyDecor = element.Family?.Decor;
        var givenDecor = element.Given?.Decor;

        Blob? blob;
        if (romanesque == 0)
        {
            blob = JoinParts(string.Empty, nonDroppingParticle, family, given);
        }
        else if (romanesque == 1 || name.StaticOrdering)
        {
            var merged = JoinParts(nbsp, nonDroppingParticle, family);
            blob = JoinParts(" ", merged, given);
        }
        else if (ctx.Input.Mode == RenderMode.Sort)
        {
            // Sort keys: family first, parts joined as citeproc-js joins them ("|" between family and given).
            if (Style.DemoteNonDroppingParticle == DemoteParticle.Never)
            {
                var merged = JoinParts(nbsp, nonDroppingParticle, family);
                merged = JoinParts(" ", merged, droppingParticle);
                merged = JoinParts("|", merged, given);
                blob = JoinParts(" ", merged, suffix);
            }
            else
            {
                var second = JoinParts(" ", given, droppingParticle, nonDroppingParticle);
                var merged = JoinParts("|", family, second);
                blob = JoinParts(" ", merged, suffix);
            }
        }
        else if (options.NameAsSortOrder == NameAsSortOrder.All || (options.NameAsSortOrder == NameAsSortOrder.First && index == 0))
        {
            // "first" inverts the first name of every name variable rendered (not only the cite's first list), as citeproc-js does.
            if (name.Given is "Lord" or "Lady")
            {
                sortSeparator = ", ";
            }

            if (Style.DemoteNonDroppingParticle == DemoteParticle.DisplayAndSort)
            {
                var second = JoinParts(name.CommaDroppingParticle + " ", given, droppingParticle);
                second = JoinParts(" ", second, nonDroppingParticle);
                SetAffixes(second, givenDecor);
                SetAffixes(family, familyDecor);
                var merged = JoinParts(sortSeparator, family, second);
                blob = JoinParts(sortSeparator, merged, suffix);
            }
            else
            {
                var first = JoinParts(hyphenatedParticle ? string.Empty : nbsp, nonDroppingParticle, family);
                SetAffixes(first, familyDecor);
                var second = JoinParts(name.CommaDroppingParticle + " ", given, droppingParticle);
                SetAffixes(second, givenDecor);
                var merged = JoinParts(sortSeparator, first, second);
                blob = JoinParts(sortSeparator, merged, suffix);
            }

            if (blob is not null)
            {
                blob.Inverted = true;
            }
        }
        else
        {
            if (name.DroppingParticle is { Length: > 0 } dp && family is not null && name.NonDroppingParticle is null
                && dp[^1] is '\'' or '\u02bc' or '\u2019' or '-' && dp[..^1] != "de")
            {
                family = JoinParts(string.Empty, droppingParticle, family);
                droppingParticle = null;
            }

            Blob? second;
            if (hyphenatedParticle)
            {
                second = JoinParts(string.Empty, nonDroppingParticle, family);
                second = JoinParts(nbsp, droppingParticle, second);
            }
            else
            {
                second = JoinParts(nbsp, droppingParticle, nonDroppingParticle, family);
            }

            second = JoinParts(suffixSeparator, second, suffix);
            SetAffixes(second, familyDecor);
            SetAffixes(given, givenDecor);
            var commaDroppingParticle = second is not null && second.Prefix.Length > 0 ? string.Empty : name.CommaDroppingParticle;
            var space = initializeWith is not null && (initializeWith.Contains('\u00a0', StringComparison.Ordinal) || initializeWith.Contains('\ufeff', StringComparison.Ordinal)) && level == 1
                ? nbsp
                : " ";
            blob = JoinParts(commaDroppingParticle + space, given, second);
        }

        if (blob is null)
        {
            return null;
        }

        // cs:name's own affixes and formatting wrap each personal name.
        var wrapper = Blob.Node();
        wrapper.Prefix = element.Decor.Prefix;
        wrapper.Suffix = element.Decor.Suffix;
        wrapper.Decorations = Decorations.From(element.Decor.Formatting, element.Decor.Quotes);
        wrapper.Inverted = blob.Inverted;
        wrapper.Add(blob);
        return wrapper;
    }

    private static string? RemoveFirstApostrophe(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var index = text.IndexOfAny(['\'', '\u2019']);
        return index < 0 ? text : text.Remove(index, 1);
    }

    private static string? Strip(string? text, NamePartElement? part)
        => text is not null && part?.Decor.StripPeriods == true ? text.Replace(".", string.Empty, StringComparison.Ordinal) : text;

    private static void SetAffixes(Blob? blob, Decor? decor)
    {
        if (blob is null || decor is null)
        {
            return;
        }

        blob.Prefix = decor.Prefix;
        blob.Suffix = decor.Suffix;
    }
}
