using Citations.Model;

namespace Citations.Reports;

/// <summary>Works out the support of each claim by following evidence links and the sources' own dependencies.</summary>
internal static class CoverageCalculator
{
    public static CoverageReport Calculate(Article article)
    {
        var claims = article.Claims.Select(c => Cover(article, c)).ToArray();
        return new CoverageReport
        {
            ArticleId = article.Metadata.Id.Text,
            ArticleTitle = article.Metadata.Title,
            Claims = claims,
            Totals = SupportCounts.Of(claims),
            ByKind = Enum.GetValues<ClaimKind>().Select(k => new KindCoverage(k, SupportCounts.Of(claims.Where(c => c.Kind == k)))).ToArray(),
            Sources = article.Sources.Select(s => new SourceCoverage
            {
                SourceId = s.Id,
                Title = s.Item.Title,
                Class = s.Class,
                Url = s.Item.Url,
                Doi = s.Item.Doi,
                CitedBy = article.Claims.Where(c => c.Evidence.Any(e => e.SourceId == s.Id)).Select(c => c.Id).ToArray(),
                ReliesOn = s.ReliesOn,
                Reviewed = s.Reviewed,
            }).ToArray(),
        };
    }

    private static ClaimCoverage Cover(Article article, Claim claim)
    {
        var evidence = claim.Evidence.Select(link =>
        {
            var source = article.FindSource(link.SourceId);
            var level = source is null || !link.Relation.IsSupporting() ? SupportLevel.None : LevelOf(article, source);
            return new EvidenceCoverage(link.SourceId, link.Relation, link.Origin, source?.Class, level);
        }).ToArray();

        var support = evidence.Length == 0 ? SupportLevel.None : evidence.Max(e => e.Support);
        var strongest = evidence.Where(e => support != SupportLevel.None && e.Support == support).ToArray();
        IReadOnlyList<string> chain = [];
        if (support == SupportLevel.PrimaryData)
        {
            // The shortest chain among the links that reach primary data, preferring links the article itself cites.
            chain = strongest
                .OrderBy(e => e.Origin == EvidenceOrigin.Article ? 0 : 1)
                .Select(e => article.FindChain(e.SourceId, s => s.Class == SourceClass.PrimaryData)!)
                .MinBy(c => c.Count)!
                .Select(s => s.Id)
                .ToArray();
        }

        return new ClaimCoverage
        {
            ClaimId = claim.Id,
            Kind = claim.Kind,
            Wording = claim.Wording,
            Text = claim.Text,
            Paragraph = claim.Anchor.Paragraph,
            Support = support,
            Reviewed = claim.Reviewed,
            CitedInArticle = strongest.Any(e => e.Origin == EvidenceOrigin.Article),
            PrimaryChain = chain,
            Evidence = evidence,
        };
    }

    private static SupportLevel LevelOf(Article article, Source source)
        => article.GetDependencies(source.Id).Prepend(source).Max(s => LevelOf(s.Class));

    private static SupportLevel LevelOf(SourceClass sourceClass) => sourceClass switch
    {
        SourceClass.PrimaryData => SupportLevel.PrimaryData,
        SourceClass.Anonymous => SupportLevel.Anonymous,
        _ => SupportLevel.Secondary,
    };
}
