using System.Text;
using Citations.Formats.Agreement;

// Measurement tool for the bibliography formats; see Usage.
Console.OutputEncoding = new UTF8Encoding(false);
return args switch
{
    ["convert", .. var rest] => ConvertCommand.Run(rest),
    ["agreement", .. var rest] => AgreementCommand.Run(rest),
    ["bench", .. var rest] => BenchCommand.Run(rest),
    ["-h"] or ["--help"] => Usage(0),
    _ => Usage(2),
};

static int Usage(int code)
{
    (code == 0 ? Console.Out : Console.Error).WriteLine("""
        usage: Citations.Formats.Agreement convert FILE [--from biblatex|bibtex|…] [--to csljson|cslyaml|bibtex|biblatex]
               Citations.Formats.Agreement agreement [--corpus DIR] [--styles apa,ieee,…] [--out FILE.md] [--diff N]
               Citations.Formats.Agreement bench [--entries 10000] [--runs 3] [--seed 1]
        """);
    return code;
}
