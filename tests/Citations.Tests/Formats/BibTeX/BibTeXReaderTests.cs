using Citations.CslData;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Tests.Formats.BibTeX;

/// <summary>
/// Entry types and fields mapped to CSL as pandoc maps them, and each place where this reader deliberately differs
/// from pandoc (counted in the agreement measurement; see src/Citations/Formats/README.md).
/// </summary>
[TestClass]
public sealed class BibTeXReaderTests
{
    [TestMethod]
    [DataRow("article", "article-journal")]
    [DataRow("book", "book")]
    [DataRow("inproceedings", "paper-conference")]
    [DataRow("incollection", "chapter")]
    [DataRow("inbook", "chapter")]
    [DataRow("phdthesis", "thesis")]
    [DataRow("techreport", "report")]
    [DataRow("online", "webpage")]
    [DataRow("booklet", "pamphlet")]
    [DataRow("inreference", "entry-encyclopedia")]
    [DataRow("dataset", "dataset")]
    [DataRow("patent", "patent")]
    [DataRow("movie", "motion_picture")]
    [DataRow("letter", "personal_communication")]
    public void Read_EntryType_IsPandocsCslType(string entryType, string cslType)
        => Assert.AreEqual(cslType, BibText.One($"@{entryType}{{k, title = {{T}}}}").Type);

    [TestMethod]
    public void Read_ArticleSubtypes_AreMagazineAndNewspaper()
    {
        Assert.AreEqual("article-magazine", BibText.One("@article{k, title = {T}, entrysubtype = {magazine}}").Type);
        Assert.AreEqual("article-newspaper", BibText.One("@article{k, title = {T}, entrysubtype = {newspaper}}").Type);
    }

    [TestMethod]
    public void Read_UnpublishedWithAnEvent_IsASpeech()
        => Assert.AreEqual("speech", BibText.One("@unpublished{k, title = {T}, eventtitle = {Meeting}}").Type);

    [TestMethod]
    public void Read_UnknownEntryType_WarnsAndIsADocument()
    {
        var result = BibText.Read("@whatever{k, title = {T}}");

        Assert.AreEqual("document", result.Value!.Single().Type);
        Assert.AreEqual(DiagnosticCodes.BibUnknownEntryType, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public void Read_Misc_IsADocument()
    {
        // Deliberate difference: pandoc writes an empty type, which is not a CSL type (the CSL-JSON schema lists the
        // allowed ones); @misc is BibLaTeX's fallback type, which is CSL's generic "document".
        Assert.AreEqual("document", BibText.One("@misc{k, title = {T}}").Type);
    }

    [TestMethod]
    public void Read_Software_IsSoftware()
    {
        // Deliberate difference: pandoc makes @software a book ("no software type in CSL", true before CSL 1.0.2).
        Assert.AreEqual("software", BibText.One("@software{k, title = {T}}").Type);
    }

    [TestMethod]
    public void Read_Standard_IsStandard()
    {
        // Deliberate difference: pandoc makes @standard legislation; CSL 1.0.2 has a standard type.
        Assert.AreEqual("standard", BibText.One("@standard{k, title = {T}}").Type);
    }

    [TestMethod]
    public void Read_Conference_IsAPaperConference()
    {
        // Deliberate difference: @conference is BibLaTeX's (and BibTeX's) alias of @inproceedings; pandoc leaves the
        // type empty.
        Assert.AreEqual("paper-conference", BibText.One("@conference{k, title = {T}}").Type);
    }

    [TestMethod]
    public void Read_Article_MapsJournalVolumeNumberPagesDoi()
    {
        var item = BibText.One("""
            @article{k, author = {Doe, Jane}, title = {A Study: With a Subtitle}, journaltitle = {Journal of Things},
              volume = 3, number = {4}, pages = {10--20}, doi = {10.1/abc}, issn = {1234-5678}, langid = {english}}
            """);

        Assert.AreEqual("article-journal", item.Type);
        Assert.AreEqual("A study: With a subtitle", item.Title);
        Assert.AreEqual("A study", item.GetText("title-short"));
        Assert.AreEqual("Journal of Things", item.GetText("container-title"), "journal titles are not sentence-cased");
        Assert.AreEqual("3", item.GetText("volume"));
        Assert.AreEqual("4", item.GetText("issue"));
        Assert.AreEqual("10-20", item.GetText("page"));
        Assert.AreEqual("10.1/abc", item.Doi);
        Assert.AreEqual("1234-5678", item.GetText("ISSN"));
        Assert.AreEqual("en-US", item.GetText("language"));
    }

    [TestMethod]
    public void Read_BookNumberAndSeries_AreCollectionNumberAndTitle()
    {
        var item = BibText.One("@book{k, title = {T}, series = {Lecture Notes}, number = {42}, edition = {2}, volumes = {3}}");

        Assert.AreEqual("Lecture notes", item.GetText("collection-title"));
        Assert.AreEqual("42", item.GetText("collection-number"));
        Assert.AreEqual("2", item.GetText("edition"));
        Assert.AreEqual("3", item.GetText("number-of-volumes"));
    }

    [TestMethod]
    public void Read_PublishersAndPlaces_AreJoinedWithSemicolons()
    {
        var item = BibText.One("@book{k, title = {T}, publisher = {A and B}, location = {London and {Paris and Lyon}}}");

        Assert.AreEqual("A; B", item.GetText("publisher"));
        Assert.AreEqual("London; Paris and Lyon", item.GetText("publisher-place"));
    }

    [TestMethod]
    public void Read_BibTeXDialect_DoesNotSplitPublishers()
        => Assert.AreEqual("A and B", BibText.One("@book{k, title = {T}, publisher = {A and B}}", biblatex: false).GetText("publisher"));

    [TestMethod]
    public void Read_Langid_IsALanguageTagAndStopsSentenceCase()
    {
        var item = BibText.One("@book{k, title = {Die Geschichte}, langid = {ngerman}}");

        Assert.AreEqual("de-DE", item.GetText("language"));
        Assert.AreEqual("Die Geschichte", item.Title);
        Assert.AreEqual("en-GB", BibText.One("@book{k, title = {T}, langid = {english}, langidopts = {variant=british}}").GetText("language"));
    }

    [TestMethod]
    public void Read_EprintArxiv_IsTheArxivUrl()
        => Assert.AreEqual("https://arxiv.org/abs/2101.00001", BibText.One("@article{k, title = {T}, eprint = {2101.00001}, eprinttype = {arxiv}}").Url);

    [TestMethod]
    public void Read_ArchivePrefix_IsAnEprintType()
        => Assert.AreEqual("https://arxiv.org/abs/1", BibText.One("@article{k, title = {T}, eprint = {1}, archivePrefix = {arXiv}}").Url);

    [TestMethod]
    public void Read_EprintTypeDoi_IsTheDoi()
    {
        // Deliberate difference (a choice): the manual's eprint types are arxiv, hdl, jstor, pubmed and googlebooks, but
        // exporters write eprinttype = doi; pandoc drops the DOI, this reader keeps it.
        Assert.AreEqual("10.5555/x", BibText.One("@article{k, title = {T}, eprint = {10.5555/x}, eprinttype = {doi}}").Doi);
    }

    [TestMethod]
    public void Read_IssueWithoutNumber_IsTheIssue()
    {
        // Deliberate difference: BibLaTeX's @article has an issue field of its own ("Spring"); pandoc only reads it
        // together with a number.
        Assert.AreEqual("Winter", BibText.One("@article{k, title = {T}, volume = 9, issue = {Winter}}").GetText("issue"));
        Assert.AreEqual("2, Spring", BibText.One("@article{k, title = {T}, number = 2, issue = {Spring}}").GetText("issue"));
    }

    [TestMethod]
    public void Read_Crossref_InheritsWithBibLaTeXRules()
    {
        var result = BibText.Read("""
            @inproceedings{paper, author = {Doe, J.}, title = {Paper}, crossref = {proc}}
            @proceedings{proc, title = {Proceedings of Things}, editor = {Ed, Itor}, year = 2001, publisher = {ACM}}
            """);

        var paper = result.Value!.Single(i => i.Id.Text == "paper");
        Assert.AreEqual("Proceedings of things", paper.GetText("container-title"), "the parent's title is the child's booktitle");
        Assert.AreEqual("Paper", paper.Title);
        Assert.AreEqual("ACM", paper.GetText("publisher"));
        Assert.AreEqual("Itor", paper.GetNames("editor")![0].Given);
        Assert.AreEqual("2001", BibText.Parts(paper.Issued));
        Assert.AreEqual(2, result.Value!.Count, "the parent is an item too");
    }

    [TestMethod]
    public void Read_MultiVolumeParent_GivesMainTitleAndVolumeTitle()
    {
        var result = BibText.Read("""
            @book{vol, title = {Journeys}, volume = 2, crossref = {mv}}
            @mvbook{mv, author = {Cook, Elsa}, title = {Collected Writing}, publisher = {Wayfarer}}
            """);

        var volume = result.Value!.Single(i => i.Id.Text == "vol");
        Assert.AreEqual("Collected writing", volume.Title);
        Assert.AreEqual("Journeys", volume.GetText("volume-title"));
        Assert.AreEqual("Cook", volume.Authors.Single().Family);
    }

    [TestMethod]
    public void Read_Xdata_IsInheritedUnchangedAndNotAnItem()
    {
        var result = BibText.Read("""
            @xdata{pub, publisher = {Lakeside}, location = {Geneva}}
            @book{k, title = {T}, xdata = {pub}}
            """);

        var item = result.Value!.Single();
        Assert.AreEqual("Lakeside", item.GetText("publisher"));
        Assert.AreEqual("Geneva", item.GetText("publisher-place"));
    }

    [TestMethod]
    public void Read_MissingCrossrefParent_IsAWarning()
    {
        var result = BibText.Read("@inproceedings{k, title = {T}, crossref = {nowhere}}");

        Assert.AreEqual(1, result.Value!.Count);
        Assert.AreEqual(DiagnosticCodes.BibMissingParent, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public void Read_BibTeXYearMonthDay_AreTheIssuedDate()
        => Assert.AreEqual("2004-5-17", BibText.Parts(BibText.One("@book{k, title = {T}, year = 2004, month = may, day = 17}").Issued));

    [TestMethod]
    [DataRow("2005-08-30", "2005-8-30")]
    [DataRow("2006-03-01/2006-04-15", "2006-3-1/2006-4-15")]
    [DataRow("1998/2001", "1998/2001")]
    [DataRow("1950~", "1950~")]
    [DataRow("2014-05-06T14:30:00", "2014-5-6")]
    [DataRow("-0049", "-50")]
    [DataRow("2011-22", "2011-14")]
    public void Read_EdtfDates_AreCslDates(string date, string expected)
        => Assert.AreEqual(expected, BibText.Parts(BibText.One($"@book{{k, title = {{T}}, date = {{{date}}}}}").Issued));

    [TestMethod]
    public void Read_OpenEndedRange_KeepsTheStart()
    {
        // Deliberate difference: pandoc drops "2019-02/.." (and writes "2014-12-31/" so that citeproc-js refuses it);
        // CSL's open range is an end of zeros, which citeproc-js prints as "2019–".
        Assert.AreEqual("2019-2/0-0", BibText.Parts(BibText.One("@book{k, title = {T}, date = {2019-02/..}}").Issued));
        Assert.AreEqual("2014-12-31/0-0-0", BibText.Parts(BibText.One("@book{k, title = {T}, date = {2014-12-31/}}").Issued));
    }

    [TestMethod]
    public void Read_UncertainDate_IsCirca()
    {
        // Deliberate difference: BibLaTeX's manual defines "?" as an uncertain date, printed as such; pandoc drops it.
        Assert.AreEqual("1875~", BibText.Parts(BibText.One("@book{k, title = {T}, date = {1875?}}").Issued));
    }

    [TestMethod]
    public void Read_UnspecifiedDigits_IsARange()
    {
        // Deliberate difference: 199X is a decade (EDTF's unspecified digits, which biber reads); pandoc drops it.
        Assert.AreEqual("1990/1999", BibText.Parts(BibText.One("@book{k, title = {T}, date = {199X}}").Issued));
    }

    [TestMethod]
    public void Read_YearAsText_IsALiteralDate()
    {
        // Deliberate difference: BibTeX's year may be any text; pandoc writes an empty date and loses it.
        Assert.AreEqual("literal:circa 1890", BibText.Parts(BibText.One("@book{k, title = {T}, year = {circa 1890}}").Issued));
    }

    [TestMethod]
    public void Read_ForthcomingYear_IsAStatus()
    {
        var item = BibText.One("@book{k, title = {T}, year = {forthcoming}}");

        Assert.IsNull(item.Issued);
        Assert.AreEqual("forthcoming", item.GetText("status"));
    }

    [TestMethod]
    public void Read_InvalidDate_WarnsAndKeepsTheText()
    {
        var result = BibText.Read("@book{k, title = {T}, date = {2019-13-45}}");

        Assert.AreEqual("literal:2019-13-45", BibText.Parts(result.Value!.Single().Issued));
        var problem = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.BibInvalidDate, problem.Code);
        Assert.AreEqual(DiagnosticSeverity.Warning, problem.Severity);
        Assert.AreEqual((1, 30), (problem.Location.Line, problem.Location.Column));
    }

    [TestMethod]
    public void Read_OpenStartRange_IsLeftOutWithAWarning()
    {
        var result = BibText.Read("@book{k, title = {T}, date = {../2019}}");

        Assert.IsNull(result.Value!.Single().Issued);
        StringAssert.Contains(result.Diagnostics.Single().Message, "open start");
    }

    [TestMethod]
    public void Read_UrlDateAndOrigDateAndEventDate_AreTheirCslDates()
    {
        var item = BibText.One("@online{k, title = {T}, urldate = {2020-01-02}, origdate = {1850}, eventdate = {2019-05-01/2019-05-03}}");

        Assert.AreEqual("2020-1-2", BibText.Parts(item.Accessed));
        Assert.AreEqual("1850", BibText.Parts(item.GetDate("original-date")));
        Assert.AreEqual("2019-5-1/2019-5-3", BibText.Parts(item.GetDate("event-date")));
    }

    [TestMethod]
    public void Read_SubtitleAndTitleAddon_AreJoined()
        => Assert.AreEqual("The salt roads: Trade and travel. With maps", BibText.One("@book{k, title = {The Salt Roads}, subtitle = {Trade and Travel}, titleaddon = {With Maps}}").Title);

    [TestMethod]
    public void Read_NoteAndAddendum_AreJoined()
        => Assert.AreEqual("Open access. With a correction", BibText.One("@article{k, title = {T}, note = {Open access}, addendum = {With a correction}}").GetText("note"));

    [TestMethod]
    public void Read_EditorTypeDirector_IsTheDirector()
    {
        var item = BibText.One("@movie{k, title = {T}, editor = {Okonkwo, Ada}, editortype = {director}}");

        Assert.IsNull(item.GetNames("editor"));
        Assert.AreEqual("Okonkwo", item.GetNames("director")!.Single().Family);
    }

    [TestMethod]
    public void Read_ThesisType_IsTheGenre()
    {
        Assert.AreEqual("PhD thesis", BibText.One("@phdthesis{k, title = {T}, school = {MIT}}").GetText("genre"));
        Assert.AreEqual("Master’s thesis", BibText.One("@thesis{k, title = {T}, type = {mathesis}}").GetText("genre"));
        Assert.AreEqual("MIT", BibText.One("@phdthesis{k, title = {T}, school = {MIT}}").GetText("publisher"));
    }

    [TestMethod]
    public void Read_WholeFile_ItemsAreInFileOrderWithTheirKeysAsIds()
    {
        var result = BibText.Read("@book{b, title = {B}}\n@book{a, title = {A}}");

        CollectionAssert.AreEqual(new[] { "b", "a" }, result.Value!.Select(i => i.Id.Text).ToArray());
        Assert.AreEqual(CslScalarKind.String, result.Value![0].Id.Kind);
    }
}
