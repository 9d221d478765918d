using Citations.CslData;
using Citations.Model;

namespace Citations.Tests.TestSupport;

/// <summary>Small articles built in code, shared by the model, serialization, validation and report tests.</summary>
internal static class SampleArticles
{
    public static CslItem Item(string id, string type = CslItemTypes.Report, string? title = null, string? url = null)
    {
        var builder = new CslItemBuilder(id, type).Set(CslVariables.Title, title ?? $"Title of {id}");
        if (url is not null)
        {
            builder.Set(CslVariables.Url, url);
        }

        return builder.Build();
    }

    /// <summary>
    /// An article using every feature: a think tank relying on a dataset (a chain to primary data), an anonymous
    /// source, a disputed source, locators, quotes, reviewer links and notes.
    /// </summary>
    public static Article Rich()
        => new ArticleBuilder(new CslItemBuilder("rich", CslItemTypes.ArticleNewspaper)
                .Set(CslVariables.Title, "A <i>rich</i> article")
                .SetNames(CslVariables.Author, [CslName.Person("Doe", "Jane")])
                .SetDate(CslVariables.Issued, new CslDate { DateParts = [[2025]], Circa = CslScalar.FromBoolean(true) })
                .Build())
            .AddSource(Item("dataset", CslItemTypes.Dataset, url: "https://data.example/stats"), SourceClass.PrimaryData)
            .AddSource(new Source(Item("brief"), SourceClass.AdvocacyOrThinkTank) { ReliesOn = ["dataset"], Note = "relies on the dataset" })
            .AddSource(Item("insider", CslItemTypes.Document), SourceClass.Anonymous)
            .AddSource(Item("rebuttal", CslItemTypes.ArticleNewspaper), SourceClass.News)
            .AddClaim("rate", ClaimKind.Statistic, "The rate doubled.", c => c
                .Quoted()
                .AnchoredAt(1, "The rate doubled.", suffix: "Officials")
                .Cites("brief", CitationRelation.CitesAsDataSource, Locator.Table("2"), "rates rose 100%"))
            .AddClaim("count", ClaimKind.Statistic, "There were 5,000 cases.", c => c
                .AnchoredAt(2, "5,000 cases")
                .BackedByReviewer("dataset", CitationRelation.CitesAsDataSource, Locator.Page("12–14")))
            .AddClaim("insider-says", ClaimKind.Attribution, "An insider called it a crisis.", c => c
                .AnchoredAt(2, "a crisis", prefix: "called it")
                .Cites("insider", CitationRelation.IncludesQuotationFrom)
                .WithNote("not named"))
            .AddClaim("trend", ClaimKind.Factual, "The trend is new.", c => c
                .AnchoredAt(3, "new")
                .Cites("rebuttal", CitationRelation.Disputes))
            .AddClaim("view", ClaimKind.Opinion, "This must change.", c => c.AnchoredAt(3, "must change"))
            .Build();

    /// <summary>The text <see cref="Rich"/> is anchored in.</summary>
    public static ArticleText RichText()
        => ArticleText.Parse("The rate doubled. Officials said so.\nThere were 5,000 cases; an insider called it a crisis.\nThe trend is new, and this must change.\n");
}
