using System.Globalization;
using System.Text.RegularExpressions;
using Citations.Csl.Output;
using Citations.Csl.Styles;

namespace Citations.Csl.Evaluation;

internal sealed partial class Renderer
{
    /// <summary>Variables citeproc-js renders through its number machinery even from cs:text.</summary>
    private static readonly HashSet<string> NumberVariables = new(StringComparer.Ordinal)
    {
        "page", "page-first", "chapter-number", "collection-number", "edition", "issue", "number", "number-of-pages",
        "number-of-volumes", "volume", "locator",
    };

    private Blob? RenderNumber(NumberElement element, RenderContext ctx)
    {
        ctx.VariablesCalled++;
        if (ctx.IsSuppressed(element.Variable))
        {
            return null;
        }

        var value = GetVariableText(element.Variable, VariableForm.Long, ctx);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        ctx.VariablesRendered++;
        ctx.SubstituteRendered?.Add(element.Variable);
        return RenderNumeric(element.Variable, value, element.Decor, element.Form, ctx);
    }

    /// <summary>Renders a number variable: each number formatted (ordinal, roman …), joined as written, with embedded
    /// labels shown where citeproc-js shows them.</summary>
    private Blob RenderNumeric(string variable, string value, Decor decor, NumberForm form, RenderContext ctx, TermForm? labelForm = null)
    {
        var parsed = _runtime.ParseNumber(NumberInput(variable, value, ctx), variable, variable is "locator" or "locator-extra" ? ctx.Input.Cite.Label : null);
        var parts = parsed.Parts;
        var master = Blob.Node();
        master.Prefix = decor.Prefix;
        master.Suffix = decor.Suffix;
        master.Decorations = Decorations.From(decor.Formatting, decor.Quotes);
        var partDecor = decor with { Prefix = string.Empty, Suffix = string.Empty, Formatting = Formatting.Empty, Quotes = false, Display = Display.None };
        var gender = Locale.GenderOf(variable);

        if (parts.Count > 0 && parts[0].Value.StartsWith('"') && parts[^1].Value.EndsWith('"') && (parts.Count > 1 || parts[0].Value.Length > 1))
        {
            parts[0].Value = parts[0].Value[1..];
            parts[^1].Value = parts[^1].Value[..^1];
            master.Decorations.Quotes = QuoteMark.Outer;
        }

        var masterLabel = parts.Count > 0 ? parts[0].Label : null;
        var scope = ctx.Scope;
        ctx.Scope = scope.Push(master.Decorations);
        foreach (var part in parts)
        {
            if (part.LabelVisible)
            {
                var labelName = part.Label.StartsWith("var:", StringComparison.Ordinal) ? part.Label[4..] : NumberParser.Labels.GetValueOrDefault(part.Label);
                var form2 = part.Label == masterLabel ? labelForm ?? (parsed.ShortLabelForm ? TermForm.Short : TermForm.Long) : TermForm.Short;
                var labelText = labelName is null ? null : Locale.Term(labelName, form2, part.Plural);
                if (string.IsNullOrEmpty(labelText))
                {
                    labelText = part.Label;
                }

                master.Add(MakeText(labelText + part.LabelSuffix, Decor.Empty, ctx, isTerm: true));
            }

            Blob blob;
            if (part.Collapsible)
            {
                // citeproc-js keeps these as number objects: formatted when the value is a plain positive integer,
                // otherwise printed as written (no markup parsing). Numbers after another embedded label ("7, p. 3")
                // belong to that label and stay plain.
                var isInteger = part.Value.Length > 0 && part.Value[0] != '0' && part.Value.All(char.IsAsciiDigit)
                    && int.TryParse(part.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _);
                var number = isInteger ? int.Parse(part.Value, CultureInfo.InvariantCulture) : 0;
                var text = !isInteger || part.Particle.Length > 0
                    ? part.Particle + part.Value
                    : FormatNumber(number, part.Label == masterLabel ? form : NumberForm.Numeric, gender);
                if (partDecor.TextCase != TextCase.None)
                {
                    text = ApplyTextCase(text, partDecor.TextCase, ctx);
                }

                blob = new Blob { Text = text, IsNumeric = isInteger, NumericValue = number };
            }
            else
            {
                blob = MakeText(part.Particle + part.Value, partDecor, ctx, isTerm: false);
            }

            blob.Suffix += part.JoiningSuffix.Replace("\\-", "-", StringComparison.Ordinal);
            master.Add(blob);
        }

        ctx.Scope = scope;
        return master;
    }

    /// <summary>
    /// The value the number parser reads: a legal case's <c>number</c> is a docket number ("99-12345",
    /// "2:19-cv-01234"), so its hyphens are literal, not ranges or joiners; citeproc-js escapes them the same way.
    /// </summary>
    private static string NumberInput(string variable, string value, RenderContext ctx)
        => variable == "number" && ctx.Input.Item.Type == "legal_case" && value.Contains('-', StringComparison.Ordinal)
            ? DocketHyphenRegex().Replace(value, "\\-")
            : value;

    [GeneratedRegex(@"\\*-")]
    private static partial Regex DocketHyphenRegex();

    private string FormatNumber(int number, NumberForm form, Locales.Gender gender) => form switch
    {
        NumberForm.Ordinal => number.ToString(CultureInfo.InvariantCulture) + Locale.OrdinalSuffix(number, gender),
        NumberForm.LongOrdinal => Locale.LongOrdinal(number, gender),
        NumberForm.Roman => Roman(number),
        _ => number.ToString(CultureInfo.InvariantCulture),
    };

    private static string Roman(int number)
    {
        if (number is <= 0 or >= 6000)
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        string[][] numerals =
        [
            ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"],
            ["", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"],
            ["", "c", "cc", "ccc", "cd", "d", "dc", "dcc", "dccc", "cm"],
            ["", "m", "mm", "mmm", "mmmm", "mmmmm"],
        ];
        var digits = number.ToString(CultureInfo.InvariantCulture);
        var result = string.Empty;
        for (var pos = 0; pos < digits.Length; pos++)
        {
            var n = digits[digits.Length - 1 - pos] - '0';
            result = numerals[pos][n] + result;
        }

        return result;
    }

    private Blob? RenderLabel(LabelElement label, RenderContext ctx, string? termOverride)
    {
        string? value;
        string term;
        string? citeLabel = null;
        if (label.Variable == "locator")
        {
            value = ctx.Input.Cite.Locator;
            citeLabel = ctx.Input.Cite.Label;
            term = citeLabel switch
            {
                null or "" => "page",
                "sub verbo" => "sub-verbo",
                var l => l,
            };
        }
        else
        {
            value = GetVariableText(label.Variable, VariableForm.Long, ctx);
            term = label.Variable;
        }

        if (string.IsNullOrEmpty(value) || ctx.IsSuppressed(label.Variable))
        {
            return null;
        }

        var plural = false;
        if (label.Plural == PluralMode.Always)
        {
            plural = true;
        }
        else if (label.Plural == PluralMode.Contextual)
        {
            var parsed = _runtime.ParseNumber(NumberInput(label.Variable, value, ctx), label.Variable, citeLabel);
            plural = parsed.Plural;
            if (label.Variable is "locator" or "number" or "page" && parsed.LabelTerm is { } embedded)
            {
                term = embedded;
            }
        }

        var text = Locale.Term(termOverride ?? term, label.Form, plural);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (label.Decor.StripPeriods)
        {
            text = text.Replace(".", string.Empty, StringComparison.Ordinal);
        }

        return MakeText(text, label.Decor with { StripPeriods = false }, ctx, isTerm: true);
    }
}
