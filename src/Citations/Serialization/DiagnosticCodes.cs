namespace Citations.Serialization;

/// <summary>
/// The codes of the diagnostics that reading CSL-JSON (<c>CIT00xx</c>) and article files (<c>CIT01xx</c>) can produce.
/// Validation adds its own (<c>CIT02xx</c>, <see cref="Validation.ValidationCodes"/>).
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The text is not valid JSON.</summary>
    public const string InvalidJson = "CIT0001";

    /// <summary>A value has the wrong JSON type.</summary>
    public const string WrongType = "CIT0002";

    /// <summary>An item, or the file's top level, is not an object.</summary>
    public const string NotAnObject = "CIT0003";

    /// <summary>An item has no <c>id</c>.</summary>
    public const string MissingId = "CIT0004";

    /// <summary>An item has no <c>type</c>.</summary>
    public const string MissingType = "CIT0005";

    /// <summary>An item's <c>type</c> is not a CSL item type.</summary>
    public const string UnknownItemType = "CIT0006";

    /// <summary>Two items share an id.</summary>
    public const string DuplicateId = "CIT0007";

    /// <summary>A name has no parts.</summary>
    public const string EmptyName = "CIT0008";

    /// <summary>A date has no parts.</summary>
    public const string EmptyDate = "CIT0009";

    /// <summary>A date string could not be parsed.</summary>
    public const string UnparsedDate = "CIT0010";

    /// <summary>The file could not be read.</summary>
    public const string UnreadableFile = "CIT0011";

    /// <summary>A property appears twice in one JSON object.</summary>
    public const string DuplicateProperty = "CIT0012";

    /// <summary>Fatal: a file is in no bibliography format the program reads (by its extension or its content).</summary>
    public const string UnknownFormat = "CIT0013";

    /// <summary>Fatal: a file is larger than the size cap for an input.</summary>
    public const string FileTooLarge = "CIT0014";

    /// <summary>Fatal: a text file is not valid UTF-8 (the location is the first invalid byte).</summary>
    public const string NotUtf8 = "CIT0015";

    /// <summary>An article file lacks a property it needs (a claim without an <c>id</c>, an anchor without a paragraph).</summary>
    public const string MissingProperty = "CIT0101";

    /// <summary>An article file has a property the format does not define (often a misspelling); it is ignored.</summary>
    public const string UnknownProperty = "CIT0102";

    /// <summary>A value is not one of the names the format allows (a claim kind, a relation, a source class).</summary>
    public const string UnknownName = "CIT0103";

    /// <summary>A value has the right JSON type but is not allowed (a paragraph number below 1, a blank id).</summary>
    public const string InvalidValue = "CIT0104";

    /// <summary>The article file declares a format version this library does not read.</summary>
    public const string UnsupportedVersion = "CIT0105";

    /// <summary>
    /// A source's <c>id</c> names no item of the article's <c>bibliography</c> file, or the article names no bibliography
    /// file; the source is skipped.
    /// </summary>
    public const string UnknownItemReference = "CIT0106";
}
