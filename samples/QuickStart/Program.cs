using Citations.CslData;
using Citations.Model;
using Citations.Reports;
using Citations.Validation;

var dataset = new CslItemBuilder("cdc-overdose", CslItemTypes.Dataset).Set(CslVariables.Title, "Provisional Drug Overdose Death Counts").Build();
var article = new ArticleBuilder(new CslItemBuilder("my-article", CslItemTypes.ArticleNewspaper).Set(CslVariables.Title, "Overdoses in 2023").Build())
    .AddSource(dataset, SourceClass.PrimaryData)
    .AddClaim("deaths-2023", ClaimKind.Statistic, "More than 76,000 people died of synthetic opioids in 2023.", claim => claim
        .AnchoredAt(1, "more than 76,000").Cites("cdc-overdose", CitationRelation.CitesAsDataSource))
    .AddClaim("cause", ClaimKind.Factual, "Most of those deaths involved fentanyl.", claim => claim.AnchoredAt(1, "fentanyl"))
    .Build();
foreach (var problem in ArticleValidator.Validate(article)) Console.Error.WriteLine(problem);
Console.Write(CoverageReport.Create(article).Render(CoverageReportFormats.Markdown));
