using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Citations.Csl.Reference;

/// <summary>A render.js request: one style, one items file, one format; a bibliography, or citations too.</summary>
/// <param name="StylePath">The style (a dependent style is resolved by render.js itself).</param>
/// <param name="ItemsPath">The CSL-JSON items.</param>
/// <param name="Format"><c>text</c>, <c>html</c> or <c>rtf</c>.</param>
public sealed record RenderRequest(string StylePath, string ItemsPath, string Format)
{
    /// <summary>A citations file (<c>--citations</c>); with it the bibliography lists only the cited items.</summary>
    public string? CitationsPath { get; init; }
}

/// <summary>What render.js printed in <c>--json</c> mode.</summary>
/// <param name="Citations">Each citation's final text, in document order.</param>
/// <param name="Bibliography">Each bibliography entry, trailing line break removed.</param>
/// <param name="Warnings">What render.js wrote to standard error.</param>
/// <param name="FromCache">Whether the output came from the cache rather than a fresh run.</param>
public sealed record RenderOutput(IReadOnlyList<string> Citations, IReadOnlyList<string> Bibliography, string Warnings, bool FromCache);

/// <summary>
/// Runs the citeproc-js harness (<c>render.js</c>, <c>bench.js</c> and our own Node scripts) as child processes.
/// citeproc-js comes from an existing install (<c>NODE_PATH</c>, the harness's own <c>node_modules</c>, or the README's
/// <c>$TMPDIR/csl-ref</c>) when its version matches the harness's lock file, else it is installed with <c>npm ci</c>
/// into a temporary directory, as the harness README prescribes where <c>../shared</c> is read-only. render.js outputs
/// are cached in a temporary directory under a hash of every input, so reruns are fast.
/// </summary>
public sealed class CiteprocJs
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromMinutes(15);
    private readonly string _nodeModules;
    private readonly Lazy<string> _locales;
    private readonly string _toolDigest;

    private CiteprocJs(SharedLocations shared, string nodeModules, string version, string cacheDirectory)
    {
        Shared = shared;
        _nodeModules = nodeModules;
        Version = version;
        CacheDirectory = cacheDirectory;
        _toolDigest = Digest(Directory.EnumerateFiles(shared.ToolDirectory, "*.js")
            .Concat(Directory.EnumerateFiles(Path.Combine(shared.ToolDirectory, "lib"), "*.js"))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .Append(Encoding.UTF8.GetBytes(version)));
        _locales = new Lazy<string>(() => Digest(Directory.EnumerateFiles(shared.LocalesDirectory)
            .Order(StringComparer.Ordinal)
            .SelectMany(f => new[] { Encoding.UTF8.GetBytes(Path.GetFileName(f)), File.ReadAllBytes(f) })));
    }

    /// <summary>The shared locations this instance works with.</summary>
    public SharedLocations Shared { get; }

    /// <summary>The citeproc npm package version in use.</summary>
    public string Version { get; }

    /// <summary>Where outputs are cached.</summary>
    public string CacheDirectory { get; }

    /// <summary>The environment a Node child needs to find citeproc.</summary>
    public IReadOnlyDictionary<string, string> NodeEnvironment => new Dictionary<string, string> { ["NODE_PATH"] = _nodeModules };

    /// <summary>Finds or installs citeproc-js and prepares the cache.</summary>
    /// <param name="shared">The shared locations.</param>
    /// <param name="log">Where to say what happens (installation).</param>
    /// <exception cref="InvalidOperationException">Node or npm is missing, or the installation failed.</exception>
    public static CiteprocJs Start(SharedLocations shared, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(log);
        var wanted = LockedVersion(shared.ToolDirectory);
        var nodeModules = FindInstalled(shared.ToolDirectory, wanted) ?? Install(shared.ToolDirectory, wanted, log);
        var cache = Path.Combine(Path.GetTempPath(), "citations-csl-reference-cache");
        Directory.CreateDirectory(cache);
        return new CiteprocJs(shared, nodeModules, wanted, cache);
    }

    /// <summary>Renders with render.js <c>--json</c>, from the cache when the same inputs were rendered before.</summary>
    /// <param name="request">What to render.</param>
    /// <exception cref="InvalidOperationException">render.js failed.</exception>
    public RenderOutput Render(RenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parts = new List<byte[]>
        {
            Encoding.UTF8.GetBytes($"render|{request.Format}|{request.CitationsPath is not null}|{_toolDigest}|{_locales.Value}"),
            Encoding.UTF8.GetBytes(StyleDigest(request.StylePath)),
            File.ReadAllBytes(request.ItemsPath),
        };
        if (request.CitationsPath is not null)
        {
            parts.Add(File.ReadAllBytes(request.CitationsPath));
        }

        var key = Digest(parts);
        var outPath = Path.Combine(CacheDirectory, $"render-{key}.json");
        var errPath = Path.Combine(CacheDirectory, $"render-{key}.err");
        var fromCache = File.Exists(outPath) && File.Exists(errPath);
        if (!fromCache)
        {
            var args = new List<string>
            {
                Path.Combine(Shared.ToolDirectory, "render.js"), "--style", request.StylePath, "--items", request.ItemsPath,
                "--format", request.Format, "--locales", Shared.LocalesDirectory, "--json",
            };
            if (request.CitationsPath is not null)
            {
                args.AddRange(["--citations", request.CitationsPath, "--bibliography"]);
            }

            var result = ChildProcess.Run("node", args, RenderTimeout, NodeEnvironment);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"render.js failed (exit {result.ExitCode}) for {Path.GetFileName(request.StylePath)}: {FirstLines(result.StandardError, 5)}");
            }

            WriteAtomically(errPath, result.StandardError);
            WriteAtomically(outPath, result.StandardOutput);
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(outPath));
        return new RenderOutput(
            Strings(document.RootElement, "citations"),
            Strings(document.RootElement, "bibliography"),
            File.ReadAllText(errPath),
            fromCache);
    }

    /// <summary>Writes (or finds in the cache) the generator's items: <c>bench.js --generate N --seed S</c>.</summary>
    /// <param name="count">How many items.</param>
    /// <param name="seed">The generator's seed.</param>
    /// <returns>The path of the items file.</returns>
    public string GenerateItems(int count, int seed = 1)
    {
        var path = Path.Combine(CacheDirectory, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"items-{count}-seed{seed}-{_toolDigest[..16]}.json"));
        if (!File.Exists(path))
        {
            var temp = path + ".tmp";
            var result = ChildProcess.Run(
                "node",
                [Path.Combine(Shared.ToolDirectory, "bench.js"), "--generate", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", temp],
                TimeSpan.FromMinutes(5),
                NodeEnvironment);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"bench.js --generate failed (exit {result.ExitCode}): {FirstLines(result.StandardError, 5)}");
            }

            File.Move(temp, path, overwrite: true);
        }

        return path;
    }

    /// <summary>Runs a Node script (not cached), with citeproc on its module path.</summary>
    /// <param name="script">The script's path.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="timeout">How long it may run.</param>
    /// <param name="nodeOptions">Options for node itself, before the script (e.g. <c>-r FILE</c>).</param>
    public ChildProcessResult RunScript(string script, IEnumerable<string> arguments, TimeSpan timeout, IEnumerable<string>? nodeOptions = null)
        => ChildProcess.Run("node", (nodeOptions ?? []).Append(script).Concat(arguments), timeout, NodeEnvironment);

    /// <summary>A SHA-256 over byte strings, each length-prefixed, as lowercase hex.</summary>
    /// <param name="parts">The parts.</param>
    public static string Digest(IEnumerable<byte[]> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(BitConverter.GetBytes(part.LongLength));
            hash.AppendData(part);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private string StyleDigest(string stylePath)
    {
        var text = File.ReadAllText(stylePath);
        var parts = new List<byte[]> { Encoding.UTF8.GetBytes(text) };
        if (text.Contains("independent-parent", StringComparison.Ordinal))
        {
            // render.js looks for the parent beside the dependent and one folder up: any of those files may matter.
            var dir = Path.GetDirectoryName(Path.GetFullPath(stylePath))!;
            foreach (var folder in new[] { dir, Path.GetDirectoryName(dir) }.OfType<string>())
            {
                parts.AddRange(Directory.EnumerateFiles(folder, "*.csl").Order(StringComparer.Ordinal).Select(File.ReadAllBytes));
            }
        }

        return Digest(parts);
    }

    private static string LockedVersion(string toolDirectory)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(toolDirectory, "package-lock.json")));
        return document.RootElement.TryGetProperty("packages", out var packages)
            && packages.TryGetProperty("node_modules/citeproc", out var entry)
            && entry.TryGetProperty("version", out var version)
            ? version.GetString() ?? throw new InvalidOperationException("package-lock.json names no citeproc version.")
            : throw new InvalidOperationException("package-lock.json of the csl-reference harness names no citeproc version.");
    }

    private static string? FindInstalled(string toolDirectory, string version)
    {
        var candidates = (Environment.GetEnvironmentVariable("NODE_PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(toolDirectory, "node_modules"))
            .Append(Path.Combine(Path.GetTempPath(), "csl-ref", "node_modules"))
            .Append(InstallDirectory(version));
        return candidates.FirstOrDefault(dir => InstalledVersion(dir) == version);
    }

    private static string InstallDirectory(string version) => Path.Combine(Path.GetTempPath(), $"citations-csl-ref-{version}", "node_modules");

    private static string? InstalledVersion(string nodeModules)
    {
        var manifest = Path.Combine(nodeModules, "citeproc", "package.json");
        if (!File.Exists(manifest))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
        return document.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null;
    }

    private static string Install(string toolDirectory, string version, TextWriter log)
    {
        var target = InstallDirectory(version);
        var staging = Path.Combine(Path.GetTempPath(), $"citations-csl-ref-{version}-{Environment.ProcessId}");
        log.WriteLine($"Installing citeproc {version} with npm ci into {Path.GetDirectoryName(target)} (once)...");
        Directory.CreateDirectory(staging);
        foreach (var name in new[] { "package.json", "package-lock.json" })
        {
            File.Copy(Path.Combine(toolDirectory, name), Path.Combine(staging, name), overwrite: true);
        }

        var result = ChildProcess.Run("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(10), workingDirectory: staging);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed (exit {result.ExitCode}): {FirstLines(result.StandardError, 10)}");
        }

        var final = Path.GetDirectoryName(target)!;
        if (InstalledVersion(target) != version)
        {
            if (Directory.Exists(final))
            {
                Directory.Delete(final, recursive: true);
            }

            Directory.Move(staging, final);
        }
        else
        {
            Directory.Delete(staging, recursive: true);
        }

        return target;
    }

    private static IReadOnlyList<string> Strings(JsonElement root, string property)
        => root.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Select(e => e.GetString() ?? string.Empty)]
            : [];

    private static void WriteAtomically(string path, string text)
    {
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    private static string FirstLines(string text, int count)
        => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(count));
}
