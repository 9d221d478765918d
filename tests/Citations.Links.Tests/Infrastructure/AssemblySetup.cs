namespace Citations.Links.Tests.Infrastructure;

/// <summary>Starts the test site once for every test in the assembly.</summary>
[TestClass]
public static class AssemblySetup
{
    public static TestSite Site { get; private set; } = null!;

    [AssemblyInitialize]
    public static async Task StartAsync(TestContext context) => Site = await TestSite.StartAsync();

    [AssemblyCleanup]
    public static async Task StopAsync() => await Site.DisposeAsync();
}
