using System.Diagnostics;
using System.Text;

namespace Citations.Formats.Agreement;

/// <summary>
/// Where the shared data and the outside programs are: the repository root, <c>../shared/csl</c>
/// (<c>CITATIONS_SHARED_CSL</c> overrides it), the citeproc-js harness <c>../shared/tools/csl-reference</c>
/// (<c>CITATIONS_CSL_REFERENCE</c>), citeproc-js itself (<c>NODE_PATH</c>, the harness's <c>node_modules</c>, or
/// <c>$TMPDIR/csl-ref/node_modules</c>) and pandoc (<c>PANDOC</c>, else <c>pandoc</c> on the PATH). The same variables
/// as the CSL agreement tool; this project does not reference that tool's library, which depends on the CSL processor.
/// </summary>
internal sealed class SharedTools
{
    private SharedTools(string root, string csl, string harness, string nodeModules, string pandoc)
    {
        RepositoryRoot = root;
        CslDirectory = csl;
        Harness = harness;
        NodeModules = nodeModules;
        Pandoc = pandoc;
    }

    public string RepositoryRoot { get; }

    public string CslDirectory { get; }

    public string Harness { get; }

    public string NodeModules { get; }

    public string Pandoc { get; }

    public string StylePath(string name) => Path.Combine(CslDirectory, "styles", name + ".csl");

    public static SharedTools Find()
    {
        var root = FindRoot() ?? throw new DirectoryNotFoundException("The repository root (the directory holding Citations.sln) was not found.");
        var csl = Locate("CITATIONS_SHARED_CSL", Path.Combine(root, "..", "shared", "csl"));
        var harness = Locate("CITATIONS_CSL_REFERENCE", Path.Combine(root, "..", "shared", "tools", "csl-reference"));
        var candidates = (Environment.GetEnvironmentVariable("NODE_PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(harness, "node_modules"))
            .Append(Path.Combine(Path.GetTempPath(), "csl-ref", "node_modules"))
            .Append("/tmp/csl-ref/node_modules");
        var nodeModules = candidates.FirstOrDefault(c => Directory.Exists(Path.Combine(c, "citeproc")))
            ?? throw new DirectoryNotFoundException("citeproc-js was not found (set NODE_PATH to a node_modules holding citeproc; see the harness README).");
        var pandoc = Environment.GetEnvironmentVariable("PANDOC") is { Length: > 0 } p ? p : "pandoc";
        return new SharedTools(root, csl, harness, nodeModules, pandoc);
    }

    /// <summary>Runs a program to its end (bounded by a timeout), returning its exit code and output.</summary>
    public static (int Code, string Output, string Error) Run(string program, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout.TotalSeconds:0} s.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    private static string Locate(string variable, string fallback)
    {
        var overridden = Environment.GetEnvironmentVariable(variable);
        var path = Path.GetFullPath(string.IsNullOrEmpty(overridden) ? fallback : overridden);
        return Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"{path} not found; set {variable} to its path.");
    }

    private static string? FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Citations.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
