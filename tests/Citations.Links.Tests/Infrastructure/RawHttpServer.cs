using System.Buffers;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Citations.Links.Tests.Infrastructure;

/// <summary>
/// A Kestrel listener on 127.0.0.1 that answers each request with bytes chosen by its path, written straight to the
/// connection (a connection middleware, below Kestrel's HTTP layer): the faults a lying server sends that Kestrel
/// itself would refuse to write, such as terminal control bytes in the status line or in a header.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<string, string> _answer;

    private RawHttpServer(WebApplication app, Func<string, string> answer)
    {
        _app = app;
        _answer = answer;
    }

    public int Port { get; private set; }

    /// <summary>Starts a server answering the request for a path with the text <paramref name="answer"/> gives (sent as Latin-1 bytes, as is).</summary>
    public static async Task<RawHttpServer> StartAsync(Func<string, string> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        RawHttpServer? server = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0,
            listen => listen.Use(_ => connection => server!.ServeAsync(connection))));
        var app = builder.Build();
        server = new RawHttpServer(app, answer);
        await app.StartAsync();
        server.Port = new Uri(app.Urls.First()).Port;
        return server;
    }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ServeAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        while (true)
        {
            var read = await input.ReadAsync(connection.ConnectionClosed);
            var head = Encoding.Latin1.GetString(read.Buffer.ToArray());
            var end = head.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0 && !read.IsCompleted)
            {
                input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                continue;
            }

            input.AdvanceTo(read.Buffer.End);
            var requestLine = head.Split("\r\n")[0].Split(' ');
            var path = requestLine.Length > 1 ? requestLine[1] : "/";
            await connection.Transport.Output.WriteAsync(Encoding.Latin1.GetBytes(_answer(path)));
            await connection.Transport.Output.CompleteAsync();
            return;
        }
    }
}
