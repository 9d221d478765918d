namespace Citations.Csl.Output;

/// <summary>A text formatting a style can ask for.</summary>
public enum CslFormatting
{
    /// <summary><c>font-style="italic"</c>.</summary>
    Italic,

    /// <summary><c>font-style="oblique"</c>.</summary>
    Oblique,

    /// <summary><c>font-style="normal"</c> inside italic text.</summary>
    NormalStyle,

    /// <summary><c>font-variant="small-caps"</c>.</summary>
    SmallCaps,

    /// <summary><c>font-variant="normal"</c> inside small caps.</summary>
    NormalVariant,

    /// <summary><c>font-weight="bold"</c>.</summary>
    Bold,

    /// <summary><c>font-weight="normal"</c> inside bold text.</summary>
    NormalWeight,

    /// <summary><c>font-weight="light"</c>.</summary>
    Light,

    /// <summary><c>text-decoration="underline"</c>.</summary>
    Underline,

    /// <summary><c>text-decoration="none"</c>.</summary>
    NoDecoration,

    /// <summary><c>vertical-align="sup"</c>.</summary>
    Superscript,

    /// <summary><c>vertical-align="sub"</c>.</summary>
    Subscript,

    /// <summary><c>vertical-align="baseline"</c>.</summary>
    Baseline,
}

/// <summary>A block layout a style can ask for (<c>display</c>).</summary>
public enum CslDisplay
{
    /// <summary>A block of its own.</summary>
    Block,

    /// <summary>The left column of a two-column entry (citation numbers).</summary>
    LeftMargin,

    /// <summary>The right column of a two-column entry.</summary>
    RightInline,

    /// <summary>An indented block.</summary>
    Indent,
}

/// <summary>
/// An output format: how text is escaped and how formatting, quotes and display blocks are written. The processor
/// writes every citation and bibliography entry through this one small interface; plain text, HTML (the markup
/// citeproc-js produces), RTF and Markdown are built in, and a caller can add another by deriving from it.
/// </summary>
/// <remarks>Implementations must be immutable and thread-safe.</remarks>
public abstract class CslOutputFormat
{
    /// <summary>Plain text: no markup, nothing escaped.</summary>
    public static CslOutputFormat Text { get; } = new TextFormat();

    /// <summary>HTML, exactly as citeproc-js writes it (<c>&lt;i&gt;</c>, <c>&lt;b&gt;</c>, numeric entities).</summary>
    public static CslOutputFormat Html { get; } = new HtmlFormat();

    /// <summary>Rich Text Format fragments, as citeproc-js writes them.</summary>
    public static CslOutputFormat Rtf { get; } = new RtfFormat();

    /// <summary>Markdown (pandoc flavour): <c>*italic*</c>, <c>**bold**</c>, HTML spans for the rest.</summary>
    public static CslOutputFormat Markdown { get; } = new MarkdownFormat();

    /// <summary>The format's name: <c>text</c>, <c>html</c>, <c>rtf</c>, <c>markdown</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Text written before a bibliography's entries.</summary>
    public virtual string BibliographyStart => string.Empty;

    /// <summary>Text written after a bibliography's entries.</summary>
    public virtual string BibliographyEnd => string.Empty;

    /// <summary>Finds a built-in format by name (<c>text</c>, <c>html</c>, <c>rtf</c>, <c>markdown</c>/<c>md</c>).</summary>
    public static CslOutputFormat? FromName(string name) => name?.ToLowerInvariant() switch
    {
        "text" or "plain" or "txt" => Text,
        "html" => Html,
        "rtf" => Rtf,
        "markdown" or "md" => Markdown,
        _ => null,
    };

    /// <summary>Escapes text so that it appears literally in this format.</summary>
    public abstract string Escape(string text);

    /// <summary>Applies one formatting to already-escaped content.</summary>
    public abstract string Format(CslFormatting formatting, string content);

    /// <summary>Wraps already-escaped content in quotation marks (the locale's marks, unescaped).</summary>
    public virtual string Quote(string content, string open, string close) => Escape(open) + content + Escape(close);

    /// <summary>Wraps already-escaped content in a display block.</summary>
    public abstract string Display(CslDisplay display, string content);

    /// <summary>Wraps one bibliography entry.</summary>
    public virtual string BibliographyEntry(string content) => content;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
