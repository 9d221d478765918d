using System.Globalization;
using Citations.Model;

namespace Citations.Reports;

/// <summary>The layout of the human-readable report, written once against <see cref="IDocumentWriter"/>.</summary>
internal static class CoverageReportLayout
{
    public static void Write(CoverageReport report, IDocumentWriter document)
    {
        document.Title($"Claim coverage: {report.ArticleTitle ?? report.ArticleId}");
        document.Paragraph(Summary(report));

        WriteUnreviewed(report, document);

        document.Heading("Claims");
        document.Table(
            ["Claim", "Kind", "Para.", "Support", "Sources"],
            report.Claims.Select(c => (IReadOnlyList<string>)
            [
                c.ClaimId,
                Labels.Kind(c.Kind),
                Number(c.Paragraph),
                SupportCell(c),
                c.Evidence.Count == 0 ? "-" : string.Join("; ", c.Evidence.Select(EvidenceCell)),
            ]).ToArray(),
            [false, false, true, false, false]);

        document.Heading("By kind of claim");
        var rows = report.ByKind.Select(k => CountsRow(Labels.Kind(k.Kind), k.Counts)).Append(CountsRow("all", report.Totals)).ToArray();
        document.Table(["Kind", "Claims", "Primary data", "Secondary only", "Anonymous only", "None"], rows, [false, true, true, true, true, true]);

        document.Heading("Sources");
        document.Table(
            ["Source", "Class", "Cited by", "Relies on", "Link"],
            report.Sources.Select(s => (IReadOnlyList<string>)
            [
                s.SourceId,
                Labels.Class(s.Class),
                s.CitedBy.Count == 1 ? "1 claim" : $"{Number(s.CitedBy.Count)} claims",
                s.ReliesOn.Count == 0 ? "-" : string.Join(", ", s.ReliesOn),
                s.Url ?? (s.Doi is { } doi ? "doi:" + doi : "none: a link check cannot cover it"),
            ]).ToArray(),
            [false, false, false, false, false]);
        document.Finish();
    }

    /// <summary>
    /// What a tool suggested and no person has confirmed yet (<c>citations extract</c>), listed apart so a reviewer
    /// sees the work left; nothing is written when everything is reviewed.
    /// </summary>
    private static void WriteUnreviewed(CoverageReport report, IDocumentWriter document)
    {
        var claims = report.Claims.Where(c => !c.Reviewed).ToArray();
        var sources = report.Sources.Where(s => !s.Reviewed).ToArray();
        if (claims.Length == 0 && sources.Length == 0)
        {
            return;
        }

        document.Heading("Unreviewed claims");
        document.Paragraph($"{Claims(claims.Length)} suggested by a tool and not yet reviewed: check the kind, the anchor and the evidence, then remove \"reviewed\": false.");
        document.Table(
            ["Claim", "Kind", "Para.", "Text"],
            claims.Select(c => (IReadOnlyList<string>)[c.ClaimId, Labels.Kind(c.Kind), Number(c.Paragraph), c.Text]).ToArray(),
            [false, false, true, false]);

        document.Heading("Unreviewed sources");
        document.Paragraph($"{(sources.Length == 1 ? "1 source" : $"{Number(sources.Length)} sources")} suggested by a tool and not yet reviewed: check the class and the item.");
        document.Table(
            ["Source", "Suggested class", "Title"],
            sources.Select(s => (IReadOnlyList<string>)[s.SourceId, Labels.Class(s.Class), s.Title ?? "-"]).ToArray(),
            [false, false, false]);
    }

    private static string Summary(CoverageReport report)
    {
        var t = report.Totals;
        var opinions = report.Claims.Count(c => c.Support == SupportLevel.None && !c.NeedsSupport);
        var text = $"{Claims(t.Claims)}: {Number(t.PrimaryData)} backed by primary data, {Number(t.Secondary)} by secondary sources only, "
                   + $"{Number(t.Anonymous)} by anonymous sources only, {Number(t.None)} with no source";
        text += opinions switch
        {
            0 => ".",
            1 => " (1 of them an opinion, which needs none).",
            _ => $" ({Number(opinions)} of them opinions, which need none).",
        };
        var reviewerOnly = report.Claims.Count(c => c.Support != SupportLevel.None && !c.CitedInArticle);
        if (reviewerOnly > 0)
        {
            text += $" For {Claims(reviewerOnly)}, the strongest source was identified by a reviewer; the article does not cite it.";
        }

        return text;
    }

    private static string SupportCell(ClaimCoverage claim)
    {
        var text = claim.Support switch
        {
            SupportLevel.PrimaryData when claim.PrimaryChain.Count > 1 => $"primary data via {string.Join(" > ", claim.PrimaryChain)}",
            SupportLevel.PrimaryData => "primary data",
            SupportLevel.Secondary => "secondary only",
            SupportLevel.Anonymous => "anonymous only",
            _ => claim.NeedsSupport ? "none" : "none (opinion)",
        };
        return claim.Support != SupportLevel.None && !claim.CitedInArticle ? text + " (not cited in article)" : text;
    }

    private static string EvidenceCell(EvidenceCoverage e)
    {
        var text = $"{e.SourceId} ({Labels.Relation(e.Relation)}";
        if (e.Origin == EvidenceOrigin.Reviewer)
        {
            text += ", added by reviewer";
        }

        return e.SourceClass is null ? text + ", missing source)" : text + ")";
    }

    private static IReadOnlyList<string> CountsRow(string label, SupportCounts c)
        => [label, Number(c.Claims), Number(c.PrimaryData), Number(c.Secondary), Number(c.Anonymous), Number(c.None)];

    private static string Claims(int count) => count == 1 ? "1 claim" : $"{Number(count)} claims";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Words for the model's values in human-readable reports.</summary>
    private static class Labels
    {
        public static string Kind(ClaimKind kind) => kind switch
        {
            ClaimKind.Statistic => "statistic",
            ClaimKind.Factual => "factual",
            ClaimKind.Attribution => "attribution",
            _ => "opinion",
        };

        public static string Class(SourceClass sourceClass) => sourceClass switch
        {
            SourceClass.PrimaryData => "primary data",
            SourceClass.OfficialStatement => "official statement",
            SourceClass.Academic => "academic",
            SourceClass.News => "news",
            SourceClass.AdvocacyOrThinkTank => "advocacy / think tank",
            SourceClass.Anonymous => "anonymous",
            _ => "unknown",
        };

        public static string Relation(CitationRelation relation) => relation switch
        {
            CitationRelation.CitesAsDataSource => "data source",
            CitationRelation.CitesAsEvidence => "evidence",
            CitationRelation.CitesAsAuthority => "authority",
            CitationRelation.IncludesQuotationFrom => "quoted",
            CitationRelation.CitesForInformation => "information",
            CitationRelation.CitesAsBackground => "background only",
            _ => "disputed",
        };
    }
}

/// <summary>A human-readable format: the shared layout written through one kind of <see cref="IDocumentWriter"/>.</summary>
internal sealed class DocumentCoverageFormat(string name, string fileExtension, Func<TextWriter, IDocumentWriter> createWriter) : ICoverageReportFormat
{
    public string Name { get; } = name;

    public string FileExtension { get; } = fileExtension;

    public void Write(CoverageReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        CoverageReportLayout.Write(report, createWriter(output));
    }
}
