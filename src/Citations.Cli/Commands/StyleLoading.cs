using Citations.Csl;
using Citations.Csl.Styles;
using Citations.Formats;

namespace Citations.Cli.Commands;

/// <summary>
/// Loads the style a command line names, the same way for every command.
/// A style file is an input: read under the size cap, and a file that is missing or malformed stops the command (exit
/// code 2). A style named by id that no source has (offline, or not published) is a problem found (exit code 1).
/// </summary>
internal static class StyleLoading
{
    /// <summary>Loads a style by path, or by name, id or URI from the loader's sources.</summary>
    /// <param name="reference">The style as the command line gives it.</param>
    /// <param name="loader">Where styles named by id come from, and parents of dependent styles.</param>
    /// <param name="context">The command's context.</param>
    /// <param name="command">The command's name, for messages.</param>
    /// <param name="maxBytes">The size cap of a style file.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The style, or <see langword="null"/> when it is unavailable (the reason is on standard error).</returns>
    /// <exception cref="InputException">The style file cannot be read or is not a valid style.</exception>
    public static async Task<CslStyle?> LoadAsync(string reference, CslStyleLoader loader, CliContext context, string command, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            if (IsPath(reference, context, out var path))
            {
                var text = InputFile.ReadAllText(path, maxBytes, reference);
                if (text.Value is null)
                {
                    throw new InputException(text.Diagnostics[0].ToString());
                }

                return await loader.ResolveAsync(CslStyle.Parse(text.Value, path), cancellationToken).ConfigureAwait(false);
            }

            return await loader.LoadAsync(reference, cancellationToken).ConfigureAwait(false);
        }
        catch (CslException e)
        {
            throw new InputException(e.Message);
        }
        catch (Exception e) when (e is CslStyleNotFoundException or CslStyleDownloadException)
        {
            await context.Error.WriteLineAsync($"citations {command}: {e.Message}").ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Whether a style reference is a file path (an existing file, or one with a folder or <c>.csl</c>), not a name, id or URI.</summary>
    private static bool IsPath(string reference, CliContext context, out string path)
    {
        path = context.ResolvePath(reference);
        return !reference.Contains("://", StringComparison.Ordinal)
               && (File.Exists(path) || reference.Contains('/', StringComparison.Ordinal) || reference.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
                   || reference.EndsWith(".csl", StringComparison.OrdinalIgnoreCase));
    }
}
