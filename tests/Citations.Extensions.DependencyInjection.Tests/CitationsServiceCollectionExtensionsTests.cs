using Citations.CslData;
using Citations.Serialization;
using Citations.Csl.Styles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Citations.Extensions.DependencyInjection.Tests;

[TestClass]
public sealed class CitationsServiceCollectionExtensionsTests
{
    private static IHost Start(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddCitations(builder.Configuration.GetSection("Citations:Csl"));
        return builder.Build();
    }

    private static IReadOnlyList<CslItem> Items()
        => CslJson.Read("""[{"id":"a","type":"book","title":"Link Rot","author":[{"family":"Lee","given":"Ann"}],"issued":{"date-parts":[[2020]]}}]""", "items.json").Value!;

    [TestMethod]
    public async Task AddCitations_EmbeddedStyle_TextBibliographyAndOneProcessorPerStyle()
    {
        using var host = Start([]);
        await host.StartAsync();
        var cache = host.Services.GetRequiredService<CslProcessorCache>();

        var processor = await cache.GetAsync(CslStyleSources.AuthorDate);
        var again = await cache.GetAsync(CslStyleSources.AuthorDate);
        var text = processor.FormatBibliography(Items()).Entries.Single().Text;

        Assert.AreSame(processor, again);
        Assert.AreEqual("text", processor.Format.Name);
        Assert.AreEqual(1, processor.MaxDegreeOfParallelism);
        StringAssert.Contains(text, "Lee");
        StringAssert.Contains(text, "Link Rot");
        Assert.DoesNotContain("<", text);
        await host.StopAsync();
    }

    [TestMethod]
    public async Task AddCitations_BadFormatAndMissingFolder_HostStartFailsListingBoth()
    {
        using var host = Start(new() { ["Citations:Csl:Format"] = "pdf", ["Citations:Csl:StylesDirectory"] = "/no/such/folder" });

        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.HasCount(2, error.Failures, string.Join(Environment.NewLine, error.Failures));
    }

    [TestMethod]
    public async Task GetAsync_PathInsteadOfAName_Refused()
    {
        using var host = Start([]);
        var cache = host.Services.GetRequiredService<CslProcessorCache>();

        await Assert.ThrowsExactlyAsync<ArgumentException>(() => cache.GetAsync("../../etc/passwd.csl"));
        await Assert.ThrowsExactlyAsync<CslStyleNotFoundException>(() => cache.GetAsync("no-such-style"));
    }
}
