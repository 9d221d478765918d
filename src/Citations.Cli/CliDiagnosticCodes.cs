namespace Citations.Cli;

/// <summary>
/// The codes of the diagnostics the command-line tool itself produces (<c>CLI0xxx</c>): problems in the citations file
/// of <c>citations format</c> and in the configuration file (<c>citations.json</c>), the inputs only the tool reads. Inputs the libraries read carry their codes
/// (<c>CIT0xxx</c>, <c>CSL0xxx</c>, <c>LNK0xxx</c>); a JSON syntax error is <c>CIT0001</c> everywhere.
/// </summary>
public static class CliDiagnosticCodes
{
    /// <summary>Fatal: a citations file is not a JSON array of citations.</summary>
    public const string NotACitationsFile = "CLI0001";

    /// <summary>Error: a citation is neither an array of cites nor an object with <c>citationItems</c>; it is skipped.</summary>
    public const string InvalidCitation = "CLI0002";

    /// <summary>Error: a cite is not an object, has no <c>id</c>, or has a value of the wrong type; it is skipped.</summary>
    public const string InvalidCite = "CLI0003";

    /// <summary>Error: a cite names an item id the items file does not have (or whose item had errors); it is skipped.</summary>
    public const string UnknownItem = "CLI0004";

    /// <summary>Fatal: a configuration file is not a JSON object whose keys are <c>$schema</c> and command names (<c>check</c>); nothing is run.</summary>
    public const string NotAConfigFile = "CLI0005";

    /// <summary>Fatal: a configuration file names an option its command does not have; nothing is run.</summary>
    public const string UnknownConfigOption = "CLI0006";

    /// <summary>Fatal: a configuration file gives an option a value of the wrong kind (a number for a flag, an object) or a value the option refuses; nothing is run.</summary>
    public const string InvalidConfigValue = "CLI0007";
}
