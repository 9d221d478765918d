using System.Xml;
using System.Xml.Linq;
using Citations.Diagnostics;

namespace Citations.Csl.Styles;

/// <summary>Loads CSL XML safely: no DTD processing, no external entities, no resolver, bounded size and depth.</summary>
/// <remarks>
/// The depth is checked while the text is read, before any tree is built: <see cref="XDocument"/> takes time that
/// grows with the square of the nesting depth (100,000 nested elements took 39 s to be refused when the check ran on
/// the built tree), so a hostile document is refused after reading at most its first <see cref="MaxDepth"/> levels.
/// </remarks>
internal static class CslXml
{
    public const string Namespace = "http://purl.org/net/xbiblio/csl";

    /// <summary>Deeper nesting than this is hostile or broken input, not a style.</summary>
    public const int MaxDepth = 256;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        MaxCharactersInDocument = 64 * 1024 * 1024,
        MaxCharactersFromEntities = 0,
    };

    public static XElement Load(string xml, string? file)
    {
        try
        {
            CheckDepth(xml, file);
            using var reader = XmlReader.Create(new StringReader(xml), Settings);
            var document = XDocument.Load(reader, LoadOptions.SetLineInfo);
            return document.Root ?? throw new CslException("The document has no root element.", new SourceLocation(file, null, 1, 1));
        }
        catch (XmlException e)
        {
            var problem = e.Message;
            var cut = problem.IndexOf(" Line ", StringComparison.Ordinal);
            if (cut > 0)
            {
                problem = problem[..cut];
            }

            if (problem.Contains("DTD", StringComparison.OrdinalIgnoreCase))
            {
                problem = "DTDs are not allowed in CSL files (they could expand entities or fetch external files). " + problem;
            }

            var (line, column) = e.LineNumber > 0 ? (e.LineNumber, Math.Max(1, e.LinePosition)) : PositionOf(xml, xml.IndexOf("<!DOCTYPE", StringComparison.Ordinal));
            throw new CslException("Malformed XML: " + problem, new SourceLocation(file, null, line, column), e);
        }
    }

    /// <summary>The 1-based line and column of a character (the start of the text when not found): for reader errors
    /// that carry no position, such as a prohibited DTD.</summary>
    private static (int Line, int Column) PositionOf(string xml, int index)
    {
        if (index < 0)
        {
            return (1, 1);
        }

        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (xml[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }

    public static SourceLocation Where(XObject node, string? file)
    {
        var info = (IXmlLineInfo)node;
        return new SourceLocation(file, null, info.HasLineInfo() ? info.LineNumber : 0, info.HasLineInfo() ? info.LinePosition : 0);
    }

    public static int LineOf(XObject node) => ((IXmlLineInfo)node).HasLineInfo() ? ((IXmlLineInfo)node).LineNumber : 0;

    /// <summary>Reads the document once, streaming, and refuses it at the first element nested deeper than
    /// <see cref="MaxDepth"/> (the root is at depth 1).</summary>
    private static void CheckDepth(string xml, string? file)
    {
        using var reader = XmlReader.Create(new StringReader(xml), Settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth >= MaxDepth)
            {
                var info = (IXmlLineInfo)reader;
                throw new CslException($"Elements are nested more than {MaxDepth} deep.", new SourceLocation(file, null, info.LineNumber, info.LinePosition));
            }
        }
    }
}
