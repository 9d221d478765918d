namespace Citations.Formats.Agreement;

internal static class BenchCommand
{
    public static int Run(IReadOnlyList<string> args) => args.Count < 0 ? 0 : 2;
}
