using Citations.Csl.Styles;

namespace Citations.Csl.Evaluation;

internal sealed partial class Renderer
{
    // One pass for conditions tested once whatever their values (disambiguate, a type list).
    private static readonly string[] DisambiguateValues = ["x"];

    /// <summary>The branch of a cs:choose whose conditions hold, or <see langword="null"/>.</summary>
    private ChooseBranch? ChooseBranch(ChooseElement choose, RenderContext ctx)
    {
        var branches = choose.Branches;
        for (var b = 0; b < branches.Count; b++)
        {
            var branch = branches[b];
            if (branch.IsElse || Holds(branch, ctx))
            {
                return branch;
            }
        }

        return null;
    }

    private bool Holds(ChooseBranch branch, RenderContext ctx)
    {
        // A branch whose conditions were all unknown (and warned about) never matches.
        if (branch.AllUnsupported)
        {
            return false;
        }

        var any = false;
        var all = true;
        var conditions = branch.Conditions;
        for (var c = 0; c < conditions.Count; c++)
        {
            var condition = conditions[c];

            // citeproc-js makes one test of a type list (true when the item has any of the types), whatever the
            // match: type="book dataset" match="all" holds for a dataset.
            var values = condition.Kind is ConditionKind.Disambiguate or ConditionKind.Type ? DisambiguateValues : condition.Values;
            for (var v = 0; v < values.Count; v++)
            {
                var value = values[v];
                var result = condition.Kind == ConditionKind.Type
                    ? HasAnyType(condition, ctx)
                    : Test(condition, value, ctx);
                any |= result;
                all &= result;
                if (branch.Match == MatchMode.Any && any)
                {
                    return true;
                }

                if (branch.Match == MatchMode.All && !all)
                {
                    return false;
                }

                if (branch.Match == MatchMode.None && any)
                {
                    return false;
                }
            }
        }

        return branch.Match switch
        {
            MatchMode.Any => any,
            MatchMode.None => !any,
            _ => all,
        };
    }

    private static bool HasAnyType(Condition condition, RenderContext ctx)
    {
        for (var i = 0; i < condition.Values.Count; i++)
        {
            if (ctx.Input.Item.Type == condition.Values[i])
            {
                return true;
            }
        }

        return false;
    }

    private bool Test(Condition condition, string value, RenderContext ctx)
    {
        switch (condition.Kind)
        {
            case ConditionKind.Disambiguate:
                if (condition.Values.Count == 0 || condition.Values[0] != "true")
                {
                    return false;
                }

                // The first N disambiguate tests of a cite pass, N being the level disambiguation reached.
                if (ctx.Input.Mode != RenderMode.Bibliography)
                {
                    ctx.Found.DisambiguateMax++;
                }

                if (ctx.Found.DisambiguateCount < ctx.Input.Disambiguation.Disambiguate)
                {
                    ctx.Found.DisambiguateCount++;
                    return true;
                }

                return false;
            case ConditionKind.Type:
                return ctx.Input.Item.Type == value;
            case ConditionKind.Variable:
                return HasVariable(value, ctx);
            case ConditionKind.IsNumeric:
            {
                var text = GetVariableText(value, VariableForm.Long, ctx);
                return text is not null && NumberParser.IsNumeric(value, NumberInput(value, text, ctx), Locale, value is "locator" ? ctx.Input.Cite.Label : null);
            }

            case ConditionKind.IsUncertainDate:
                return ctx.Input.Item.GetDate(value) is { IsCirca: true };
            case ConditionKind.Locator:
            {
                if (string.IsNullOrEmpty(ctx.Input.Cite.Locator))
                {
                    return false;
                }

                var label = ctx.Input.Cite.Label ?? "page";
                return label == value || (value == "sub-verbo" && label == "sub verbo");
            }

            case ConditionKind.Position:
                return TestPosition(value, ctx);
            case ConditionKind.HasYearOnly:
                // A date without month or season, ranges of years included (as citeproc-js reads it).
                return ctx.Input.Item.GetDate(value) is { } dy && dy.Start?.Month is null && dy.Season is null;
            case ConditionKind.HasMonthOrSeason:
                return ctx.Input.Item.GetDate(value) is { } dm && (dm.Start?.Month is not null || dm.Season is not null);
            case ConditionKind.HasDay:
                return ctx.Input.Item.GetDate(value) is { Start.Day: not null };
            case ConditionKind.Context:
                return (value == "citation" && ctx.Input.Mode == RenderMode.Citation) || (value == "bibliography" && ctx.Input.Mode == RenderMode.Bibliography);
            default:
                return false;
        }
    }

    private bool HasVariable(string variable, RenderContext ctx)
    {
        // A variable a substitute has already rendered is suppressed for output but still tests as present.
        return variable switch
        {
            "locator" => !string.IsNullOrEmpty(ctx.Input.Cite.Locator),
            "citation-number" => ctx.Input.CitationNumber > 0,
            "year-suffix" => ctx.Input.Disambiguation.YearSuffix > 0,
            "first-reference-note-number" => ctx.Input.Cite.FirstReferenceNoteNumber is not null,
            _ => ctx.Input.Item.GetNames(variable) is { Count: > 0 }
                 || ctx.Input.Item.GetDate(variable) is not null
                 || !string.IsNullOrEmpty(GetVariableText(variable, VariableForm.Long, ctx)),
        };
    }

    private static bool TestPosition(string value, RenderContext ctx)
    {
        if (ctx.Input.Mode != RenderMode.Citation)
        {
            return false;
        }

        var position = ctx.Input.Cite.Position;
        return value switch
        {
            "first" => position == CitePosition.First,
            "subsequent" => (position & CitePosition.Subsequent) != 0,
            "ibid" => (position & (CitePosition.Ibid | CitePosition.IbidWithLocator)) != 0,
            "ibid-with-locator" => (position & CitePosition.IbidWithLocator) != 0,
            "near-note" => (position & CitePosition.NearNote) != 0,
            _ => false,
        };
    }
}
