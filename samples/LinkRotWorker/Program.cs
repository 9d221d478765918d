using LinkRotWorker;

using var host = LinkRotHost.CreateBuilder(args).Build();
await host.RunAsync();
