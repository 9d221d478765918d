using Citations.Csl.Locales;
using Citations.Csl.Styles;

namespace Citations.Csl.Evaluation;

/// <summary>
/// A style bound to its merged locale, with everything derived from them computed once: inherited name options per
/// section, the text-case and rich-text helpers. Immutable and thread-safe; shared by every render.
/// </summary>
internal sealed class StyleRuntime
{
    public StyleRuntime(CslStyle style, Locale locale)
    {
        Style = style;
        Locale = locale;
        Caser = new TextCaser(locale.Language);
        RichText = new RichTextParser(locale.OpenQuote, locale.CloseQuote, locale.OpenInnerQuote, locale.CloseInnerQuote);
        CitationNameOptions = (style.Citation?.NameOptions ?? NameOptions.Empty).InheritFrom(style.NameOptions);
        BibliographyNameOptions = (style.Bibliography?.NameOptions ?? NameOptions.Empty).InheritFrom(style.NameOptions);
    }

    public CslStyle Style { get; }

    public Locale Locale { get; }

    public TextCaser Caser { get; }

    public RichTextParser RichText { get; }

    public NameOptions CitationNameOptions { get; }

    public NameOptions BibliographyNameOptions { get; }
}
