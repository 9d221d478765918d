namespace Citations.Csl.Tests.TestSupport;

/// <summary>Compares lists of formatted strings as lines, so that a failure shows both texts in full.</summary>
internal static class TextAssert
{
    public static void LinesEqual(IEnumerable<string> expected, IEnumerable<string> actual, string? message = null)
        => Assert.AreEqual(string.Join("\n", expected), string.Join("\n", actual), message);
}
