using Citations.CslData;
using Citations.Serialization;

namespace Citations.Csl.Tests;

/// <summary>A few items of the kinds our users cite (written for these tests).</summary>
internal static class SampleItems
{
    public const string Json = """
        [
          {"id": "journal", "type": "article-journal", "title": "Measuring the reach of fentanyl seizures at the border", "author": [{"family": "Okafor", "given": "Adaeze"}, {"family": "Lindqvist", "given": "Per"}, {"family": "García", "given": "María José"}], "container-title": "Journal of Drug Policy Analysis", "volume": "14", "issue": "2", "page": "115-139", "issued": {"date-parts": [[2023, 4]]}, "DOI": "10.1000/jdpa.2023.0142"},
          {"id": "book", "type": "book", "title": "Counting the Uncounted: Statistics at the Edge of the State", "author": [{"family": "Hale", "given": "Thomas R."}], "edition": "2", "publisher": "Northfield University Press", "publisher-place": "Chicago", "issued": {"date-parts": [[2019]]}},
          {"id": "chapter", "type": "chapter", "title": "What the encounter numbers do not say", "author": [{"family": "Nguyen", "given": "Linh"}], "editor": [{"family": "Brandt", "given": "Karen"}, {"family": "Osei", "given": "Kwame"}], "container-title": "Borders in Numbers", "publisher": "Harbor Books", "publisher-place": "Boston", "page": "45-67", "issued": {"date-parts": [[2021]]}},
          {"id": "report", "type": "report", "title": "Synthetic Opioid Supply Chains", "author": [{"literal": "Government Accountability Office"}], "genre": "Report to Congressional Requesters", "number": "GAO-24-106312", "publisher": "Government Accountability Office", "publisher-place": "Washington, DC", "issued": {"date-parts": [[2024, 3, 12]]}, "URL": "https://example.org/gao-24-106312", "accessed": {"date-parts": [[2025, 1, 20]]}},
          {"id": "dataset", "type": "dataset", "title": "Provisional Drug Overdose Death Counts", "author": [{"literal": "National Center for Health Statistics"}], "version": "2025-01", "collection-title": "Vital Statistics Rapid Release", "publisher": "Centers for Disease Control and Prevention", "issued": {"date-parts": [[2025, 1, 15]]}, "URL": "https://example.org/nchs/vsrr", "accessed": {"date-parts": [[2025, 2, 3]]}},
          {"id": "webpage", "type": "webpage", "title": "Nationwide Encounters", "container-title": "U.S. Customs and Border Protection", "URL": "https://example.org/cbp/encounters", "accessed": {"date-parts": [[2025, 2, 1]]}},
          {"id": "news", "type": "article-newspaper", "title": "Border towns brace for new rules", "author": [{"family": "Ramirez", "given": "Elena"}], "container-title": "The Daily Ledger", "issued": {"date-parts": [[2024, 11, 8]]}, "section": "National", "URL": "https://example.org/ledger/border-towns", "accessed": {"date-parts": [[2024, 11, 9]]}},
          {"id": "thesis", "type": "thesis", "title": "Data, Doubt and the Newsroom", "author": [{"family": "van der Berg", "given": "Anneke"}], "genre": "PhD diss.", "publisher": "University of Leiden", "issued": {"date-parts": [[2018]]}},
          {"id": "anon", "type": "document", "title": "[Remark by an unnamed security expert]"},
          {"id": "edited", "type": "book", "title": "The Fact-Checker's Handbook", "editor": [{"family": "Moreau", "given": "Claire"}], "publisher": "Civic Press", "issued": {"date-parts": [[2022]]}},
          {"id": "hale2", "type": "article-journal", "title": "Why official statistics lag", "author": [{"family": "Hale", "given": "Thomas R."}], "container-title": "Public Data Review", "volume": "3", "page": "1-20", "issued": {"date-parts": [[2019]]}}
        ]
        """;

    public static IReadOnlyList<CslItem> All { get; } = CslJson.Read(Json, "SampleItems.Json").GetValueOrThrow();

    public static CslItem Book => All.Single(i => i.Id.Text == "book");

    public static CslItem Get(string id) => All.Single(i => i.Id.Text == id);
}
