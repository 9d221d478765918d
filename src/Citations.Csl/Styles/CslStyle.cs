using Citations.Csl.Locales;
using Citations.Diagnostics;

namespace Citations.Csl.Styles;

/// <summary>Whether a style places citations in the text or in notes.</summary>
public enum CslStyleClass
{
    /// <summary>Citations in the running text, such as "(Doe 2020)" or "[1]".</summary>
    InText,

    /// <summary>Citations in footnotes or endnotes.</summary>
    Note,
}

/// <summary>How non-dropping particles ("van" in "Vincent van Gogh") are treated in inverted names.</summary>
internal enum DemoteParticle : byte { Never, SortOnly, DisplayAndSort }

internal enum PageRangeFormat : byte { None, Chicago, Chicago15, Chicago16, Expanded, Minimal, MinimalTwo }

/// <summary>
/// A parsed CSL 1.0.2 style: its metadata, macros, citation and bibliography layouts and options, compiled once into an
/// immutable tree that formats any number of documents, concurrently.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. A dependent style (one that only points to a parent) is parsed as such; resolve it with
/// a style loader to get the independent style that renders.
/// </remarks>
public sealed class CslStyle
{
    internal CslStyle()
    {
    }

    /// <summary>The style's id (<c>info/id</c>), usually a URI.</summary>
    public string Id { get; internal init; } = string.Empty;

    /// <summary>The style's title (<c>info/title</c>).</summary>
    public string Title { get; internal init; } = string.Empty;

    /// <summary>Where the style was read from (a file path or label), if known.</summary>
    public string? Source { get; internal init; }

    /// <summary>Whether citations go in the text or in notes.</summary>
    public CslStyleClass Class { get; internal init; }

    /// <summary>The style's <c>default-locale</c>, if any.</summary>
    public string? DefaultLocale { get; internal init; }

    /// <summary>The CSL version the style declares.</summary>
    public string Version { get; internal init; } = "1.0";

    /// <summary>The URI of the independent parent (<c>link rel="independent-parent"</c>), for a dependent style.</summary>
    public string? IndependentParent { get; internal init; }

    /// <summary>Whether this is a dependent style: it has no layouts of its own and renders with its parent's.</summary>
    public bool IsDependent => IndependentParent is not null && Citation is null;

    /// <summary>Whether the style defines a bibliography.</summary>
    public bool HasBibliography => Bibliography is not null;

    /// <summary>What was ignored or suspicious while parsing: unknown elements and attributes, undefined macros.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; internal init; } = [];

    internal CitationSection? Citation { get; init; }

    internal BibliographySection? Bibliography { get; init; }

    internal IReadOnlyDictionary<string, Macro> Macros { get; init; } = new Dictionary<string, Macro>();

    internal IReadOnlyList<CslLocale> InlineLocales { get; init; } = [];

    internal NameOptions NameOptions { get; init; } = NameOptions.Empty;

    internal DemoteParticle DemoteNonDroppingParticle { get; init; } = DemoteParticle.DisplayAndSort;

    internal bool InitializeWithHyphen { get; init; } = true;

    internal PageRangeFormat PageRangeFormat { get; init; }

    /// <summary>Parses a style from its XML text.</summary>
    /// <param name="xml">The style's XML.</param>
    /// <param name="source">The file name or label for messages, if any.</param>
    /// <exception cref="CslException">The XML is malformed, is not a CSL style, or has a macro that calls itself.</exception>
    public static CslStyle Parse(string xml, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        return StyleParser.Parse(xml, source);
    }

    /// <summary>Reads and parses a style file.</summary>
    /// <param name="path">The file's path.</param>
    /// <exception cref="CslException">The file is malformed, not UTF-8, or larger than <see cref="Formats.InputFile.DefaultMaxBytes"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CslStyle Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return StyleParser.Parse(CslFileText.Read(path), path);
    }

    /// <summary>Returns a copy of this dependent style's parent that renders with this style's id, title and default locale.</summary>
    internal CslStyle WithParent(CslStyle parent) => new()
    {
        Id = Id,
        Title = Title,
        Source = Source,
        Class = parent.Class,
        DefaultLocale = DefaultLocale ?? parent.DefaultLocale,
        Version = parent.Version,
        IndependentParent = IndependentParent,
        Warnings = [.. Warnings, .. parent.Warnings],
        Citation = parent.Citation,
        Bibliography = parent.Bibliography,
        Macros = parent.Macros,
        InlineLocales = parent.InlineLocales,
        NameOptions = parent.NameOptions,
        DemoteNonDroppingParticle = parent.DemoteNonDroppingParticle,
        InitializeWithHyphen = parent.InitializeWithHyphen,
        PageRangeFormat = parent.PageRangeFormat,
    };

    /// <summary>Returns the style's title and id.</summary>
    public override string ToString() => $"{Title} ({Id})";
}
