using System.Diagnostics;

namespace Citations.Samples.Tests;

/// <summary>Runs the QuickStart sample (the claim-coverage report) as its own process and reads what it prints.</summary>
[TestClass]
public sealed class QuickStartTests
{
    [TestMethod]
    public async Task QuickStart_Run_PrintsTheCoverageReportOfBothClaims()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "QuickStart.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        using var process = Process.Start(new ProcessStartInfo(dotnet, ["exec", program])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output;
        Assert.AreEqual(0, process.ExitCode, await errors);
        StringAssert.StartsWith(text.TrimStart(), "# Claim coverage: Overdoses in 2023");
        StringAssert.Contains(text, "deaths-2023");
        StringAssert.Contains(text, "cause");
        StringAssert.Contains(text, "cdc-overdose");
    }
}
