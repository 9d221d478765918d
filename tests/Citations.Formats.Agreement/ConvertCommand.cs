using Citations.Diagnostics;

namespace Citations.Formats.Agreement;

/// <summary>
/// <c>convert FILE</c>: reads a bibliography file of any known format and writes it in another (CSL-JSON by default) to
/// standard output, diagnostics to standard error. The whole-process side of the speed benchmark.
/// </summary>
internal static class ConvertCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        string? file = null, from = null, to = "csljson";
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--from" when i + 1 < args.Count:
                    from = args[++i];
                    break;
                case "--to" when i + 1 < args.Count:
                    to = args[++i];
                    break;
                default:
                    file = args[i];
                    break;
            }
        }

        if (file is null)
        {
            Console.Error.WriteLine("convert: no input file.");
            return 2;
        }

        var formats = ItemFormats.Default;
        var writer = formats.FindWriter(to);
        if (writer is null)
        {
            Console.Error.WriteLine($"convert: unknown output format '{to}'.");
            return 2;
        }

        ParseResult<IReadOnlyList<CslData.CslItem>> result;
        if (from is not null)
        {
            var reader = formats.FindReaderByName(from);
            if (reader is null)
            {
                Console.Error.WriteLine($"convert: unknown input format '{from}'.");
                return 2;
            }

            var bytes = InputFile.ReadAllBytes(file);
            result = bytes.Value is null ? new ParseResult<IReadOnlyList<CslData.CslItem>>(null, bytes.Diagnostics) : reader.Read(bytes.Value, file);
        }
        else
        {
            result = formats.ReadFile(file);
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            Console.Error.WriteLine(diagnostic);
        }

        if (result.Value is null)
        {
            return 2;
        }

        Console.Out.Write(writer.Write(result.Value));
        return result.Diagnostics.Any(d => d.IsError) ? 1 : 0;
    }
}
