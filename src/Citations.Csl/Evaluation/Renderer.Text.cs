using System.Globalization;
using System.Text.RegularExpressions;
using Citations.Csl.Output;
using Citations.Csl.Styles;

namespace Citations.Csl.Evaluation;

/// <summary>
/// cs:text (variables, terms, values; macro calls are in <c>Renderer.cs</c>) and the text node every element makes:
/// cite-level variables (locator, citation number, year suffix), short forms, text case, strip-periods, the spacing
/// rules citeproc-js applies to text.
/// </summary>
internal sealed partial class Renderer
{
    private Blob? RenderText(TextElement text, RenderContext ctx)
    {
        if (text.MacroName is not null)
        {
            return RenderMacroCall(text, ctx);
        }

        if (text.Variable is not null)
        {
            return RenderVariable(text, ctx);
        }

        if (text.Term is not null)
        {
            var term = Locale.Term(text.Term, text.TermForm, text.Plural);
            if (string.IsNullOrEmpty(term))
            {
                return null;
            }

            // A term opening a note or a bibliography entry is capitalized (not in in-text citations).
            if (!ctx.Found.TermPredecessor && !(Style.Class == CslStyleClass.InText && ctx.Input.Mode == RenderMode.Citation) && ctx.Input.Mode != RenderMode.Sort)
            {
                term = _runtime.Caser.Apply(term, TextCase.CapitalizeFirst);
            }

            return MakeText(term, text.Decor, ctx, isTerm: true);
        }

        return string.IsNullOrEmpty(text.Value) ? null : MakeText(text.Value, text.Decor, ctx, isTerm: true);
    }

    private Blob? RenderVariable(TextElement text, RenderContext ctx)
    {
        var variable = text.Variable!;
        ctx.VariablesCalled++;
        if (ctx.IsSuppressed(variable))
        {
            return null;
        }

        if (variable == "citation-number" && ctx.Input.Mode != RenderMode.Sort)
        {
            var number = ctx.Input.CitationNumber;

            // A number is not an author: an author-only cite of a numeric style prints nothing.
            if (ctx.Input.AuthorOnly)
            {
                ctx.AuthorOnlyDone = true;
                return null;
            }

            if (number <= 0)
            {
                return null;
            }

            ctx.VariablesRendered++;
            var numeric = MakeText(number.ToString(CultureInfo.InvariantCulture), text.Decor, ctx, isTerm: false);
            MarkNumeric(numeric, number);
            numeric.Kind = NumberKind.CitationNumber;
            return numeric;
        }

        if (variable == "year-suffix")
        {
            if (ctx.Input.Disambiguation.YearSuffix <= 0 || ctx.Input.IsProbe)
            {
                // As in citeproc-js, year-suffix always counts as rendered, so that a group holding it and the
                // "no date" term shows the term.
                ctx.VariablesRendered++;
                return null;
            }

            ctx.VariablesRendered++;
            var suffix = MakeText(YearSuffixText(ctx.Input.Disambiguation.YearSuffix), text.Decor, ctx, isTerm: false);
            MarkNumeric(suffix, ctx.Input.Disambiguation.YearSuffix);
            suffix.Kind = NumberKind.YearSuffix;
            return suffix;
        }

        // Rendering a text variable (other than the locator) ends a run of collapsed cites, as in citeproc-js.
        if (variable != "locator" && variable != "citation-label")
        {
            ctx.Found.HaveCollapsed = false;
        }

        var value = GetVariableText(variable, text.Form, ctx);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (ctx.InSubstitute && ctx.SubstituteKey is null)
        {
            ctx.SubstituteKey = GetVariableText(variable, VariableForm.Long, ctx);
        }

        ctx.SubstituteRendered?.Add(variable);

        if (NumberVariables.Contains(variable))
        {
            ctx.VariablesRendered++;
            return RenderNumeric(variable, value, text.Decor, NumberForm.Numeric, ctx);
        }

        if (variable == "URL" && text.Form == VariableForm.Short)
        {
            value = ShortUrlRegex().Replace(value, "$1");
            if (value.Contains("//www.", StringComparison.Ordinal))
            {
                value = HttpSchemeRegex().Replace(value, string.Empty);
            }
        }

        if (variable == "citation-label" && ctx.Input.Disambiguation.YearSuffix > 0 && !ctx.Input.IsProbe)
        {
            // A citation label carries the item's year suffix: "Doe65a".
            value += YearSuffixText(ctx.Input.Disambiguation.YearSuffix);
            ctx.YearSuffixDone = true;
        }

        ctx.VariablesRendered++;
        var blob = MakeText(value, text.Decor, ctx, isTerm: false);
        return blob;
    }

    /// <summary>The text of a variable, honouring <c>form="short"</c>, cite-level variables and substitution.</summary>
    internal string? GetVariableText(string variable, VariableForm form, RenderContext ctx)
    {
        switch (variable)
        {
            case "locator":
                return ctx.Input.Cite.Locator;
            case "first-reference-note-number":
                return ctx.Input.Cite.FirstReferenceNoteNumber?.ToString(CultureInfo.InvariantCulture);
            case "citation-number":
                return ctx.Input.CitationNumber > 0 ? ctx.Input.CitationNumber.ToString(CultureInfo.InvariantCulture) : null;
            case "year-suffix":
                return ctx.Input.Disambiguation.YearSuffix > 0 && !ctx.Input.IsProbe ? YearSuffixText(ctx.Input.Disambiguation.YearSuffix) : null;
            case "page-first":
                return ctx.Input.Item.GetText("page-first") ?? PageFirst(ctx.Input.Item.GetText("page"));
            case "citation-label":
                // Sorting uses the generated label even when the item carries one, as citeproc-js does.
                return ctx.Input.Mode != RenderMode.Sort && ctx.Input.Item.GetText("citation-label") is { Length: > 0 } given ? given : CitationLabel(ctx.Input.Item);
        }

        var item = ctx.Input.Item;
        if (form == VariableForm.Short)
        {
            var shortValue = item.GetText(variable + "-short");
            if (string.IsNullOrEmpty(shortValue))
            {
                shortValue = variable switch
                {
                    "title" => item.GetText("shortTitle"),
                    "container-title" => item.GetText("journalAbbreviation"),
                    _ => null,
                };
            }

            if (!string.IsNullOrEmpty(shortValue))
            {
                return shortValue;
            }
        }

        var value = item.GetText(variable);
        if (value is null)
        {
            if (variable == "title-short")
            {
                value = item.GetText("shortTitle");
            }
            else if (variable == "container-title-short")
            {
                value = item.GetText("journalAbbreviation");
            }
        }

        return value;
    }

    private string CitationLabel(Citations.CslData.CslItem item)
    {
        var reference = Locale.Term("reference", TermForm.Short) ?? "reference";
        reference = reference.Replace(".", string.Empty, StringComparison.Ordinal);
        reference = reference.Length > 0 ? char.ToUpperInvariant(reference[0]) + reference[1..] : reference;
        return CitationLabels.Generate(item, reference);
    }

    private static string? PageFirst(string? page)
    {
        if (string.IsNullOrEmpty(page))
        {
            return null;
        }

        var parts = PageFirstSplitRegex().Split(page);
        return parts[0].EndsWith('\\') ? page : parts[0];
    }

    [GeneratedRegex("(.*\\.[^/]+)/.*")]
    private static partial Regex ShortUrlRegex();

    [GeneratedRegex("https?://")]
    private static partial Regex HttpSchemeRegex();

    [GeneratedRegex("\\s*(?:&|, |-|\u2013)\\s*")]
    private static partial Regex PageFirstSplitRegex();

    internal static string YearSuffixText(int n)
    {
        // 1 → a, 26 → z, 27 → aa, 28 → ab …
        var chars = new List<char>();
        while (n > 0)
        {
            n--;
            chars.Insert(0, (char)('a' + (n % 26)));
            n /= 26;
        }

        return new string(chars.ToArray());
    }

    private static void MarkNumeric(Blob blob, int value)
    {
        var target = blob;
        while (target.Children is { Count: 1 } only)
        {
            target = only[0];
        }

        blob.IsNumeric = true;
        blob.NumericValue = value;
    }

    /// <summary>Creates the output node for text from a field, term or value, with the element's formatting.</summary>
    internal Blob MakeText(string text, Decor decor, RenderContext ctx, bool isTerm)
    {
        ctx.TextsMade++;
        if (text.Length > 0)
        {
            ctx.Found.TermPredecessor = true;
        }

        // Narrow no-break space before high punctuation, as French typography (and citeproc-js) does.
        if (text.Contains(' ', StringComparison.Ordinal))
        {
            text = SpaceBeforeHighPunctuationRegex().Replace(text, "\u202f$1");
            text = text.Replace("\u00ab ", "\u00ab\u202f", StringComparison.Ordinal);
            text = SpaceApostropheRegex().Replace(text, " '");
        }

        // Text starting with terminal punctuation hands it to the prefix (as citeproc-js does), unless it starts with a space.
        var movedPrefix = string.Empty;
        if (text.Length > 1 && text[0] != ' ')
        {
            var cut = 0;
            while (cut < text.Length - 1 && text[cut] is ':' or '.' or ';' or '!' or '?' or ' ')
            {
                cut++;
            }

            if (cut > 0)
            {
                movedPrefix = text[..cut];
                text = text[cut..];
            }
        }

        text = PrepareText(text, decor, ctx, isTerm);
        var blob = new Blob();
        ApplyDecor(blob, decor);
        blob.Prefix += movedPrefix;
        if (!RichTextParser.MayHaveMarkup(text))
        {
            blob.Text = text;
        }
        else
        {
            _runtime.RichText.Apply(blob, text, ctx.Scope.Push(blob.Decorations));
        }

        return blob;
    }

    [GeneratedRegex(" ([:;?!\u00bb])")]
    private static partial Regex SpaceBeforeHighPunctuationRegex();

    [GeneratedRegex("\\s+'")]
    private static partial Regex SpaceApostropheRegex();

    [GeneratedRegex("\\.([^a-z]|$)")]
    private static partial Regex PeriodRegex();

    private string PrepareText(string text, Decor decor, RenderContext ctx, bool isTerm)
    {
        // Title case is held back for non-English items' own text only; locale terms and literal values take it.
        if (decor.TextCase == TextCase.Title && isTerm)
        {
            text = _runtime.Caser.Apply(text, TextCase.Title);
        }
        else if (decor.TextCase != TextCase.None)
        {
            text = ApplyTextCase(text, decor.TextCase, ctx);
        }

        if (decor.StripPeriods)
        {
            text = PeriodRegex().Replace(text, "$1");
        }

        return text;
    }

    private string ApplyTextCase(string text, TextCase textCase, RenderContext ctx)
    {
        if (textCase == TextCase.Title && !IsEnglishItem(ctx))
        {
            return text;
        }

        return textCase is TextCase.Uppercase or TextCase.Lowercase
            ? _runtime.CaserFor(ctx.Input.Item.GetText("language")).Apply(text, textCase)
            : _runtime.Caser.Apply(text, textCase);
    }

    /// <summary>Title case applies to English items only: the item's language, else the style's locale.</summary>
    private bool IsEnglishItem(RenderContext ctx)
    {
        var language = ctx.Input.Item.GetText("language");
        if (string.IsNullOrWhiteSpace(language))
        {
            return Locale.IsEnglish;
        }

        return language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }

    private static void StripPeriodsInLeaves(Blob blob)
    {
        if (blob.Text is not null)
        {
            if (!blob.IsNumeric)
            {
                blob.Text = PeriodRegex().Replace(blob.Text, "$1");
            }

            return;
        }

        if (blob.Children is { } children)
        {
            foreach (var child in children)
            {
                StripPeriodsInLeaves(child);
            }
        }
    }
}
