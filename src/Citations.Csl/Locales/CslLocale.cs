using System.Collections.Frozen;
using System.Xml.Linq;
using Citations.Csl.Styles;
using Citations.Diagnostics;

namespace Citations.Csl.Locales;

/// <summary>
/// A parsed CSL locale (a <c>locales-xx-XX.xml</c> file or a style's inline <c>cs:locale</c>): terms, date formats and
/// locale options for one language.
/// </summary>
/// <remarks>Immutable and thread-safe; parse once and share.</remarks>
public sealed class CslLocale
{
    internal CslLocale(
        string? language,
        IReadOnlyDictionary<TermKey, Term> terms,
        DateElement? textDate,
        DateElement? numericDate,
        bool? punctuationInQuote,
        bool? limitDayOrdinalsToDay1)
    {
        Language = language;
        Terms = terms;
        TextDate = textDate;
        NumericDate = numericDate;
        PunctuationInQuote = punctuationInQuote;
        LimitDayOrdinalsToDay1 = limitDayOrdinalsToDay1;
        DefinesOrdinals = terms.Keys.Any(k => TermNames.IsOrdinal(k.Name));
    }

    /// <summary>The language tag (<c>xml:lang</c>), such as <c>en-US</c>, or <see langword="null"/> for an inline locale without one.</summary>
    public string? Language { get; }

    internal IReadOnlyDictionary<TermKey, Term> Terms { get; }

    internal DateElement? TextDate { get; }

    internal DateElement? NumericDate { get; }

    internal bool? PunctuationInQuote { get; }

    internal bool? LimitDayOrdinalsToDay1 { get; }

    internal bool DefinesOrdinals { get; }

    /// <summary>Parses a locale file.</summary>
    /// <param name="xml">The XML text.</param>
    /// <param name="file">The file name for messages, if any.</param>
    /// <exception cref="CslException">The XML is malformed or is not a CSL locale.</exception>
    public static CslLocale Parse(string xml, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var root = CslXml.Load(xml, file);
        if (root.Name.LocalName != "locale")
        {
            throw new CslException($"Expected a <locale> root element, found <{root.Name.LocalName}>.", CslXml.Where(root, file));
        }

        return FromElement(root, file, warnings: null);
    }

    /// <summary>Reads and parses a locale file.</summary>
    /// <param name="path">The file's path.</param>
    /// <exception cref="CslException">The file is malformed, not UTF-8, or larger than <see cref="Formats.InputFile.DefaultMaxBytes"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CslLocale Load(string path) => Parse(CslFileText.Read(path), path);

    internal static CslLocale FromElement(XElement element, string? file, List<Diagnostic>? warnings)
    {
        var language = (string?)element.Attribute(XNamespace.Xml + "lang");
        var terms = new Dictionary<TermKey, Term>();
        DateElement? textDate = null, numericDate = null;
        bool? punctuationInQuote = null, limitDay = null;
        foreach (var child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "info":
                    break;
                case "style-options":
                    if ((string?)child.Attribute("punctuation-in-quote") is { } piq)
                    {
                        punctuationInQuote = piq == "true";
                    }

                    if ((string?)child.Attribute("limit-day-ordinals-to-day-1") is { } ld)
                    {
                        limitDay = ld == "true";
                    }

                    break;
                case "date":
                    var date = StyleParser.ParseLocaleDate(child, file, warnings);
                    if (date.Form == DateForm.Text)
                    {
                        textDate = date;
                    }
                    else if (date.Form == DateForm.Numeric)
                    {
                        numericDate = date;
                    }

                    break;
                case "terms":
                    foreach (var term in child.Elements())
                    {
                        ReadTerm(term, terms, file, warnings);
                    }

                    break;
                default:
                    warnings?.Add(new Diagnostic(DiagnosticSeverity.Warning, CslDiagnosticCodes.LocaleMarkupIgnored, $"Unknown locale element <{child.Name.LocalName}> ignored.", CslXml.Where(child, file)));
                    break;
            }
        }

        return new CslLocale(language, terms.ToFrozenDictionary(), textDate, numericDate, punctuationInQuote, limitDay);
    }

    private static void ReadTerm(XElement term, Dictionary<TermKey, Term> terms, string? file, List<Diagnostic>? warnings)
    {
        var name = (string?)term.Attribute("name");
        if (term.Name.LocalName != "term" || name is null)
        {
            warnings?.Add(new Diagnostic(DiagnosticSeverity.Warning, CslDiagnosticCodes.LocaleMarkupIgnored, "A <term> without a name was ignored.", CslXml.Where(term, file)));
            return;
        }

        var form = StyleParser.ParseTermForm((string?)term.Attribute("form")) ?? TermForm.Long;
        var genderForm = ParseGender((string?)term.Attribute("gender-form"));
        var gender = ParseGender((string?)term.Attribute("gender"));
        var match = (string?)term.Attribute("match") switch
        {
            "last-digit" => OrdinalMatch.LastDigit,
            "last-two-digits" => OrdinalMatch.LastTwoDigits,
            "whole-number" => OrdinalMatch.WholeNumber,
            _ => OrdinalMatch.Default,
        };

        string single, multiple;
        var singleElement = term.Element(term.Name.Namespace + "single");
        var multipleElement = term.Element(term.Name.Namespace + "multiple");
        if (singleElement is not null || multipleElement is not null)
        {
            single = TermText(singleElement ?? multipleElement!);
            multiple = multipleElement is null ? single : TermText(multipleElement);
        }
        else
        {
            single = multiple = TermText(term);
        }

        terms[new TermKey(name, form, genderForm)] = new Term(single, multiple, gender, match);
    }

    /// <summary>
    /// A term's text as citeproc-js reads it: line breaks are spaces, and a text of nothing but spaces, tabs and line
    /// breaks (a term a style empties over several lines) is empty.
    /// </summary>
    private static string TermText(XElement element)
    {
        var text = element.Value;
        if (text.AsSpan().IndexOfAnyExcept(" \t\r\n") < 0)
        {
            return string.Empty;
        }

        return text.IndexOfAny(['\r', '\n']) < 0 ? text : text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');
    }

    private static Gender ParseGender(string? value) => value switch
    {
        "masculine" => Gender.Masculine,
        "feminine" => Gender.Feminine,
        _ => Gender.Neuter,
    };
}
