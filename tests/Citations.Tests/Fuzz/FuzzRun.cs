using System.Diagnostics;
using System.Text;
using Citations.Diagnostics;
using CsCheck;

namespace Citations.Tests.Fuzz;

/// <summary>
/// Runs one parser's fuzz property for a time budget from a fixed seed, and the files of its regression folder; says
/// how many inputs ran. A failing input is shrunk by CsCheck and written to the test's results folder, to be kept under
/// <c>Fuzz/regressions/</c> as a regression test.
/// </summary>
internal static class FuzzRun
{
    /// <summary>The time budget of one parser, in seconds: the whole harness stays well under a minute.</summary>
    public const int Seconds = 4;

    /// <summary>The longest one input may take: far above what a linear reader needs for these sizes.</summary>
    public static readonly TimeSpan MaxTimePerInput = TimeSpan.FromSeconds(5);

    /// <summary>Runs the property on generated inputs for <see cref="Seconds"/> seconds; returns how many ran.</summary>
    public static long Run(string name, Gen<byte[]> inputs, Action<byte[]> property, string seed, TestContext context)
    {
        long count = 0;
        try
        {
            inputs.Sample(
                input =>
                {
                    Interlocked.Increment(ref count);
                    Timed(property, input);
                },
                writeLine: line => context.WriteLine($"{name}: {line}"),
                seed: seed,
                iter: long.MaxValue,
                time: Seconds,
                threads: 1,
                print: Print);
        }
        catch (Exception e)
        {
            var cause = e.InnerException is { } inner ? $"\n{inner.GetType().Name}: {inner.Message}\n{inner.StackTrace}" : string.Empty;
            throw new AssertFailedException($"{name}: an input broke the parser; write it under Fuzz/regressions/ as a regression test.\n{e.Message}{cause}", e);
        }

        context.WriteLine($"{name}: {count} inputs in {Seconds} s");
        Assert.IsGreaterThan(100, count, "the budget ran a useful number of inputs");
        return count;
    }

    /// <summary>The regression inputs of a format: the files under <c>Fuzz/regressions/</c> with its extension.</summary>
    public static IEnumerable<object[]> Regressions(string extension)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fuzz", "regressions");
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*" + extension).Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) })
            : [];
    }

    /// <summary>Reads a regression input.</summary>
    public static byte[] ReadRegression(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fuzz", "regressions", file));

    /// <summary>Runs the property once, failing when it takes longer than <see cref="MaxTimePerInput"/>.</summary>
    public static void Timed(Action<byte[]> property, byte[] input)
    {
        var clock = Stopwatch.StartNew();
        property(input);
        if (clock.Elapsed > MaxTimePerInput)
        {
            throw new InvalidOperationException($"one input took {clock.Elapsed.TotalSeconds:0.0} s ({input.Length} bytes)");
        }
    }

    /// <summary>Every diagnostic names the input and a line (and so a column) in it.</summary>
    public static void AssertLocated(IEnumerable<Diagnostic> diagnostics, string file)
    {
        foreach (var d in diagnostics)
        {
            if (d.Location.File != file || d.Location.Line < 1 || d.Location.Column < 0)
            {
                throw new InvalidOperationException($"a diagnostic without a location: {d}");
            }
        }
    }

    /// <summary>An input as C# can write it back: base64 (it may hold any bytes) and its text.</summary>
    private static string Print(byte[] input)
        => $"{input.Length} bytes, base64 {Convert.ToBase64String(input)}\n{Encoding.UTF8.GetString(input)}";
}
