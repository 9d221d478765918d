using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using System.Runtime.InteropServices;
using Citations.Csl.Reference;
using Citations.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Citations.Packages.Tests;

/// <summary>
/// The packages as a .NET developer gets them: packed into a folder, referenced by version (no project reference) from
/// a console project outside the repository, whose program is the README's walk-through word for word; and the tool as
/// `dotnet tool install` gives it. Both must print what citeproc-js (render.js) prints for the same style and items,
/// with no locale given: the default path a new user takes.
/// </summary>
[TestClass]
public sealed partial class PackageConsumerTests
{
    /// <summary>The README line the test changes: its checker refuses loopback addresses, the test's site is on one.</summary>
    private const string CheckerOptionsLine = "var checkerOptions = new LinkCheckerOptions();";

    /// <summary>
    /// Every external command (pack, restore and build, run) must end within this time. Packing the tool builds four
    /// projects from nothing and compiles them ReadyToRun: about two minutes on two idle cores, over eight on a machine
    /// shared with other builds.
    /// </summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(15);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(30 * 60 * 1000, CooperativeCancellation = true)]
    public async Task ReadmeProgram_FromPackedPackages_FormatsApaAndChecksALink()
    {
        var apa = RepoPaths.RequireShared(Path.Combine(RepoPaths.SharedCsl, "styles", "apa.csl"));
        var items = Path.Combine(RepoPaths.Seeds, "sources.csl.json");
        var program = ReadmeProgram();
        var work = Directory.CreateTempSubdirectory("citations-consumer-");
        try
        {
            var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
            foreach (var project in Libraries)
            {
                await RunAsync("dotnet", ["pack", Path.Combine(RepoPaths.Root, "src", project, project + ".csproj"), "-c", Configuration, "--no-build", "-o", feed], RepoPaths.Root);
            }

            var version = PackedVersion(feed, "Citations.Csl");
            foreach (var project in Libraries)
            {
                Assert.AreEqual(version, PackedVersion(feed, project), "the packages of one commit share a version");
            }

            Assert.MatchesRegex(new Regex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$"), version);

            var app = Directory.CreateDirectory(Path.Combine(work.FullName, "app")).FullName;
            WriteConsumer(app, feed, version, program);
            await using var site = await LoopbackSite.StartAsync(TestContext.CancellationToken);
            var url = site.Address + "report";

            await RunAsync("dotnet", ["build", app, "-c", "Release", "-nologo"], app);
            var output = await RunAsync("dotnet", [Path.Combine(app, "bin", "Release", "net10.0", "Consumer.dll"), items, apa, url], app);

            var expected = ExpectedBibliography(items, apa);
            Assert.AreEqual(string.Join("\n", expected.Append("alive " + url)) + "\n", output.ReplaceLineEndings("\n"));
            Assert.IsTrue(site.Requests >= 1, "the link was checked against the loopback site");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [TestMethod]
    [Timeout(30 * 60 * 1000, CooperativeCancellation = true)]
    public async Task Tool_InstalledFromPackedPackages_FormatsApaAsRenderJsDoes()
    {
        var apa = RepoPaths.RequireShared(Path.Combine(RepoPaths.SharedCsl, "styles", "apa.csl"));
        var items = Path.Combine(RepoPaths.Seeds, "sources.csl.json");
        var expected = ExpectedBibliography(items, apa);
        var work = Directory.CreateTempSubdirectory("citations-tool-");
        try
        {
            // The tool packed as a release packs it, for this machine's runtime only (every runtime would take minutes
            // of ReadyToRun compilation): the package that names the runtime packages, and this runtime's package.
            // Built in a folder of its own (--artifacts-path), so the repository's obj folders, which other tests
            // build from at the same time, are not restored for other runtimes under them.
            var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
            var rid = RuntimeInformation.RuntimeIdentifier;
            await RunAsync("dotnet", ["pack", Path.Combine(RepoPaths.Root, "src", "Citations.Cli", "Citations.Cli.csproj"), "-c", "Release", "-o", feed, "--artifacts-path", Path.Combine(work.FullName, "artifacts"), "-p:ToolPackageRuntimeIdentifiers=" + rid], RepoPaths.Root);
            var version = PackedVersion(feed, "Citations.Cli");
            Assert.AreEqual(version, PackedVersion(feed, "Citations.Cli." + rid), "the runtime's package has the tool's version");

            var tools = Path.Combine(work.FullName, "tools");
            File.WriteAllText(Path.Combine(work.FullName, "nuget.config"), new XDocument(
                new XElement("configuration",
                    new XElement("config", new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", Path.Combine(work.FullName, "packages")))))).ToString());
            await RunAsync("dotnet", ["tool", "install", "Citations.Cli", "--tool-path", tools, "--add-source", feed, "--version", version], work.FullName);

            var citations = Path.Combine(tools, OperatingSystem.IsWindows() ? "citations.exe" : "citations");
            var versionLine = await RunAsync(citations, ["--version"], work.FullName);
            Assert.StartsWith(version, versionLine.Trim(), "the installed tool is the packed one");
            var output = await RunAsync(citations, ["format", "--style", apa, "--items", items], work.FullName);
            Assert.AreEqual(string.Join("\n", expected) + "\n", output.ReplaceLineEndings("\n"));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void ReadmeProgram_UsesOnlyPublishedPackagesAndTheSafeCheckerDefaults()
    {
        var program = ReadmeProgram();

        Assert.Contains(CheckerOptionsLine, program, "the README's checker keeps the default options (private addresses refused)");
        Assert.DoesNotContain("AllowPrivateAddresses", program);
        Assert.DoesNotContain("Format =", program, "the README relies on the plain-text default");
    }

    /// <summary>The libraries a consumer can reference, all packed by the walk-through test.</summary>
    private static readonly string[] Libraries = ["Citations", "Citations.Csl", "Citations.Links", "Citations.Extensions.DependencyInjection"];

    /// <summary>
    /// The bibliography citeproc-js prints for the same style and items (render.js, plain text, the official locales):
    /// what the packages must print with their embedded en-US locale. Without Node and the harness the test is
    /// inconclusive, and fails under <c>CI=true</c>.
    /// </summary>
    private static string[] ExpectedBibliography(string items, string style)
    {
        CiteprocJs reference;
        try
        {
            reference = CiteprocJs.Start(SharedLocations.Find(), TextWriter.Null);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or InvalidOperationException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            var message = $"The consumer tests compare with citeproc-js and need Node, the harness and its npm packages: {e.Message} " +
                          $"Set {SharedLocations.CslVariable}, {SharedLocations.ToolVariable} and NODE_PATH, or run .ci/run, which installs them.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Inconclusive(message);
            throw;
        }

        var entries = reference.Render(new RenderRequest(style, items, "text")).Bibliography.ToArray();
        Assert.IsGreaterThanOrEqualTo(3, entries.Length, "render.js gave the sample's bibliography");
        return entries;
    }

    /// <summary>The first C# block of the README's "Use the packages" section.</summary>
    private static string ReadmeProgram()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var match = ReadmeProgramBlock().Match(readme);
        Assert.IsTrue(match.Success, "the README has a ```csharp block under '## Use the packages from your own project'");
        return match.Groups["code"].Value;
    }

    private static void WriteConsumer(string app, string feed, string version, string program)
    {
        Assert.Contains(CheckerOptionsLine, program);
        File.WriteAllText(Path.Combine(app, "Program.cs"), program.Replace(
            CheckerOptionsLine, "var checkerOptions = new LinkCheckerOptions { AllowPrivateAddresses = true };", StringComparison.Ordinal));
        new XDocument(
            new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"),
                new XElement("PropertyGroup",
                    new XElement("OutputType", "Exe"),
                    new XElement("TargetFramework", "net10.0"),
                    new XElement("AssemblyName", "Consumer"),
                    new XElement("ImplicitUsings", "enable"),
                    new XElement("Nullable", "enable"),
                    new XElement("TreatWarningsAsErrors", "true")),
                new XElement("ItemGroup",
                    new XElement("PackageReference", new XAttribute("Include", "Citations.Csl"), new XAttribute("Version", version)),
                    new XElement("PackageReference", new XAttribute("Include", "Citations.Links"), new XAttribute("Version", version)))))
            .Save(Path.Combine(app, "Consumer.csproj"));

        // The packed folder is added to the machine's own package sources (inherited, none named here); a private
        // packages folder means the freshly packed packages are the ones used, never an older copy of the same version.
        new XDocument(
            new XElement("configuration",
                new XElement("config", new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", Path.Combine(app, "..", "packages")))),
                new XElement("packageSources", new XElement("add", new XAttribute("key", "citations-packed"), new XAttribute("value", feed)))))
            .Save(Path.Combine(app, "nuget.config"));

        // Outside the repository: none of its Directory.Build.props, Directory.Packages.props or global.json apply.
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), "<Project />");
    }

    private static string PackedVersion(string feed, string id)
    {
        var files = Directory.GetFiles(feed, id + ".*.nupkg").Select(Path.GetFileName)
            .Where(f => f!.Length > id.Length + 1 && char.IsAsciiDigit(f[id.Length + 1])).ToList();
        Assert.HasCount(1, files, $"one package {id} in {feed}");
        return files[0]![(id.Length + 1)..^".nupkg".Length];
    }

    private static string Configuration
        => typeof(PackageConsumerTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>Runs a command to its end (bounded in time); a non-zero exit fails the test with its output.</summary>
    private async Task<string> RunAsync(string fileName, string[] arguments, string directory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The test host's MSBuild settings must not leak into the child builds.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{fileName} {string.Join(' ', arguments)}` did not end within {CommandTimeout.TotalMinutes} minutes.");
        }

        var (stdout, stderr) = (await output, await error);
        Assert.AreEqual(0, process.ExitCode, $"`{fileName} {string.Join(' ', arguments)}` failed:\n{stdout}\n{stderr}");
        return stdout;
    }

    [GeneratedRegex(@"## Use the packages from your own project\n.*?```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeProgramBlock();

    /// <summary>A web site on 127.0.0.1 with one page (/report, counted); every other path is 404.</summary>
    private sealed class LoopbackSite : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _requests;

        private LoopbackSite(WebApplication app) => _app = app;

        public string Address { get; private set; } = "";

        public int Requests => Volatile.Read(ref _requests);

        public static async Task<LoopbackSite> StartAsync(CancellationToken cancellationToken)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var site = new LoopbackSite(app);
            app.Run(async context =>
            {
                if (!context.Request.Path.Equals("/report", StringComparison.Ordinal))
                {
                    // Any other page is missing, so the checker's soft-404 probe sees a site that says so.
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                Interlocked.Increment(ref site._requests);
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><head><title>Report</title></head><body>A report.</body></html>", cancellationToken);
            });
            await app.StartAsync(cancellationToken);
            site.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/') + "/";
            return site;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
