using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Styles;

/// <summary>Loading styles by path, name and id, and resolving dependent styles, over ../shared/csl/styles.</summary>
[TestClass]
public sealed class CslStyleLoaderTests
{
    private const string TurabianId = "http://www.zotero.org/styles/turabian-author-date";
    private const string Chicago17Id = "http://www.zotero.org/styles/chicago-author-date-17th-edition";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task LoadAsync_EmbeddedIds_BothDefaultsLoad()
    {
        var authorDate = await CslStyleLoader.Default.LoadAsync(CslStyleSources.AuthorDate, TestContext.CancellationToken);
        var numeric = await CslStyleLoader.Default.LoadAsync("citations-numeric.csl", TestContext.CancellationToken);

        Assert.AreEqual("citations-author-date", authorDate.Id);
        Assert.AreEqual("Citations Author-Date", authorDate.Title);
        Assert.AreEqual("citations-numeric", numeric.Id);
        Assert.AreSame(authorDate, await CslStyleLoader.Default.LoadAsync("citations-author-date", TestContext.CancellationToken), "parsed once");
    }

    [TestMethod]
    public async Task LoadAsync_FilePath_ReadsTheFile()
    {
        var path = Path.Combine(SharedCsl.Styles, "apa.csl");

        var style = await CslStyleLoader.Default.LoadAsync(path, TestContext.CancellationToken);

        Assert.AreEqual("http://www.zotero.org/styles/apa", style.Id);
        Assert.AreEqual(path, style.Source);
    }

    [TestMethod]
    public async Task LoadAsync_DependentFile_ParentFoundInTheFolderAbove()
    {
        var path = Path.Combine(SharedCsl.Styles, "dependent", "turabian-author-date.csl");

        var style = await CslStyleLoader.Default.LoadAsync(path, TestContext.CancellationToken);

        Assert.AreEqual(TurabianId, style.Id);
        Assert.IsFalse(style.IsDependent);
        Assert.IsTrue(style.HasBibliography);
        Assert.AreEqual(Chicago17Id, style.IndependentParent);
    }

    [TestMethod]
    public async Task LoadAsync_DependentFile_RendersLikeItsParent()
    {
        var loader = CslStyleLoader.Default;
        var dependent = await loader.LoadAsync(Path.Combine(SharedCsl.Styles, "dependent", "turabian-author-date.csl"), TestContext.CancellationToken);
        var parent = await loader.LoadAsync(Path.Combine(SharedCsl.Styles, "chicago-author-date-17th-edition.csl"), TestContext.CancellationToken);
        var items = SampleItems.All;
        var options = new CslProcessorOptions { Format = Output.CslOutputFormat.Text };

        var fromDependent = CslProcessor.Create(dependent, options).FormatBibliography(items).Entries.Select(e => e.Text).ToList();
        var fromParent = CslProcessor.Create(parent, options).FormatBibliography(items).Entries.Select(e => e.Text).ToList();

        CollectionAssert.AreEqual(fromParent, fromDependent);
        Assert.IsNotEmpty(fromDependent);
    }

    [TestMethod]
    public async Task LoadAsync_DirectorySource_ByNameByIdAndDependentByName()
    {
        var loader = new CslStyleLoader([CslStyleSources.FromDirectory(SharedCsl.Styles)]);

        var byName = await loader.LoadAsync("apa", TestContext.CancellationToken);
        var byId = await loader.LoadAsync("https://www.zotero.org/styles/modern-language-association", TestContext.CancellationToken);
        var dependent = await loader.LoadAsync("turabian-author-date", TestContext.CancellationToken);

        Assert.AreEqual("http://www.zotero.org/styles/apa", byName.Id);
        Assert.AreEqual("http://www.zotero.org/styles/modern-language-association", byId.Id);
        Assert.AreEqual(TurabianId, dependent.Id);
        Assert.IsTrue(dependent.HasBibliography);
    }

    [TestMethod]
    public async Task LoadAsync_DirectorySource_IdThatIsNotTheFileName_FoundByReadingIds()
    {
        using var dir = new TempDirectory();
        File.Copy(Path.Combine(SharedCsl.Styles, "nature.csl"), dir.Combine("renamed.csl"));
        var loader = new CslStyleLoader([CslStyleSources.FromDirectory(dir.Path)]);

        var style = await loader.LoadAsync("http://www.zotero.org/styles/nature", TestContext.CancellationToken);

        Assert.AreEqual("http://www.zotero.org/styles/nature", style.Id);
        Assert.AreEqual(dir.Combine("renamed.csl"), style.Source);
    }

    [TestMethod]
    public async Task LoadAsync_DependentWithoutItsParent_NotFoundListsWhereItLooked()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("dependent"));
        var path = dir.Combine("dependent", "turabian-author-date.csl");
        File.Copy(Path.Combine(SharedCsl.Styles, "dependent", "turabian-author-date.csl"), path);

        var e = await Assert.ThrowsExactlyAsync<CslStyleNotFoundException>(() => CslStyleLoader.Default.LoadAsync(path, TestContext.CancellationToken).AsTask());

        Assert.AreEqual(path, e.Dependent);
        Assert.EndsWith("chicago-author-date-17th-edition", e.Reference);
        Assert.Contains($"the styles in {dir.Path}", e.LookedIn);
        Assert.Contains($"the styles in {dir.Combine("dependent")}", e.LookedIn);
        Assert.StartsWith($"The dependent style {path} needs its parent", e.Message);
    }

    [TestMethod]
    public async Task LoadAsync_DirectorySourceComesFirst_ParentTakenFromIt()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("dependent"));
        var path = dir.Combine("dependent", "turabian-author-date.csl");
        File.Copy(Path.Combine(SharedCsl.Styles, "dependent", "turabian-author-date.csl"), path);
        var loader = new CslStyleLoader([CslStyleSources.FromDirectory(SharedCsl.Styles)]);

        var style = await loader.LoadAsync(path, TestContext.CancellationToken);

        Assert.AreEqual(TurabianId, style.Id);
        Assert.IsTrue(style.HasBibliography);
    }

    [TestMethod]
    public async Task LoadAsync_CustomParentResolver_ReplacesTheSearch()
    {
        var asked = new List<string>();
        var loader = new CslStyleLoader([CslStyleSources.FromDirectory(SharedCsl.Styles)], async (dependent, ct) =>
        {
            asked.Add(dependent.IndependentParent!);
            return await CslStyleSources.Embedded.FindAsync(CslStyleSources.AuthorDate, ct);
        });

        var style = await loader.LoadAsync("turabian-author-date", TestContext.CancellationToken);
        var entry = CslProcessor.Create(style, new CslProcessorOptions { Format = Output.CslOutputFormat.Text }).FormatBibliography([SampleItems.Book]).Entries.Single().Text;

        Assert.HasCount(1, asked);
        Assert.AreEqual(TurabianId, style.Id);
        Assert.AreEqual("Hale, Thomas R. 2019. Counting the Uncounted: Statistics at the Edge of the State. 2nd ed. Chicago: Northfield University Press.", entry);
    }

    [TestMethod]
    public async Task LoadAsync_CustomParentResolverFindsNothing_NotFound()
    {
        var loader = new CslStyleLoader([CslStyleSources.FromDirectory(SharedCsl.Styles)], (_, _) => ValueTask.FromResult<CslStyle?>(null));

        var e = await Assert.ThrowsExactlyAsync<CslStyleNotFoundException>(() => loader.LoadAsync("turabian-author-date", TestContext.CancellationToken).AsTask());

        CollectionAssert.AreEqual(new[] { "the caller's parent resolver" }, e.LookedIn.ToArray());
    }

    [TestMethod]
    public async Task LoadAsync_ParentIsItselfDependent_ClearError()
    {
        var loader = new CslStyleLoader([CslStyleSources.FromDirectory(SharedCsl.Styles)], async (dependent, ct) =>
            await CslStyleSources.FromDirectory(SharedCsl.Styles).FindAsync("turabian-author-date", ct));

        var e = await Assert.ThrowsExactlyAsync<CslException>(() => loader.LoadAsync("turabian-author-date", TestContext.CancellationToken).AsTask());

        Assert.Contains("is itself a dependent style", e.Message);
    }

    [TestMethod]
    public async Task LoadAsync_MissingFilePath_NotFoundNamingTheFileAndNoFallback()
    {
        var loader = new CslStyleLoader([CslStyleSources.FromDirectory(SharedCsl.Styles)]);
        var path = Path.Combine("no-such-folder", "apa.csl");

        var e = await Assert.ThrowsExactlyAsync<CslStyleNotFoundException>(() => loader.LoadAsync(path, TestContext.CancellationToken).AsTask());

        Assert.AreEqual(path, e.Reference);
        Assert.Contains("does not exist", e.Message);
        Assert.Contains(Path.GetFullPath(path), e.Message);
    }

    [TestMethod]
    public async Task LoadAsync_UnknownName_NotFoundListsEverySource()
    {
        var loader = new CslStyleLoader([CslStyleSources.FromDirectory(SharedCsl.Styles), CslStyleSources.Embedded]);

        var e = await Assert.ThrowsExactlyAsync<CslStyleNotFoundException>(() => loader.LoadAsync("no-such-style", TestContext.CancellationToken).AsTask());

        Assert.HasCount(2, e.LookedIn);
        Assert.AreEqual($"the styles in {Path.GetFullPath(SharedCsl.Styles)}", e.LookedIn[0]);
        Assert.AreEqual("the embedded styles (citations-author-date, citations-numeric)", e.LookedIn[1]);
    }

    [TestMethod]
    public async Task LoadAsync_MalformedFile_ExceptionWithLineAndColumn()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("broken.csl");
        File.WriteAllText(path, "<?xml version=\"1.0\"?>\n<style xmlns=\"http://purl.org/net/xbiblio/csl\">\n  <info>\n</style>\n");

        var e = await Assert.ThrowsExactlyAsync<CslException>(() => CslStyleLoader.Default.LoadAsync(path, TestContext.CancellationToken).AsTask());

        Assert.AreEqual(path, e.Location.File);
        Assert.AreEqual(4, e.Location.Line);
    }

    [TestMethod]
    public void Constructor_NullSource_Rejected()
        => Assert.ThrowsExactly<ArgumentException>(() => new CslStyleLoader([CslStyleSources.Embedded, null!]));
}
