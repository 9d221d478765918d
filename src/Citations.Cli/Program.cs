using System.Text;
using Citations.Cli;
using Citations.Cli.Commands;
using Citations.Cli.Output;

Console.OutputEncoding = new UTF8Encoding(false);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

// Whole lines at a time, each as soon as it is complete (see WholeLineWriter); a live display only on a real terminal
// that can show one (TERM=dumb cannot move the cursor).
using var stdout = new WholeLineWriter(Console.OpenStandardOutput());
using var stderr = new WholeLineWriter(Console.OpenStandardError());
var terminal = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "" or "dumb");
var context = new CliContext(stdout, stderr, Environment.CurrentDirectory, terminal) { TerminalWidth = terminal ? TerminalWidth() : 80 };
return await CliApp.RunAsync(args, context, cancel.Token).ConfigureAwait(false);

static int TerminalWidth()
{
    try
    {
        return Console.WindowWidth is > 20 and var width ? width : 80;
    }
    catch (IOException)
    {
        return 80;
    }
}
