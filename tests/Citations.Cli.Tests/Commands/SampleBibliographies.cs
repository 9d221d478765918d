namespace Citations.Cli.Tests.Commands;

/// <summary>
/// One small bibliography in each item format the tool reads (BibLaTeX, RIS, CSL-YAML, Markdown front matter,
/// CITATION.cff), each with one item whose URL is given, and the line the embedded author-date style prints for it.
/// </summary>
internal static class SampleBibliographies
{
    /// <summary>The files: name, the id of its item, and its bibliography entry in citations-author-date before the URL.</summary>
    public static IReadOnlyList<(string File, string Id, string Entry)> All { get; } =
    [
        ("refs.bib", "okafor2021", "Okafor, Ada, and Per Lindqvist. 2021. “Measuring DNA repair in the field.” Journal of Tests 4: 10–20."),
        ("refs.ris", "baker2023", "Baker, Ruth. 2023. Encounter data explained. Data Desk."),
        ("refs.yaml", "roe2019", "Roe, Ann. 2019. Counting the uncounted. Tests Press."),
        ("paper.md", "chen2020", "Chen, Li. 2020. Front matter sources. May 1, 2020."),
        ("CITATION.cff", "sample-tool", "Lovelace, Ada. 2024. Sample Tool. Software. Version 2.1.0."),
    ];

    /// <summary>Writes every file into a folder.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="url">The URL each item cites.</param>
    public static void WriteAll(string folder, string url)
    {
        foreach (var (file, _, _) in All)
        {
            File.WriteAllText(Path.Combine(folder, file), Text(file, url));
        }
    }

    /// <summary>The text of one file.</summary>
    public static string Text(string file, string url) => file switch
    {
        "refs.bib" => """
            @string{jt = {Journal of Tests}}
            @article{okafor2021,
              author = {Okafor, Ada and Lindqvist, Per},
              title = {Measuring {DNA} repair in the field},
              journal = jt,
              year = 2021, volume = 4, pages = {10--20},
              url = {URL}
            }

            """.Replace("URL", url, StringComparison.Ordinal),
        "refs.ris" => $"""
            TY  - RPRT
            ID  - baker2023
            AU  - Baker, Ruth
            TI  - Encounter data explained
            PB  - Data Desk
            PY  - 2023
            UR  - {url}
            ER  - 

            """,
        "refs.yaml" => $"""
            references:
            - id: roe2019
              type: book
              title: Counting the uncounted
              author:
              - family: Roe
                given: Ann
              publisher: Tests Press
              issued: 2019
              URL: {url}

            """,
        "paper.md" => $"""
            ---
            title: A paper
            references:
            - id: chen2020
              type: webpage
              title: Front matter sources
              author:
              - family: Chen
                given: Li
              issued:
                date-parts: [[2020, 5, 1]]
              URL: {url}
            ---

            Body text [@chen2020].

            """,
        "CITATION.cff" => $"""
            cff-version: 1.2.0
            message: Please cite this software.
            title: Sample Tool
            authors:
              - family-names: Lovelace
                given-names: Ada
            version: 2.1.0
            date-released: 2024-05-01
            url: {url}

            """,
        _ => throw new ArgumentOutOfRangeException(nameof(file), file, null),
    };
}
