using System.Text;
using Citations.Cli;
using Citations.Cli.Commands;

Console.OutputEncoding = new UTF8Encoding(false);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false, NewLine = "\n" };
var context = new CliContext(stdout, Console.Error, Environment.CurrentDirectory, !Console.IsOutputRedirected);
try
{
    return await CliApp.RunAsync(args, context, cancel.Token).ConfigureAwait(false);
}
finally
{
    await stdout.FlushAsync().ConfigureAwait(false);
}
