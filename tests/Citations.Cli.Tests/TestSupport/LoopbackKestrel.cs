using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Citations.Cli.Tests.TestSupport;

/// <summary>A Kestrel server on 127.0.0.1 (a free port) answering every request with one handler: the CLI tests' web site.</summary>
internal static class LoopbackKestrel
{
    /// <summary>Starts the server; dispose the returned application to stop it.</summary>
    /// <param name="handler">Answers every request.</param>
    public static async Task<WebApplication> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return app;
    }

    /// <summary>The server's address without a trailing slash (<c>http://127.0.0.1:PORT</c>).</summary>
    public static string BaseOf(WebApplication app) => app.Urls.First().TrimEnd('/');
}
