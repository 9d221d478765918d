using System.Net;
using System.Text.RegularExpressions;
using Citations.Diagnostics;
using Citations.Links.Drift;
using Citations.Links.Extraction;
using Citations.Validation;

namespace Citations.Links.Benchmark;

// The regular-expression link readers that main had before issue 17 (commit f0e3aaa), unchanged but for their names:
// the reference the extraction benchmark measures the current readers against in the same run. Not used by anything else.

/// <summary>Main's HTML link reader before issue 17, kept word for word as the benchmark's reference. Reads the links of an HTML document: <c>a href</c>, and <c>cite</c> on <c>blockquote</c> and <c>q</c>, whose text is a quote the cited page should contain.</summary>
internal static partial class LegacyHtmlLinks
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

/// <summary>
/// Main's Markdown link reader before issue 17, kept word for word as the benchmark's reference. Reads the links of a Markdown document: inline links and images, reference definitions, autolinks and bare URLs,
/// skipping code. A blockquote that cites exactly one link (for example an attribution line under the quote) makes
/// its text a quote the cited page should contain.
/// </summary>
internal static partial class LegacyMarkdownLinks
{
    [GeneratedRegex(@"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(?:<(?<url>[^<>\n]+)>|(?<url>(?:[^\s()]|\([^\s()]*\))+))(?:\s+(?:""[^""]*""|'[^']*'|\([^)]*\)))?\s*\)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:\s*<?(?<url>[^\s>]+)>?", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"<(?<url>https?://[^\s<>]+)>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Autolink();

    [GeneratedRegex(@"https?://[^\s<>""'`]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BareUrl();

    [GeneratedRegex(@"`+[^`]*`+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CodeSpan();

    public static ParseResult<IReadOnlyList<LinkTarget>> Read(string markdown, string? file)
    {
        var targets = new List<LinkTarget>();
        var lines = markdown.Split('\n');
        string? fence = null;
        var quoteLines = new List<string>();
        var quoteTargets = new List<int>();
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = null;
                }

                continue;
            }

            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fence = trimmed[..3];
                continue;
            }

            var inQuote = trimmed.StartsWith('>');
            if (!inQuote)
            {
                FlushQuote(targets, quoteLines, quoteTargets);
            }

            var before = targets.Count;
            ReadLine(inQuote ? trimmed.TrimStart('>', ' ') : line, n + 1, file, targets);
            if (inQuote)
            {
                var text = trimmed.TrimStart('>', ' ');
                if (targets.Count == before)
                {
                    quoteLines.Add(text);
                }

                for (var i = before; i < targets.Count; i++)
                {
                    quoteTargets.Add(i);
                }
            }
        }

        FlushQuote(targets, quoteLines, quoteTargets);
        return new ParseResult<IReadOnlyList<LinkTarget>>(targets, []);
    }

    private static void ReadLine(string line, int lineNumber, string? file, List<LinkTarget> targets)
    {
        // Code spans hide links; blank them out, keeping offsets.
        line = CodeSpan().Replace(line, m => new string(' ', m.Length));
        var origin = LinkTargetReader.Origin(file, lineNumber);
        if (ReferenceDefinition().Match(line) is { Success: true } definition)
        {
            Add(definition.Groups["url"].Value);
            return;
        }

        var taken = new List<(int Start, int End)>();
        foreach (Match link in InlineLink().Matches(line))
        {
            taken.Add((link.Index, link.Index + link.Length));
            Add(link.Groups["url"].Value);
        }

        foreach (Match link in Autolink().Matches(line))
        {
            if (!Inside(link.Index))
            {
                taken.Add((link.Index, link.Index + link.Length));
                Add(link.Groups["url"].Value);
            }
        }

        foreach (Match bare in BareUrl().Matches(line))
        {
            if (!Inside(bare.Index))
            {
                Add(TrimTrailing(bare.Value));
            }
        }

        bool Inside(int index) => taken.Exists(t => index >= t.Start && index < t.End);

        void Add(string url)
        {
            if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                targets.Add(new LinkTarget(url) { Origin = origin });
            }
        }
    }

    /// <summary>Drops punctuation that ends a sentence rather than the URL, and a closing parenthesis without its opener.</summary>
    internal static string TrimTrailing(string url)
    {
        while (url.Length > 0)
        {
            var last = url[^1];
            if (last is '.' or ',' or ';' or ':' or '!' or '?' or '*' or '_' or '~')
            {
                url = url[..^1];
            }
            else if (last == ')' && url.Count(c => c == '(') < url.Count(c => c == ')'))
            {
                url = url[..^1];
            }
            else
            {
                break;
            }
        }

        return url;
    }

    private static void FlushQuote(List<LinkTarget> targets, List<string> quoteLines, List<int> quoteTargets)
    {
        if (quoteTargets.Count == 1 && quoteLines.Count > 0)
        {
            var quote = QuoteText.Normalize(string.Join(' ', quoteLines)).Trim('"', ' ');
            if (quote.Length > 0)
            {
                var index = quoteTargets[0];
                targets[index] = targets[index] with { Quotes = [quote] };
            }
        }

        quoteLines.Clear();
        quoteTargets.Clear();
    }
}
