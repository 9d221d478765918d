using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Citations.Tests.Serialization;

/// <summary>
/// Generates valid CSL-JSON items from a seeded pseudo-random generator: every item type and every variable of the
/// official schema (<c>csl-data.json</c>), with the awkward cases of each kind of value — names with particles, suffixes,
/// literals and flags written as booleans, numbers or strings; dates as ranges, seasons, circa, literal, raw and EDTF
/// strings; numbers written as strings and as numbers; rich-text markup; and properties CSL-JSON does not define.
/// </summary>
internal sealed class CslItemGenerator
{
    private static readonly string[] Texts =
    [
        "Plain title",
        "A <i>Homo sapiens</i> study with <b>bold</b> and <sup>2</sup> and <sub>x</sub>",
        "<span style=\"font-variant:small-caps;\">Small caps</span> and <span class=\"nocase\">iPhone</span>",
        "“Curly” and \"straight\" quotes, it’s done",
        "Zürich — Ελληνικά — 漢字 — 🙂 (a surrogate pair)",
        "Tab\tnew\nline \\ backslash / slash",
        "&amp; entities &#38; stay as written <unclosed",
        string.Empty,
        " leading and trailing spaces ",
    ];

    private static readonly string[] NumberTexts = ["12", "12-15", "xii", "3a", "2nd", "1, 3, 5", "S12", "100–200"];
    private static readonly string[] NumberLiterals = ["3", "0", "-2", "1.5", "1e3", "123456789012", "7.0"];
    private static readonly string[] Edtf = ["2021", "2021-03", "2021-03-05", "2021-03~", "2020/2021-06", "-0099", "2021-21", "2021-XX", "2019/..", "1984?"];
    private static readonly string[] RawDates = ["2003-05-17", "May 2003", "17 May 2003", "May 17, 2003", "1998-2000", "Spring 2003", "n.d."];

    private readonly Random _random;

    public CslItemGenerator(int seed, JsonElement schema)
    {
        _random = new Random(seed);
        var properties = schema.GetProperty("items").GetProperty("properties");
        Types = properties.GetProperty("type").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var variables = new List<(string, string)>();
        foreach (var property in properties.EnumerateObject())
        {
            var kind = property.Name switch
            {
                "id" or "type" => null,
                "categories" => "categories",
                "custom" => "custom",
                _ when property.Value.TryGetProperty("$ref", out var r) && r.GetString()!.EndsWith("date-variable", StringComparison.Ordinal) => "date",
                _ when property.Value.TryGetProperty("items", out var items) && items.TryGetProperty("$ref", out var r)
                       && r.GetString()!.EndsWith("name-variable", StringComparison.Ordinal) => "name",
                _ when property.Value.GetProperty("type").ValueKind == JsonValueKind.Array => "number",
                _ => "string",
            };
            if (kind is not null)
            {
                variables.Add((property.Name, kind));
            }
        }

        // CSL 1.0.2 spells three number variables differently from CSL-JSON; both spellings must survive.
        variables.AddRange([("part-number", "number"), ("printing-number", "number"), ("supplement-number", "number")]);
        Variables = variables;
    }

    public IReadOnlyList<string> Types { get; }

    public IReadOnlyList<(string Name, string Kind)> Variables { get; }

    /// <summary>Generates item number <paramref name="n"/>: its type cycles through every type, its variables through every variable.</summary>
    public JsonObject Item(int n)
    {
        var item = new JsonObject
        {
            ["id"] = _random.Next(3) == 0 ? JsonValue.Create(n) : JsonValue.Create($"item-{n}"),
            ["type"] = Types[n % Types.Count],
        };

        // A sliding window guarantees every variable appears; random extras mix the kinds within items.
        var chosen = new HashSet<int> { n % Variables.Count, (n + 1) % Variables.Count };
        for (var i = _random.Next(2, 12); i > 0; i--)
        {
            chosen.Add(_random.Next(Variables.Count));
        }

        foreach (var index in chosen)
        {
            var (name, kind) = Variables[index];
            item[name] = kind switch
            {
                "name" => Names(),
                "date" => Date(),
                "number" => Number(),
                "categories" => new JsonArray(Pick(Texts), "category"),
                "custom" => Custom(),
                _ => Pick(Texts),
            };
        }

        if (_random.Next(4) == 0)
        {
            item["x-unknown"] = Custom();
        }

        return item;
    }

    private JsonArray Names()
    {
        var names = new JsonArray();
        for (var i = _random.Next(0, 4); i > 0; i--)
        {
            var name = new JsonObject();
            if (_random.Next(4) == 0)
            {
                name["literal"] = Pick(["World Health Organization", "U.S. Customs and Border Protection", "蔡英文"]);
            }
            else
            {
                name["family"] = Pick(["Beethoven", "Gogh", "Martin", "Ó Briain", "Müller"]);
                Maybe(name, "given", () => Pick(["Ludwig", "Vincent", "J. R. R.", "Jean-Paul"]));
                Maybe(name, "dropping-particle", () => Pick(["van", "de", "von"]));
                Maybe(name, "non-dropping-particle", () => Pick(["van", "de la", "d'"]));
                Maybe(name, "suffix", () => Pick(["Jr.", "III", "Sr."]));
            }

            Maybe(name, "comma-suffix", Flag);
            Maybe(name, "static-ordering", Flag);
            Maybe(name, "parse-names", Flag);
            names.Add(name);
        }

        return names;
    }

    private JsonNode Date()
    {
        if (_random.Next(4) == 0)
        {
            return Pick(Edtf);
        }

        var date = new JsonObject();
        var form = _random.Next(4);
        if (form <= 1)
        {
            var parts = new JsonArray(DateParts());
            if (form == 1)
            {
                parts.Add(DateParts());
            }

            date["date-parts"] = parts;
        }
        else if (form == 2)
        {
            date["raw"] = Pick(RawDates);
        }
        else
        {
            date["literal"] = Pick(["n.d.", "Spring 2003", "forthcoming"]);
        }

        Maybe(date, "season", () => _random.Next(2) == 0 ? JsonValue.Create(_random.Next(1, 5)) : Pick(["Spring", "Winter"]));
        Maybe(date, "circa", Flag);
        return date;
    }

    private JsonArray DateParts()
    {
        // Any year but 0, which is no year in CSL-JSON (only the open end of a range).
        var year = _random.Next(-500, 2100);
        var parts = new JsonArray(Scalar(year == 0 ? 1 : year));
        if (_random.Next(3) > 0)
        {
            parts.Add(Scalar(_random.Next(1, 13)));
            if (_random.Next(2) > 0)
            {
                parts.Add(Scalar(_random.Next(1, 29)));
            }
        }

        return parts;

        JsonNode Scalar(int value) => _random.Next(3) == 0 ? value.ToString(CultureInfo.InvariantCulture) : JsonValue.Create(value);
    }

    private JsonNode Number()
        => _random.Next(2) == 0 ? Pick(NumberTexts) : JsonNode.Parse(Pick(NumberLiterals))!;

    private JsonNode Flag() => _random.Next(3) switch
    {
        0 => JsonValue.Create(_random.Next(2) == 0),
        1 => JsonValue.Create(_random.Next(2)),
        _ => Pick(["true", "false", "1"]),
    };

    private JsonObject Custom()
    {
        // Keys that look like date properties must not turn an unknown object into a date.
        return _random.Next(3) switch
        {
            0 => new JsonObject { ["raw"] = 5, ["k"] = new JsonArray(true, null, 1.25) },
            1 => new JsonObject { ["date-parts"] = new JsonArray(new JsonArray(2020)), ["extra"] = "x" },
            _ => new JsonObject { ["nested"] = new JsonObject { ["list"] = new JsonArray("a", 2, false) }, ["null"] = null },
        };
    }

    private void Maybe(JsonObject target, string name, Func<JsonNode> value)
    {
        if (_random.Next(2) == 0)
        {
            target[name] = value();
        }
    }

    private string Pick(string[] values) => values[_random.Next(values.Length)];
}
