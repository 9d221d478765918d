using System.Collections.Frozen;

namespace Citations.Formats.BibTeX;

/// <summary>The LaTeX commands the BibTeX reader turns into Unicode or markup, and what each becomes.</summary>
internal static class LaTeXSymbols
{
    /// <summary>Accent commands and the combining character each puts on its argument.</summary>
    public static readonly FrozenDictionary<string, char> Accents = new Dictionary<string, char>
    {
        ["`"] = '\u0300', ["'"] = '\u0301', ["^"] = '\u0302', ["~"] = '\u0303', ["="] = '\u0304', ["u"] = '\u0306',
        ["."] = '\u0307', ["\""] = '\u0308', ["r"] = '\u030A', ["H"] = '\u030B', ["v"] = '\u030C', ["d"] = '\u0323',
        ["c"] = '\u0327', ["k"] = '\u0328', ["b"] = '\u0331', ["t"] = '\u0361',
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Base letter + combining accent = precomposed letter (Unicode canonical composition, for the accents above), so
    // that accents come out composed without string normalisation (not available under invariant globalisation).
    private static readonly (char Mark, string Pairs)[] CompositionTable =
    [
        ('\u0300', "AÀEÈIÌNǸOÒUÙWẀYỲaàeèiìnǹoòuùwẁyỳÜǛüǜŌṐōṑ"),
        ('\u0301', "AÁCĆEÉGǴIÍKḰLĹMḾNŃOÓPṔRŔSŚUÚWẂYÝZŹaácćeégǵiíkḱlĺmḿnńoópṕrŕsśuúwẃyýzźÆǼæǽØǾøǿÅǺåǻÜǗüǘÏḮïḯÇḈçḉŌṒōṓ"),
        ('\u0302', "AÂCĈEÊGĜHĤIÎJĴOÔSŜUÛWŴYŶZẐaâcĉeêgĝhĥiîjĵoôsŝuûwŵyŷzẑ"),
        ('\u0303', "AÃEẼIĨNÑOÕUŨVṼYỸaãeẽiĩnñoõuũvṽyỹ"),
        ('\u0304', "AĀEĒGḠIĪOŌUŪYȲaāeēgḡiīoōuūyȳÆǢæǣÜǕüǖÖȪöȫÄǞäǟ"),
        ('\u0306', "AĂEĔGĞIĬOŎUŬaăeĕgğiĭoŏuŭ"),
        ('\u0307', "AȦBḂCĊDḊEĖFḞGĠHḢIİMṀNṄOȮPṖRṘSṠTṪWẆXẊYẎZŻaȧbḃcċdḋeėfḟgġhḣmṁnṅoȯpṗrṙsṡtṫwẇxẋyẏzż"),
        ('\u0308', "AÄEËHḦIÏOÖUÜWẄXẌYŸaäeëhḧiïoötẗuüwẅxẍyÿŪṺūṻ"),
        ('\u030A', "AÅUŮaåuůwẘyẙ"),
        ('\u030B', "OŐUŰoőuű"),
        ('\u030C', "AǍCČDĎEĚGǦHȞIǏKǨLĽNŇOǑRŘSŠTŤUǓZŽaǎcčdďeěgǧhȟiǐjǰkǩlľnňoǒrřsštťuǔzžÜǙüǚ"),
        ('\u0323', "AẠBḄDḌEẸHḤIỊKḲLḶMṂNṆOỌRṚSṢTṬUỤVṾWẈYỴZẒaạbḅdḍeẹhḥiịkḳlḷmṃnṇoọrṛsṣtṭuụvṿwẉyỵzẓ"),
        ('\u0327', "CÇDḐEȨGĢHḨKĶLĻNŅRŖSŞTŢcçdḑeȩgģhḩkķlļnņrŗsştţ"),
        ('\u0328', "AĄEĘIĮOǪUŲaąeęiįoǫuųŌǬōǭ"),
        ('\u0331', "BḆDḎKḴLḺNṈRṞTṮZẔbḇdḏhẖkḵlḻnṉrṟtṯzẕ"),
    ];

    /// <summary>Precomposed letters by (base letter, combining accent).</summary>
    public static readonly FrozenDictionary<(char Base, char Mark), char> Compositions = CompositionTable
        .SelectMany(entry => Enumerable.Range(0, entry.Pairs.Length / 2).Select(i => (Key: (entry.Pairs[2 * i], entry.Mark), Value: entry.Pairs[(2 * i) + 1])))
        .ToFrozenDictionary(p => p.Key, p => p.Value);

    /// <summary>Letters written as commands (<c>\ss</c>, <c>\o</c>, <c>\aa</c>, …): BibTeX's "special characters".</summary>
    public static readonly FrozenDictionary<string, string> Letters = new Dictionary<string, string>
    {
        ["i"] = "\u0131", ["j"] = "\u0237", ["ss"] = "ß", ["SS"] = "SS", ["o"] = "ø", ["O"] = "Ø", ["aa"] = "å", ["AA"] = "Å",
        ["ae"] = "æ", ["AE"] = "Æ", ["oe"] = "œ", ["OE"] = "Œ", ["l"] = "ł", ["L"] = "Ł", ["dh"] = "ð", ["DH"] = "Ð",
        ["th"] = "þ", ["TH"] = "Þ", ["ng"] = "ŋ", ["NG"] = "Ŋ", ["dj"] = "đ", ["DJ"] = "Đ",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Commands that stand for a symbol or a piece of text (no argument).</summary>
    public static readonly FrozenDictionary<string, string> Symbols = new Dictionary<string, string>
    {
        ["&"] = "&", ["%"] = "%", ["$"] = "$", ["#"] = "#", ["_"] = "_", ["{"] = "{", ["}"] = "}",
        ["textbackslash"] = "\\", ["S"] = "§", ["P"] = "¶", ["copyright"] = "©", ["textcopyright"] = "©",
        ["textregistered"] = "®", ["texttrademark"] = "™", ["pounds"] = "£", ["textsterling"] = "£", ["euro"] = "€",
        ["texteuro"] = "€", ["textdegree"] = "°", ["dag"] = "†", ["ddag"] = "‡", ["textdagger"] = "†",
        ["textdaggerdbl"] = "‡", ["dots"] = "…", ["ldots"] = "…", ["textellipsis"] = "…", ["textendash"] = "\u2013",
        ["textemdash"] = "\u2014", ["textquoteleft"] = "\u2018", ["textquoteright"] = "\u2019",
        ["textquotedblleft"] = "\u201C", ["textquotedblright"] = "\u201D", ["textquotedbl"] = "\"",
        ["textquotesingle"] = "'", ["guillemotleft"] = "«", ["guillemotright"] = "»", ["guillemetleft"] = "«",
        ["guillemetright"] = "»", ["guilsinglleft"] = "‹", ["guilsinglright"] = "›", ["quotedblbase"] = "„",
        ["quotesinglbase"] = "‚", ["textexclamdown"] = "¡", ["textquestiondown"] = "¿", ["textasciitilde"] = "~",
        ["textasciicircum"] = "^", ["textasciigrave"] = "`", ["textbar"] = "|", ["textless"] = "<", ["textgreater"] = ">", ["textbullet"] = "•",
        ["textperiodcentered"] = "·", ["textmu"] = "µ", ["textperthousand"] = "‰", ["textnumero"] = "№",
        ["texttimes"] = "×", ["textonehalf"] = "½", ["textonequarter"] = "¼", ["textthreequarters"] = "¾",
        ["textsection"] = "§", ["textparagraph"] = "¶", ["textunderscore"] = "_", ["textbraceleft"] = "{",
        ["textbraceright"] = "}", ["textdollar"] = "$", ["textordfeminine"] = "ª", ["textordmasculine"] = "º",
        ["LaTeX"] = "LaTeX", ["LaTeXe"] = "LaTeX2e", ["TeX"] = "TeX", ["BibTeX"] = "BibTeX", ["BibLaTeX"] = "BibLaTeX",
        ["slash"] = "/", ["textslash"] = "/", ["hyphen"] = "-", ["nobreakspace"] = "\u00A0", ["nobreakdash"] = "-",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Commands that print nothing (spacing hints, <c>\relax</c>, hyphenation points).</summary>
    public static readonly FrozenSet<string> Nothing = new[]
    {
        "/", "-", "@", "!", "relax", "protect", "allowbreak", "nobreak", "break", "nolinkurl", "unskip", "ignorespaces",
        "leavevmode", "hfill", "null", "noindent", "smallskip", "medskip", "bigskip", "normalsize", "small", "footnotesize",
        "scriptsize", "tiny", "large", "Large", "LARGE", "huge", "Huge", "selectfont", "sloppy",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Commands that print a space.</summary>
    public static readonly FrozenSet<string> Spaces = new[]
    {
        " ", "\\", ",", ";", ":", ">", "quad", "qquad", "enspace", "thinspace", "space", "newline", "linebreak", "par",
        "enskip", "hspace",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Commands whose one argument gets a style.</summary>
    public static readonly FrozenDictionary<string, InlineKind> Styles = new Dictionary<string, InlineKind>
    {
        ["emph"] = InlineKind.Emph, ["textit"] = InlineKind.Emph, ["textsl"] = InlineKind.Emph, ["mkbibemph"] = InlineKind.Emph,
        ["mkbibitalic"] = InlineKind.Emph, ["textbf"] = InlineKind.Strong, ["mkbibbold"] = InlineKind.Strong,
        ["textsc"] = InlineKind.SmallCaps, ["textsuperscript"] = InlineKind.Sup, ["mkbibsuperscript"] = InlineKind.Sup,
        ["textsubscript"] = InlineKind.Sub, ["mkbibsubscript"] = InlineKind.Sub, ["enquote"] = InlineKind.Quoted,
        ["mkbibquote"] = InlineKind.Quoted, ["NoCaseChange"] = InlineKind.Protected,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Declarations that style the rest of their group (<c>{\em …}</c>); <see cref="InlineKind.Text"/> means no style.</summary>
    public static readonly FrozenDictionary<string, InlineKind> Declarations = new Dictionary<string, InlineKind>
    {
        ["em"] = InlineKind.Emph, ["it"] = InlineKind.Emph, ["itshape"] = InlineKind.Emph, ["sl"] = InlineKind.Emph,
        ["slshape"] = InlineKind.Emph, ["bf"] = InlineKind.Strong, ["bfseries"] = InlineKind.Strong,
        ["sc"] = InlineKind.SmallCaps, ["scshape"] = InlineKind.SmallCaps, ["rm"] = InlineKind.Text,
        ["upshape"] = InlineKind.Text, ["normalfont"] = InlineKind.Text, ["mdseries"] = InlineKind.Text,
        ["sffamily"] = InlineKind.Text, ["ttfamily"] = InlineKind.Text, ["rmfamily"] = InlineKind.Text, ["tt"] = InlineKind.Text,
        ["sf"] = InlineKind.Text,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Commands whose one argument is printed as plain text.</summary>
    public static readonly FrozenSet<string> PlainArgument = new[]
    {
        "textup", "textnormal", "textrm", "textsf", "texttt", "textmd", "text", "mbox", "hbox", "textlatin", "underline",
        "uline", "sout", "ensuremath", "citetitle", "mkbibnamefamily", "mkbibnamegiven", "MakeSentenceCase", "mkbibacro",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Commands printed with their argument dropped (footnotes, sort keys).</summary>
    public static readonly FrozenSet<string> DroppedArgument = new[]
    {
        "footnote", "thanks", "noopsort", "sortnoop", "SortNoop", "singleletter", "index", "label", "hyphenation",
        "vphantom", "phantom",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>BibLaTeX localisation keys (<c>\bibstring{…}</c>, <c>type = {phdthesis}</c>) in English.</summary>
    public static readonly FrozenDictionary<string, string> BibStrings = new Dictionary<string, string>
    {
        ["phdthesis"] = "PhD thesis", ["mathesis"] = "Master’s thesis", ["candthesis"] = "Candidate thesis",
        ["techreport"] = "technical report", ["resreport"] = "research report", ["software"] = "computer software",
        ["datacd"] = "CD-ROM", ["audiocd"] = "audio CD", ["patent"] = "patent", ["patentus"] = "U.S. patent",
        ["patentuk"] = "British patent", ["patentde"] = "German patent", ["patentfr"] = "French patent",
        ["patenteu"] = "European patent", ["patreq"] = "patent request", ["inpress"] = "in press",
        ["inpreparation"] = "in preparation", ["submitted"] = "submitted", ["forthcoming"] = "forthcoming",
        ["prepublished"] = "pre-published", ["and"] = "and", ["andothers"] = "et al.", ["editor"] = "editor",
        ["editors"] = "editors", ["translator"] = "translator", ["volume"] = "volume", ["number"] = "number",
        ["edition"] = "edition", ["jourser"] = "series", ["newseries"] = "new series", ["oldseries"] = "old series",
        ["letter"] = "letter", ["newspaper"] = "newspaper", ["magazine"] = "magazine",
        ["commentary"] = "commentary", ["annotation"] = "annotation", ["appendix"] = "appendix",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
}
