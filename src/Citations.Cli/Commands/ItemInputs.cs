using System.CommandLine;
using System.Globalization;
using Citations.Cli.CommandLine;
using Citations.CslData;
using Citations.Diagnostics;
using Citations.Formats;
using Citations.Links;
using Citations.Links.Lookup;
using Citations.Serialization;

namespace Citations.Cli.Commands;

/// <summary>
/// The item inputs of <c>format --items</c> and <c>convert</c>, and their DOI options: each input is a file in any item
/// format the tool reads, a DOI (<c>doi:10.1000/xyz</c> or <c>https://doi.org/10.1000/xyz</c>) or a list of DOIs (a
/// <c>.doi</c> file, or a file whose lines are all DOIs), and the items of all of them are merged in order.
/// </summary>
/// <remarks>
/// Every file is read before any DOI is looked up, so that a file that cannot be read stops the command (exit code 2)
/// before any request is made. Two inputs with an item of the same id: the first is kept, the second reported (an
/// error naming both inputs).
/// </remarks>
internal sealed class ItemInputs
{
    /// <summary>The name <c>--from</c> gives a list of DOIs.</summary>
    public const string DoiListFormat = "doi";

    /// <summary>Creates the DOI options.</summary>
    /// <param name="allowPrivateDescription">What <c>--allow-private</c> says in the command's help.</param>
    public ItemInputs(string allowPrivateDescription)
    {
        AllowPrivateOption = CliOptions.Flag("--allow-private", allowPrivateDescription);
    }

    /// <summary><c>--doi-resolver URL</c>.</summary>
    public Option<string?> ResolverOption { get; } = CliOptions.Value("--doi-resolver", "URL", $"where DOIs are looked up as CSL-JSON by content negotiation (default {DoiLookupOptions.DefaultResolverAddress})");

    /// <summary><c>--doi-cache DIR</c>.</summary>
    public Option<string?> CacheOption { get; } = CliOptions.Value("--doi-cache", "DIR", "where looked-up DOIs are kept, one file each (default: the user's cache folder, citations/dois)");

    /// <summary><c>--allow-private</c>.</summary>
    public Option<bool> AllowPrivateOption { get; }

    /// <summary>The DOI options, to add to a command.</summary>
    public IEnumerable<Option> Options => [ResolverOption, CacheOption, AllowPrivateOption];

    /// <summary>The names <c>--from</c> takes: every reader's, and <see cref="DoiListFormat"/>.</summary>
    public static IReadOnlyList<string> FormatNames { get; } = [.. ItemFormats.Default.Readers.Select(r => r.Name), DoiListFormat];

    /// <summary>
    /// Reads every input and merges the items, writing the diagnostics to standard error as it goes.
    /// </summary>
    /// <param name="inputs">The inputs as typed.</param>
    /// <param name="from">The format every file is read as (a name of <see cref="FormatNames"/>), or <see langword="null"/> to tell by extension and content.</param>
    /// <param name="offline">Whether DOIs come only from the cache.</param>
    /// <param name="maxBytes">The size cap of each file.</param>
    /// <param name="parse">The command line, for the DOI options.</param>
    /// <param name="context">The command's context.</param>
    /// <param name="done">What the command would have done, for the message when an input cannot be read ("formatted").</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    /// <returns>The merged items and how many error diagnostics the inputs gave.</returns>
    /// <exception cref="InputException">An input cannot be read at all.</exception>
    /// <exception cref="UsageException">The DOI options are wrong.</exception>
    public async Task<(IReadOnlyList<CslItem> Items, int Errors)> ReadAsync(IReadOnlyList<string> inputs, string? from, bool offline, long maxBytes,
        ParseResult parse, CliContext context, string done, CancellationToken cancellationToken)
    {
        var options = LookupOptions(parse, offline, context);
        var errors = 0;
        var read = new List<Input>(inputs.Count);
        foreach (var name in inputs)
        {
            var input = ReadInput(name, from, maxBytes, context);
            await context.WriteDiagnosticsAsync(input.Diagnostics).ConfigureAwait(false);
            if (input.Stopped)
            {
                throw new InputException($"{name} could not be read (see above); nothing was {done}.");
            }

            errors += input.Diagnostics.Count(d => d.IsError);
            read.Add(input);
        }

        if (read.Any(i => i.Dois.Count > 0))
        {
            context.ConfigureDoiLookup?.Invoke(options);
            using var resolver = new DoiResolver(options);
            foreach (var input in read.Where(i => i.Dois.Count > 0))
            {
                var looked = await resolver.ResolveAllAsync(input.Dois, cancellationToken).ConfigureAwait(false);
                await context.WriteDiagnosticsAsync(looked.Diagnostics).ConfigureAwait(false);
                errors += looked.Diagnostics.Count(d => d.IsError);
                input.Items = looked.Value!;
            }
        }

        var (items, duplicates) = Merge(read);
        await context.WriteDiagnosticsAsync(duplicates).ConfigureAwait(false);
        return (items, errors + duplicates.Count);
    }

    /// <summary>
    /// The link targets of a DOI (<c>doi:…</c> or a resolver URL) or a list of DOIs, for <c>citations check</c>: each
    /// DOI's resolver URL at <c>https://doi.org/</c>, with the DOI as its source id; <see langword="null"/> when the path
    /// names neither (a file of another kind).
    /// </summary>
    /// <param name="path">The path as typed.</param>
    /// <param name="maxBytes">The size cap of the file.</param>
    /// <param name="context">The command's context.</param>
    public static ParseResult<LinkTargetSet>? ReadDoiTargets(string path, long maxBytes, CliContext context)
    {
        var resolver = new Uri(DoiLookupOptions.DefaultResolverAddress);
        if (Doi.IsReference(path))
        {
            var doi = Doi.Parse(path);
            return new ParseResult<LinkTargetSet>(new LinkTargetSet { Targets = [Target(doi, resolver, path)] }, []);
        }

        var full = context.ResolvePath(path);
        if (!DoiList.HasExtension(path) && (ItemFormats.Default.FindReader(path, []) is not null || !DoiList.Sniff(Start(full))))
        {
            return null;
        }

        var text = InputFile.ReadAllText(full, maxBytes, path);
        if (text.Value is null)
        {
            return new ParseResult<LinkTargetSet>(null, text.Diagnostics);
        }

        var list = DoiList.Read(text.Value, path);
        var targets = list.Value!.Select(r => Target(r.Doi, resolver, string.Create(CultureInfo.InvariantCulture, $"{path}:{r.Location.Line}"))).ToList();
        return new ParseResult<LinkTargetSet>(new LinkTargetSet { Targets = targets }, list.Diagnostics);
    }

    private static LinkTarget Target(Doi doi, Uri resolver, string origin)
        => new(doi.ResolverUrl(resolver).AbsoluteUri) { SourceId = doi.Text, Origin = origin };

    /// <summary>The first bytes of a file, to sniff; empty when it cannot be read (its reader then says why).</summary>
    private static byte[] Start(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            var buffer = new byte[DoiList.SniffLength];
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return buffer[..length];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Reads one input: a DOI, a list of DOIs (not yet looked up), or a file of items.</summary>
    private static Input ReadInput(string name, string? from, long maxBytes, CliContext context)
    {
        if (Doi.IsReference(name))
        {
            return new Input(name, [], [new DoiReference(Doi.Parse(name), new SourceLocation(name, null, 0, 0))], []);
        }

        var bytes = InputFile.ReadAllBytes(context.ResolvePath(name), maxBytes, name);
        if (bytes.Value is null)
        {
            return new Input(name, [], [], bytes.Diagnostics) { Stopped = true };
        }

        var isDoiList = from is null
            ? DoiList.HasExtension(name) || (ItemFormats.Default.FindReader(name, []) is null && DoiList.Sniff(bytes.Value))
            : from == DoiListFormat;
        if (isDoiList)
        {
            var text = InputFile.DecodeUtf8(bytes.Value, name);
            if (text.Value is null)
            {
                return new Input(name, [], [], text.Diagnostics) { Stopped = true };
            }

            var list = DoiList.Read(text.Value, name);
            return new Input(name, [], list.Value!, list.Diagnostics);
        }

        var items = from is null ? ItemFormats.Default.Read(bytes.Value, name) : ItemFormats.Default.FindReaderByName(from)!.Read(bytes.Value, name);
        return new Input(name, items.Value ?? [], [], items.Diagnostics) { Stopped = items.Stopped };
    }

    /// <summary>The DOI lookup options the command line asks for, checked before any input is read.</summary>
    public DoiLookupOptions LookupOptions(ParseResult parse, bool offline, CliContext context)
    {
        var options = new DoiLookupOptions { Offline = offline, AllowPrivateAddresses = parse.GetValue(AllowPrivateOption) };
        if (parse.GetValue(ResolverOption) is { } address)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--doi-resolver must be an http or https address, not '{address}'.");
            }

            options.ResolverAddress = uri;
        }

        if (parse.GetValue(CacheOption) is { } cache)
        {
            options.CacheDirectory = context.ResolvePath(cache);
        }

        return options;
    }

    /// <summary>The items of every input in order; an id already taken by an earlier input is an error, and that item is left out.</summary>
    private static (List<CslItem> Items, List<Diagnostic> Duplicates) Merge(List<Input> inputs)
    {
        var items = new List<CslItem>();
        var duplicates = new List<Diagnostic>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            foreach (var item in input.Items)
            {
                if (owners.TryGetValue(item.Id.Text, out var first))
                {
                    duplicates.Add(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.DuplicateId,
                        $"Item id '{item.Id.Text}' is in both {first} and {input.Name}; the item from {first} is kept, this one is left out.",
                        new SourceLocation(input.Name, null, 0, 0)));
                    continue;
                }

                owners.Add(item.Id.Text, input.Name);
                items.Add(item);
            }
        }

        return (items, duplicates);
    }

    /// <summary>One input as read: its items (of a file, or once its DOIs are looked up), its DOIs, and its problems.</summary>
    private sealed class Input(string name, IReadOnlyList<CslItem> items, IReadOnlyList<DoiReference> dois, IReadOnlyList<Diagnostic> diagnostics)
    {
        public string Name { get; } = name;

        public IReadOnlyList<CslItem> Items { get; set; } = items;

        public IReadOnlyList<DoiReference> Dois { get; } = dois;

        public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

        public bool Stopped { get; init; }
    }
}
