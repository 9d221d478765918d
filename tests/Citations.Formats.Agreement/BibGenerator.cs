using System.Globalization;
using System.Text;

namespace Citations.Formats.Agreement;

/// <summary>
/// Writes a large, varied, deterministic .bib file for the speed benchmark: articles (journal names as @string
/// macros), books, conference papers, chapters, theses and web pages, with particles and accents in names, LaTeX
/// accents, protected words and emphasis in titles, dates in both BibTeX and BibLaTeX form, DOIs and URLs.
/// </summary>
internal static class BibGenerator
{
    private static readonly string[] Families =
    [
        "Abara", "Bergström", "Castro", "Dahl", "Eriksen", "Fofana", "Gueye", "Holt", "Ivanova", "Jaramillo", "Kahn",
        "Laurent", "Mercier", "Nakashima", "Otieno", "Pires", "Queiroz", "Rahimi", "Sadeghi", "Taheri", "Uzor", "Vidal",
        "Wright", "Xiong", "Yamamoto", "Zapata", "M\\\"uller", "Garc{\\'\\i}a", "Dvo\\v{r}\\'ak", "{\\O}stergaard",
    ];

    private static readonly string[] Givens =
    [
        "Ana", "Bo", "Chioma", "Daniel", "Emi", "Farah", "Grace", "Hiro", "Ingrid", "Jonas", "Kofi", "Lena", "Mateo",
        "Nadia", "Omar", "Priya", "Rosa", "Sven", "Tomás", "Uma", "J. R.", "K.-L.", "Ren{\\'e}e",
    ];

    private static readonly string[] Particles = ["van", "de", "von", "van der", "da", "de la"];

    private static readonly string[] Words =
    [
        "analysis", "rivers", "soil", "carbon", "cities", "markets", "language", "memory", "networks", "models",
        "evidence", "history", "climate", "energy", "water", "health", "policy", "design", "learning", "systems",
        "coastal", "urban", "rural", "early", "modern", "global", "local", "seasonal", "long-term", "spatial",
    ];

    private static readonly string[] Journals =
    [
        "Journal of Applied Hydrology", "Urban Studies Quarterly", "Soil Review", "Linguistic Notes", "Energy Letters",
        "History of Science Review", "Computational Methods", "Public Health Reports",
    ];

    /// <summary>Writes <paramref name="count"/> entries to a string.</summary>
    public static string Generate(int count, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(count * 400);
        for (var j = 0; j < Journals.Length; j++)
        {
            text.Append(CultureInfo.InvariantCulture, $"@string{{j{j} = {{{Journals[j]}}}}}\n");
        }

        text.Append('\n');
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            var type = roll switch
            {
                < 50 => "article",
                < 65 => "book",
                < 80 => "inproceedings",
                < 90 => "incollection",
                < 95 => "phdthesis",
                _ => "online",
            };
            text.Append(CultureInfo.InvariantCulture, $"@{type}{{key{i},\n");
            text.Append("  author = {").Append(Names(random)).Append("},\n");
            text.Append("  title = {").Append(Title(random)).Append("},\n");
            var year = 1950 + random.Next(75);
            if (random.Next(2) == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"  year = {{{year}}},\n");
                if (random.Next(3) == 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $"  month = {Month(random)},\n");
                }
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"  date = {{{year}-{1 + random.Next(12):00}-{1 + random.Next(28):00}}},\n");
            }

            switch (type)
            {
                case "article":
                    text.Append(CultureInfo.InvariantCulture, $"  journal = j{random.Next(Journals.Length)},\n");
                    text.Append(CultureInfo.InvariantCulture, $"  volume = {{{1 + random.Next(80)}}},\n  number = {{{1 + random.Next(12)}}},\n");
                    var first = 1 + random.Next(900);
                    text.Append(CultureInfo.InvariantCulture, $"  pages = {{{first}--{first + random.Next(40)}}},\n");
                    text.Append(CultureInfo.InvariantCulture, $"  doi = {{10.5555/gen.{year}.{i}}},\n");
                    break;
                case "book":
                    text.Append("  publisher = {").Append(Capital(Words[random.Next(Words.Length)])).Append(" Press},\n");
                    text.Append("  address = {London and New York},\n");
                    text.Append(CultureInfo.InvariantCulture, $"  isbn = {{978-0-00-{i:000000}-0}},\n");
                    break;
                case "inproceedings" or "incollection":
                    text.Append("  booktitle = {Proceedings of the ").Append(Capital(Words[random.Next(Words.Length)])).Append(" Conference},\n");
                    text.Append("  editor = {").Append(Names(random)).Append("},\n");
                    text.Append(CultureInfo.InvariantCulture, $"  pages = {{{1 + random.Next(200)}--{201 + random.Next(20)}}},\n");
                    break;
                case "phdthesis":
                    text.Append("  school = {University of ").Append(Capital(Words[random.Next(Words.Length)])).Append("},\n");
                    break;
                default:
                    text.Append(CultureInfo.InvariantCulture, $"  url = {{https://example.org/item/{i}}},\n  urldate = {{2024-0{1 + random.Next(9)}-1{random.Next(10)}}},\n");
                    break;
            }

            if (random.Next(5) == 0)
            {
                text.Append("  note = {See also the \\emph{appendix} --- and the errata}").Append(",\n");
            }

            text.Append("}\n\n");
        }

        return text.ToString();
    }

    private static string Names(Random random)
    {
        var count = 1 + random.Next(5);
        var names = new List<string>(count);
        for (var n = 0; n < count; n++)
        {
            var family = Families[random.Next(Families.Length)];
            var given = Givens[random.Next(Givens.Length)];
            names.Add(random.Next(10) switch
            {
                0 => $"{given} {Particles[random.Next(Particles.Length)]} {family}",
                1 => $"{Particles[random.Next(Particles.Length)]} {family}, {given}",
                2 => $"{given} {family}",
                _ => $"{family}, {given}",
            });
        }

        if (random.Next(20) == 0)
        {
            names.Add("others");
        }

        return string.Join(" and ", names);
    }

    private static string Title(Random random)
    {
        var words = new List<string>();
        var length = 4 + random.Next(9);
        for (var w = 0; w < length; w++)
        {
            var word = Capital(Words[random.Next(Words.Length)]);
            words.Add(random.Next(12) switch
            {
                0 => "{" + word.ToUpperInvariant() + "}",
                1 => "\\emph{" + word + "}",
                2 => "{" + word + "}",
                _ => word,
            });
        }

        if (random.Next(3) == 0)
        {
            words.Insert(Math.Min(2, words.Count), "of the");
            words[1] += ":";
        }

        return string.Join(' ', words);
    }

    private static string Month(Random random) => new[] { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" }[random.Next(12)];

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
