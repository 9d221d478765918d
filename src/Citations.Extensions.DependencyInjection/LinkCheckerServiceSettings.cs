using Citations.Links.Checking;
using Citations.Links.Http;

namespace Citations.Extensions.DependencyInjection;

/// <summary>What <see cref="LinkCheckerServiceBuilder"/> adds to the registered checker, read when it is first resolved.</summary>
internal sealed class LinkCheckerServiceSettings
{
    /// <summary>The resolver of the guard handler and of the checker's connectivity probe; the system's when <see langword="null"/>.</summary>
    public HostResolver? Resolver { get; set; }

    /// <summary>Further changes to the checker's builder, in order.</summary>
    public List<Action<IServiceProvider, LinkCheckerBuilder>> CheckerSteps { get; } = [];
}
