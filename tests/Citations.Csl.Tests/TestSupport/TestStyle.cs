using Citations.Csl.Styles;

namespace Citations.Csl.Tests.TestSupport;

/// <summary>Builds small CSL styles from the parts a test cares about.</summary>
internal static class TestStyle
{
    public const string Id = "http://example.org/styles/test";

    /// <summary>The XML of a complete style.</summary>
    /// <param name="citation">The <c>cs:citation</c> element.</param>
    /// <param name="bibliography">The <c>cs:bibliography</c> element, if any.</param>
    /// <param name="macros">Macro and locale elements.</param>
    /// <param name="attributes">Extra attributes of <c>cs:style</c>.</param>
    /// <param name="styleClass"><c>in-text</c> or <c>note</c>.</param>
    public static string Xml(string citation, string? bibliography = null, string macros = "", string attributes = "", string styleClass = "in-text")
        => $"""
            <style xmlns="http://purl.org/net/xbiblio/csl" class="{styleClass}" version="1.0" {attributes}>
              <info><id>{Id}</id><title>Test style</title></info>
              {macros}
              {citation}
              {bibliography}
            </style>
            """;

    /// <summary>A style whose bibliography holds <paramref name="body"/> (a layout, optionally after a sort).</summary>
    public static CslStyle Bibliography(string body, string attributes = "", string macros = "", string bibliographyAttributes = "")
        => CslStyle.Parse(Xml(
            """<citation><layout><text variable="title"/></layout></citation>""",
            $"<bibliography {bibliographyAttributes}>{body}</bibliography>",
            macros,
            attributes));

    /// <summary>A style whose citation holds <paramref name="body"/>, with a bibliography that prints the title.</summary>
    public static CslStyle Citation(string body, string attributes = "", string macros = "", string citationAttributes = "", string styleClass = "in-text")
        => CslStyle.Parse(Xml(
            $"<citation {citationAttributes}>{body}</citation>",
            """<bibliography><layout><text variable="title"/></layout></bibliography>""",
            macros,
            attributes,
            styleClass));
}
