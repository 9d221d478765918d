using System.Net;
using System.Text.RegularExpressions;
using Citations.Diagnostics;
using Citations.Links.Drift;
using Citations.Validation;

namespace Citations.Links.Extraction;

/// <summary>Reads the links of an HTML document: <c>a href</c>, and <c>cite</c> on <c>blockquote</c> and <c>q</c>, whose text is a quote the cited page should contain.</summary>
internal static partial class HtmlLinks
{
    [GeneratedRegex(@"<(?<tag>a|area|blockquote|q)\b(?<attrs>(?:[^>""']|""[^""]*""|'[^']*')*)>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?<name>[A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:""(?<v>[^""]*)""|'(?<v>[^']*)'|(?<v>[^\s""'=<>`]+))", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Attribute();

    public static ParseResult<IReadOnlyList<LinkTarget>> Read(string html, string? file)
    {
        var lines = new LineIndex(html);
        var targets = new List<LinkTarget>();
        var diagnostics = new List<Diagnostic>();
        var skipUntil = 0;
        foreach (Match tag in Tag().Matches(html))
        {
            if (tag.Index < skipUntil)
            {
                continue;
            }

            var name = tag.Groups["tag"].Value.ToLowerInvariant();
            var wanted = name is "a" or "area" ? "href" : "cite";
            string? url = null;
            foreach (Match attribute in Attribute().Matches(tag.Groups["attrs"].Value))
            {
                if (attribute.Groups["name"].ValueSpan.Equals(wanted, StringComparison.OrdinalIgnoreCase))
                {
                    url = WebUtility.HtmlDecode(attribute.Groups["v"].Value.Trim());
                    break;
                }
            }

            var line = lines.LineOf(tag.Index);
            if (string.IsNullOrEmpty(url) || url.StartsWith('#')
                || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
                || url.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!url.Contains("://", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal))
            {
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Info, LinkDiagnosticCodes.RelativeLink,
                    $"The relative link '{url}' cannot be checked without a base URL.", new SourceLocation(file, null, line, 0)));
                continue;
            }

            if (url.StartsWith("//", StringComparison.Ordinal))
            {
                url = "https:" + url;
            }

            IReadOnlyList<string> quotes = [];
            if (name is "blockquote" or "q")
            {
                var close = html.IndexOf("</" + name, tag.Index + tag.Length, StringComparison.OrdinalIgnoreCase);
                if (close > 0)
                {
                    var quote = QuoteText.Normalize(HtmlText.ToText(html[(tag.Index + tag.Length)..close]));
                    if (quote.Length > 0)
                    {
                        quotes = [quote];
                    }
                }
            }

            targets.Add(new LinkTarget(url) { Origin = LinkTargetReader.Origin(file, line), Quotes = quotes });
        }

        return new ParseResult<IReadOnlyList<LinkTarget>>(targets, diagnostics);
    }
}
