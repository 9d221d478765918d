using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Citations.Links.Rendering;

/// <summary>
/// A headless Chromium started for one run: no network of its own, a fresh profile in a private temporary folder,
/// driven over <c>--remote-debugging-pipe</c> (two named pipes, so no DevTools port is open to other processes).
/// </summary>
/// <remarks>
/// <para>The browser cannot reach anything by itself: every host name resolves to nothing
/// (<c>--host-resolver-rules=MAP * ~NOTFOUND</c>), and all its traffic is sent to a proxy on loopback that this class
/// runs and that refuses every connection (<c>--proxy-server</c>, with loopback included by <c>&lt;-loopback&gt;</c>).
/// Pages get their content only through request interception, answered by the checker's own guarded client
/// (<see cref="RenderFetcher"/>). So WebSockets, preconnects, WebRTC and service workers, which interception does not
/// see, reach nothing.</para>
/// <para>Unix only (Linux, macOS): the pipes are FIFOs passed to the browser as descriptors 3 and 4 by <c>/bin/sh</c>.</para>
/// </remarks>
internal sealed class ChromiumProcess : IAsyncDisposable
{
    /// <summary>The environment variable naming the Chromium executable (the test script exports it).</summary>
    public const string ChromiumVariable = "CITATIONS_CHROMIUM";

    private static readonly string[] ExecutableNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly TcpListener _refusingProxy;
    private readonly Task _proxyLoop;
    private readonly CancellationTokenSource _stop = new();

    private ChromiumProcess(Process process, DirectoryInfo folder, TcpListener refusingProxy, Task proxyLoop, DevToolsPipe pipe)
    {
        _process = process;
        _folder = folder;
        _refusingProxy = refusingProxy;
        _proxyLoop = proxyLoop;
        Pipe = pipe;
    }

    /// <summary>The DevTools connection.</summary>
    public DevToolsPipe Pipe { get; }

    /// <summary>The browser's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Finds the Chromium executable: <paramref name="configured"/>, else the <c>CITATIONS_CHROMIUM</c> environment
    /// variable, else <c>chromium</c>, <c>chromium-browser</c>, <c>google-chrome</c> on the <c>PATH</c>.
    /// </summary>
    /// <returns>The full path, or <see langword="null"/> when there is none.</returns>
    public static string? FindExecutable(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        if (Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } fromEnvironment)
        {
            return File.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in ExecutableNames)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The command-line switches the browser is started with (the profile folder and proxy port filled in).</summary>
    internal static List<string> Arguments(string profile, int proxyPort, int maxPagesOpen, int heapMiB) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-default-apps", "--disable-extensions", "--disable-breakpad", "--disable-crash-reporter",
        "--disable-client-side-phishing-detection", "--disable-domain-reliability", "--disable-hang-monitor", "--no-pings", "--mute-audio",
        "--disable-dev-shm-usage", "--no-default-browser-check", "--password-store=basic", "--use-mock-keychain",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        string.Create(CultureInfo.InvariantCulture, $"--proxy-server=http://127.0.0.1:{proxyPort}"), "--proxy-bypass-list=<-loopback>",
        "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
        string.Create(CultureInfo.InvariantCulture, $"--renderer-process-limit={maxPagesOpen}"),
        string.Create(CultureInfo.InvariantCulture, $"--js-flags=--max-old-space-size={heapMiB}"),
        "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank",
    ];

    /// <summary>Starts the browser.</summary>
    /// <param name="executable">The Chromium executable.</param>
    /// <param name="maxPagesOpen">The most renderer processes.</param>
    /// <param name="heapMiB">The JavaScript heap limit of each renderer.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="DevToolsException">The browser could not be started or does not answer.</exception>
    public static async Task<ChromiumProcess> StartAsync(string executable, int maxPagesOpen, int heapMiB, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new DevToolsException("rendering needs Linux or macOS (the browser is driven through named pipes)");
        }

        var folder = Directory.CreateTempSubdirectory("citations-render-");
        var proxy = new TcpListener(IPAddress.Loopback, 0);
        Process? process = null;
        try
        {
            File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var toBrowser = Path.Combine(folder.FullName, "to-browser");
            var fromBrowser = Path.Combine(folder.FullName, "from-browser");
            await MakeFifosAsync(toBrowser, fromBrowser, cancellationToken).ConfigureAwait(false);
            proxy.Start();
            var proxyLoop = RefuseAllAsync(proxy);

            // Opened read-write: on a FIFO that never waits for the other end, so a browser that fails to start cannot hang us.
            var writer = new FileStream(toBrowser, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
            var reader = new FileStream(fromBrowser, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);

            // Opening for writing does not wait: the reader above is open. Closing the connection writes here to end a blocked read.
            var wake = new FileStream(fromBrowser, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
            var start = new ProcessStartInfo("/bin/sh")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("exec \"$0\" \"$@\" 3<\"$CITATIONS_CDP_TO_BROWSER\" 4>\"$CITATIONS_CDP_FROM_BROWSER\"");
            start.ArgumentList.Add(executable);
            foreach (var argument in Arguments(Path.Combine(folder.FullName, "profile"), ((IPEndPoint)proxy.LocalEndpoint).Port, maxPagesOpen, heapMiB))
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["CITATIONS_CDP_TO_BROWSER"] = toBrowser;
            start.Environment["CITATIONS_CDP_FROM_BROWSER"] = fromBrowser;
            process = Process.Start(start) ?? throw new DevToolsException("the browser could not be started");
            process.StandardInput.Close();
            _ = DrainAsync(process.StandardOutput);
            _ = DrainAsync(process.StandardError);
            var pipe = new DevToolsPipe(writer, reader, wake);

            // The checker holds a writer of the browser's pipe too, so the browser's exit is no end of file: say it here.
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) => pipe.Fail("the browser exited");
            if (process.HasExited)
            {
                pipe.Fail("the browser exited");
            }

            var browser = new ChromiumProcess(process, folder, proxy, proxyLoop, pipe);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                var exited = process.WaitForExitAsync(timeout.Token);
                var version = pipe.SendAsync("Browser.getVersion", null, null, timeout.Token);
                if (await Task.WhenAny(exited, version).ConfigureAwait(false) == exited && !version.IsCompleted)
                {
                    throw new DevToolsException(string.Create(CultureInfo.InvariantCulture, $"the browser exited at start (code {process.ExitCode})"));
                }

                await version.ConfigureAwait(false);
                await pipe.SendAsync("Browser.setDownloadBehavior", j => j.WriteString("behavior", "deny"), null, timeout.Token).ConfigureAwait(false);
                return browser;
            }
            catch (Exception e) when (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await browser.DisposeAsync().ConfigureAwait(false);
                throw new DevToolsException("the browser did not answer within 30 s of starting");
            }
            catch
            {
                await browser.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Win32Exception or SocketException)
        {
            process?.Kill(entireProcessTree: true);
            proxy.Stop();
            folder.Delete(recursive: true);
            throw new DevToolsException("the browser could not be started: " + e.Message);
        }
    }

    /// <summary>The resident memory of the browser and its child processes (proportional set size, shared pages split), in bytes; 0 where it cannot be read.</summary>
    public long ProcessTreeMemory()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        long total = 0;
        var tree = new HashSet<int> { _process.Id };
        try
        {
            // Parents come before children in /proc often enough; two passes catch the rest.
            for (var pass = 0; pass < 2; pass++)
            {
                foreach (var directory in Directory.EnumerateDirectories("/proc"))
                {
                    if (int.TryParse(Path.GetFileName(directory), out var pid) && !tree.Contains(pid) && ParentOf(pid) is { } parent && tree.Contains(parent))
                    {
                        tree.Add(pid);
                    }
                }
            }

            foreach (var pid in tree)
            {
                total += ProportionalSetSize(pid);
            }
        }
        catch (IOException)
        {
            // A process ended while being read: what was summed stands.
        }

        return total;
    }

    /// <summary>Closes the browser (politely, then by force) and deletes its profile.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await Pipe.SendAsync("Browser.close", null, null, timeout.Token).ConfigureAwait(false);
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DevToolsException or OperationCanceledException or InvalidOperationException)
        {
            // Not answering: killed below.
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or TimeoutException)
        {
            // Already gone.
        }

        await Pipe.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        _refusingProxy.Stop();
        try
        {
            await _proxyLoop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The listener was stopped.
        }

        _stop.Dispose();
        _process.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying child: the system cleans temporary folders.
        }
    }

    private static async Task MakeFifosAsync(string first, string second, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("mkfifo") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in (string[])["-m", "600", first, second])
        {
            start.ArgumentList.Add(argument);
        }

        using var mkfifo = Process.Start(start) ?? throw new DevToolsException("mkfifo could not be started");
        var error = await mkfifo.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await mkfifo.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (mkfifo.ExitCode != 0)
        {
            throw new DevToolsException("mkfifo failed: " + error.Trim());
        }
    }

    /// <summary>Accepts and closes every connection: the browser's own traffic goes nowhere.</summary>
    private static async Task RefuseAllAsync(TcpListener listener)
    {
        while (true)
        {
            using var client = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
            client.Client.LingerState = new LingerOption(true, 0);
        }
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        try
        {
            while (await reader.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
                // The browser's log lines are not kept: they are not evidence and can be large.
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The browser ended.
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static long ProportionalSetSize(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            {
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(4).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Gone or not ours.
        }

        return 0;
    }
}
