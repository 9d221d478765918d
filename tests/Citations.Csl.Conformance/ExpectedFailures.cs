namespace Citations.Csl.Conformance;

/// <summary>
/// The committed list of fixtures known to fail, one per line: the fixture name, whitespace, and the reason. A fixture
/// may fail only if it is listed; a listed fixture that passes must be removed, so the list only shrinks.
/// </summary>
public static class ExpectedFailures
{
    public const string FileName = "expected-failures.txt";

    public static IReadOnlyDictionary<string, string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return result;
        }

        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.IndexOfAny([' ', '\t']);
            var name = space < 0 ? line : line[..space];
            var reason = space < 0 ? string.Empty : line[space..].Trim();
            if (reason.Length == 0)
            {
                throw new InvalidDataException($"{FileName}: '{name}' has no reason; every expected failure must say why.");
            }

            result[name] = reason;
        }

        return result;
    }
}
