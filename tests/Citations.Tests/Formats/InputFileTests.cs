using System.Text;
using Citations.Diagnostics;
using Citations.Formats;
using Citations.Serialization;

namespace Citations.Tests.Formats;

[TestClass]
public sealed class InputFileTests
{
    public TestContext TestContext { get; set; } = null!;

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(TestContext.TestRunDirectory!, $"input-{Guid.NewGuid():N}.txt");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [TestMethod]
    public void ReadAllBytes_UnderTheCap_TheBytes()
    {
        var path = Write([1, 2, 3]);

        var result = InputFile.ReadAllBytes(path, maxBytes: 3);

        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, result.Value);
        Assert.IsEmpty(result.Diagnostics);
    }

    [TestMethod]
    public void ReadAllBytes_Directory_FatalNamedAsDisplayed()
    {
        var result = InputFile.ReadAllBytes(TestContext.TestRunDirectory!, displayName: "the-folder");

        Assert.IsTrue(result.Stopped);
        var problem = result.Diagnostics.Single();
        Assert.AreEqual((DiagnosticSeverity.Fatal, DiagnosticCodes.UnreadableFile, "the-folder"), (problem.Severity, problem.Code, problem.Location.File));
        Assert.Contains("directory", problem.Message);
    }

    [TestMethod]
    public void ReadAllText_ByteOrderMark_Removed()
    {
        var path = Write([.. "\uFEFFné"u8.ToArray()]);

        Assert.AreEqual("né", InputFile.ReadAllText(path).Value);
    }

    [TestMethod]
    public void ReadAllText_InvalidUtf8_FatalAtTheLineAndColumnOfTheByte()
    {
        var path = Write([.. "first\nab"u8.ToArray(), 0xC3, 0x28, .. "\n"u8.ToArray()]);

        var result = InputFile.ReadAllText(path, displayName: "latin1.txt");

        Assert.IsNull(result.Value);
        var problem = result.Diagnostics.Single();
        Assert.AreEqual((DiagnosticSeverity.Fatal, DiagnosticCodes.NotUtf8), (problem.Severity, problem.Code));
        Assert.AreEqual(("latin1.txt", 2, 3), (problem.Location.File, problem.Location.Line, problem.Location.Column));
    }

    [TestMethod]
    public async Task ReadAllTextAsync_OverTheCap_FatalTooLarge()
    {
        var path = Write(Encoding.UTF8.GetBytes(new string('x', 2000)));

        var result = await InputFile.ReadAllTextAsync(path, maxBytes: 1000, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(DiagnosticCodes.FileTooLarge, result.Diagnostics.Single().Code);
    }
}
