using Citations.CslData;
using Citations.Diagnostics;
using Citations.Formats.BibTeX;

namespace Citations.Tests.Formats.BibTeX;

/// <summary>Reads small .bib snippets through the public reader for the tests.</summary>
internal static class BibText
{
    public static ParseResult<IReadOnlyList<CslItem>> Read(string text, bool biblatex = true)
        => (biblatex ? BibTeXFormat.BibLaTeX : BibTeXFormat.BibTeX).Read(text, "test.bib");

    /// <summary>Reads a snippet that must give exactly one item and no error.</summary>
    public static CslItem One(string text, bool biblatex = true)
    {
        var result = Read(text, biblatex);
        Assert.IsFalse(result.Diagnostics.Any(d => d.IsError), string.Join("\n", result.Diagnostics));
        Assert.AreEqual(1, result.Value!.Count);
        return result.Value[0];
    }

    /// <summary>The title of a one-entry snippet whose title field is given.</summary>
    public static string? Title(string title, string extra = "")
        => One($"@book{{k, title = {{{title}}}, {extra}}}").GetText("title");

    public static IReadOnlyList<CslName> Authors(string authors, string extra = "", bool biblatex = true)
        => One($"@book{{k, author = {{{authors}}}, title = {{T}}, {extra}}}", biblatex).Authors;

    public static string Parts(CslDate? date)
        => date is null ? "(none)" : date.Literal is { } literal ? "literal:" + literal
            : string.Join("/", date.DateParts!.Select(p => string.Join("-", p.Select(s => s.Text)))) + (date.Circa is null ? string.Empty : "~");
}
