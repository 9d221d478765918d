namespace Citations.Serialization;

/// <summary>
/// The codes of the diagnostics that reading CSL-JSON (<c>CIT00xx</c>), article files (<c>CIT01xx</c>) and the other
/// bibliography formats (<c>CIT03xx</c>: BibTeX/BibLaTeX, RIS, CSL-YAML, CITATION.cff) can produce.
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

    /// <summary>
    /// Warning: a name has no part with text (no <c>family</c>, <c>given</c> or <c>literal</c>, or only empty or blank
    /// ones, such as <c>{"literal": ""}</c>); it is left out of its list, so that nothing prints as a blank name.
    /// </summary>
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

    /// <summary>Fatal: a text file is not valid UTF-8 (the location is the first invalid byte, with its JSON path in a JSON file).</summary>
    public const string NotUtf8 = "CIT0015";

    /// <summary>
    /// Error: a JSON string or property name holds an escape of half a surrogate pair (<c>"\ud800"</c> without its
    /// other half): valid JSON syntax, but no Unicode text. The entry holding it (a CSL item; in an article file the value,
    /// and so the claim or source that needs it) is skipped; the rest of the file is read.
    /// </summary>
    public const string UnpairedSurrogate = "CIT0016";

    /// <summary>
    /// A part of a CSL-JSON <c>date-parts</c> array is not a date part, and that part and those after it are left out,
    /// so that a date never prints a wrong part. An error when it is the year (not a whole number other than 0, or more
    /// than 9,999,999 either side of 0: <c>0</c>, <c>1e20</c>, <c>"x"</c>; 0 is allowed only as the open end of a range):
    /// the date keeps only its <c>literal</c> or <c>raw</c> text, or is left out. A warning when it is a month outside
    /// 0–24 (0 is none, 13–24 the seasons) or a day outside 0–31 (such as <c>-4</c>): the year is still used, as
    /// citeproc-js ignores such parts too.
    /// </summary>
    public const string InvalidDatePart = "CIT0017";

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

    // ---- Other bibliography formats (Citations.Formats): CIT03xx. ----
    // BibTeX and BibLaTeX (CIT0300–CIT0339).

    /// <summary>Error: a BibTeX entry is malformed where the reader expected something else (a missing <c>=</c> or comma, a stray character); the entry was skipped.</summary>
    public const string BibSyntax = "CIT0300";

    /// <summary>Error: a brace or quote in a BibTeX entry is never closed (or a closing brace has no opening one); the entry was skipped.</summary>
    public const string BibUnbalanced = "CIT0301";

    /// <summary>Error: a BibTeX value names an <c>@string</c> macro that is not defined; it was read as empty text.</summary>
    public const string BibUnknownMacro = "CIT0302";

    /// <summary>Error: two BibTeX entries share a key; the second was skipped.</summary>
    public const string BibDuplicateKey = "CIT0303";

    /// <summary>Error: text that looks like a field (<c>name = value</c>) stands outside any entry, usually after an entry closed too early; it was ignored.</summary>
    public const string BibFieldOutsideEntry = "CIT0304";

    /// <summary>Warning: a BibTeX entry has the same field twice; the first one was used.</summary>
    public const string BibDuplicateField = "CIT0305";

    /// <summary>Error: entries inherit from each other in a circle through <c>crossref</c> or <c>xdata</c>; the inheritance that closes the circle was ignored.</summary>
    public const string BibInheritanceCycle = "CIT0306";

    /// <summary>Warning: a <c>crossref</c> or <c>xdata</c> field names an entry that does not exist; nothing was inherited from it.</summary>
    public const string BibMissingParent = "CIT0307";

    /// <summary>Error: expanding <c>@string</c> macros would produce more text than the limit for the file (a macro bomb); the value was cut off and the entry skipped.</summary>
    public const string BibExpansionLimit = "CIT0308";

    /// <summary>Error: braces are nested deeper than the limit; the entry was skipped.</summary>
    public const string BibNestingLimit = "CIT0309";

    /// <summary>Warning: a chain of <c>crossref</c>/<c>xdata</c> parents is longer than the limit; the more distant parents were not inherited from.</summary>
    public const string BibInheritanceDepth = "CIT0310";

    /// <summary>Warning: a BibTeX entry type is not one BibTeX or BibLaTeX defines; the item was read with a generic type.</summary>
    public const string BibUnknownEntryType = "CIT0311";

    /// <summary>Warning: a date field (<c>date</c>, <c>year</c>, <c>urldate</c>, …) could not be read as a date; it is kept as literal text (or left out where CSL cannot say it).</summary>
    public const string BibInvalidDate = "CIT0312";

    /// <summary>Warning: a LaTeX command in a field is unknown; the command was dropped and its arguments kept as text.</summary>
    public const string BibUnknownCommand = "CIT0313";

    /// <summary>Error: a BibTeX entry has no key; it was skipped.</summary>
    public const string BibMissingKey = "CIT0314";

    /// <summary>Warning: a name list or name could not be read as written (an empty name, a name with too many commas); the rest of the list was used.</summary>
    public const string BibInvalidName = "CIT0315";

    // RIS (CIT0340–CIT0349).

    /// <summary>Error: a RIS record has no <c>TY</c> line, or data comes before the first <c>TY</c>; the record (or the stray lines) was skipped.</summary>
    public const string RisMissingType = "CIT0340";

    /// <summary>Warning: a RIS record is not closed by <c>ER</c> before the file ends or the next <c>TY</c>; it was read as far as it went.</summary>
    public const string RisUnterminated = "CIT0341";

    /// <summary>Warning: a line of a RIS record is not a <c>TAG  - value</c> line and does not continue the previous one; it was ignored.</summary>
    public const string RisMalformedLine = "CIT0342";

    /// <summary>Warning: a RIS <c>TY</c> type is not one of the RIS reference types; the item was read as a generic document.</summary>
    public const string RisUnknownType = "CIT0343";

    /// <summary>Warning: a RIS date (<c>PY</c>, <c>DA</c>, <c>Y1</c>, <c>Y2</c>) could not be read; it is kept as literal text.</summary>
    public const string RisInvalidDate = "CIT0344";

    // CSL-YAML (CIT0350–CIT0359). Items inside are checked with the CSL-JSON codes (CIT00xx).

    /// <summary>Fatal: the text is not valid YAML (or uses a YAML feature the reader refuses, such as an alias bomb).</summary>
    public const string InvalidYaml = "CIT0350";

    /// <summary>Fatal: a Markdown file has no YAML front matter, or its front matter has no <c>references</c> list.</summary>
    public const string NoReferences = "CIT0351";

    // CITATION.cff (CIT0360–CIT0369).

    /// <summary>
    /// A CITATION.cff file (or one of its references) lacks a key the Citation File Format requires: an error when the
    /// item cannot be made without it (<c>title</c>; the item is skipped), a warning otherwise (<c>authors</c>,
    /// <c>message</c>, <c>cff-version</c>).
    /// </summary>
    public const string CffMissingKey = "CIT0360";

    /// <summary>Warning: a CITATION.cff value has the wrong shape (a list where a text is expected, an author that is neither a person nor an entity); it was ignored.</summary>
    public const string CffInvalidValue = "CIT0361";

    // Shared by the text formats (CIT0390–CIT0399).

    /// <summary>Warning: the file is not valid UTF-8; it was read as Latin-1 (ISO-8859-1), which may have mis-read some characters.</summary>
    public const string ReadAsLatin1 = "CIT0390";

    /// <summary>Fatal: the file produced more problems than the reader reports; reading stopped there.</summary>
    public const string TooManyProblems = "CIT0391";
    /// <summary>
    /// A source's <c>id</c> names no item of the article's <c>bibliography</c> file, or the article names no bibliography
    /// file; the source is skipped.
    /// </summary>
    public const string UnknownItemReference = "CIT0106";
}
