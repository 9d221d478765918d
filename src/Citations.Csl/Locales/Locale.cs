using Citations.Csl.Styles;

namespace Citations.Csl.Locales;

/// <summary>
/// The locale a style renders with: every layer (inline locales, locale files, en-US) merged in the spec's order into
/// one table. Built once per style and language, then shared by every render (immutable, thread-safe).
/// </summary>
internal sealed class Locale
{
    private readonly Dictionary<TermKey, Term> _terms;

    /// <param name="language">The language chosen.</param>
    /// <param name="layers">The layers, highest priority first.</param>
    public Locale(string language, IReadOnlyList<CslLocale> layers)
    {
        Language = language;
        _terms = new Dictionary<TermKey, Term>();

        // Apply from the lowest priority to the highest so later layers override earlier ones.
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            var layer = layers[i];
            if (layer.DefinesOrdinals)
            {
                // Redefining any ordinal term replaces every ordinal term of lower priority (CSL 1.0.1).
                foreach (var key in _terms.Keys.Where(k => TermNames.IsOrdinal(k.Name)).ToList())
                {
                    _terms.Remove(key);
                }
            }

            foreach (var (key, term) in layer.Terms)
            {
                _terms[key] = term;
            }

            TextDate = layer.TextDate ?? TextDate;
            NumericDate = layer.NumericDate ?? NumericDate;
            PunctuationInQuote = layer.PunctuationInQuote ?? PunctuationInQuote;
            LimitDayOrdinalsToDay1 = layer.LimitDayOrdinalsToDay1 ?? LimitDayOrdinalsToDay1;
        }

        OpenQuote = Term("open-quote") ?? "\u201C";
        CloseQuote = Term("close-quote") ?? "\u201D";
        OpenInnerQuote = Term("open-inner-quote") ?? "\u2018";
        CloseInnerQuote = Term("close-inner-quote") ?? "\u2019";
        IsEnglish = language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }

    public string Language { get; }

    /// <summary>Whether the language is English (title case applies only to English).</summary>
    public bool IsEnglish { get; }

    public DateElement? TextDate { get; }

    public DateElement? NumericDate { get; }

    public bool PunctuationInQuote { get; }

    public bool LimitDayOrdinalsToDay1 { get; }

    public string OpenQuote { get; }

    public string CloseQuote { get; }

    public string OpenInnerQuote { get; }

    public string CloseInnerQuote { get; }

    /// <summary>Finds a term, falling back across forms (verb-short → verb → long, symbol → short → long) and from a gendered variant to the neuter one.</summary>
    public Term? FindTerm(string name, TermForm form = TermForm.Long, Gender genderForm = Gender.Neuter)
    {
        while (true)
        {
            if (_terms.TryGetValue(new TermKey(name, form, genderForm), out var term))
            {
                return term;
            }

            if (genderForm != Gender.Neuter && _terms.TryGetValue(new TermKey(name, form, Gender.Neuter), out term))
            {
                return term;
            }

            switch (form)
            {
                case TermForm.VerbShort:
                    form = TermForm.Verb;
                    break;
                case TermForm.Symbol:
                    form = TermForm.Short;
                    break;
                case TermForm.Verb:
                case TermForm.Short:
                    form = TermForm.Long;
                    break;
                default:
                    return null;
            }
        }
    }

    /// <summary>Gets a term's text, or <see langword="null"/> when the locale does not define it.</summary>
    public string? Term(string name, TermForm form = TermForm.Long, bool plural = false)
        => FindTerm(name, form)?.Get(plural);

    /// <summary>The gender of the noun a term names (for ordinals that agree with it).</summary>
    public Gender GenderOf(string termName) => FindTerm(termName)?.Gender ?? Gender.Neuter;

    /// <summary>The ordinal suffix for a number (CSL 1.0.1 rules, with the CSL 1.0 fallback).</summary>
    public string OrdinalSuffix(int number, Gender gender)
    {
        var n = Math.Abs(number);
        if (!_terms.ContainsKey(new TermKey("ordinal", TermForm.Long, Gender.Neuter))
            && !_terms.ContainsKey(new TermKey("ordinal", TermForm.Long, gender))
            && FindTerm("ordinal-01", TermForm.Long, gender) is not null
            && FindTerm("ordinal-00", TermForm.Long, gender) is null)
        {
            // CSL 1.0: ordinal-01..04 only.
            var mod100 = n % 100;
            var legacy = (mod100 is >= 11 and <= 13) ? 4 : (n % 10) switch { 1 => 1, 2 => 2, 3 => 3, _ => 4 };
            return FindTerm($"ordinal-0{legacy}", TermForm.Long, gender)?.Single ?? string.Empty;
        }

        var lastTwo = n % 100;
        if (lastTwo >= 10)
        {
            var term = FindOrdinal($"ordinal-{lastTwo:00}", gender);
            if (term is not null && Matches(term, n, lastTwo, twoDigitGroup: true))
            {
                return term.Single;
            }
        }

        var lastDigit = n % 10;
        var one = FindOrdinal($"ordinal-0{lastDigit}", gender);
        if (one is not null && Matches(one, n, lastDigit, twoDigitGroup: false))
        {
            return one.Single;
        }

        // ordinal-0X may be defined with match="last-two-digits" for a number like 100.
        if (lastTwo < 10 && lastTwo != lastDigit)
        {
            var other = FindOrdinal($"ordinal-0{lastTwo}", gender);
            if (other is not null && Matches(other, n, lastTwo, twoDigitGroup: false))
            {
                return other.Single;
            }
        }

        return FindTerm("ordinal", TermForm.Long, gender)?.Single ?? string.Empty;
    }

    /// <summary>The long ordinal ("first", "second", …) for 1–10; other numbers get the short ordinal.</summary>
    public string LongOrdinal(int number, Gender gender)
    {
        if (number is >= 1 and <= 10 && FindOrdinal($"long-ordinal-{number:00}", gender) is { } term)
        {
            return term.Single;
        }

        return number.ToString(System.Globalization.CultureInfo.InvariantCulture) + OrdinalSuffix(number, gender);
    }

    private Term? FindOrdinal(string name, Gender gender)
        => _terms.GetValueOrDefault(new TermKey(name, TermForm.Long, gender)) ?? _terms.GetValueOrDefault(new TermKey(name, TermForm.Long, Gender.Neuter));

    private static bool Matches(Term term, int number, int termNumber, bool twoDigitGroup)
    {
        var match = term.Match == OrdinalMatch.Default ? (twoDigitGroup ? OrdinalMatch.LastTwoDigits : OrdinalMatch.LastDigit) : term.Match;
        return match switch
        {
            OrdinalMatch.WholeNumber => number == termNumber,
            OrdinalMatch.LastTwoDigits => number % 100 == termNumber,
            _ => number % 10 == termNumber,
        };
    }
}
