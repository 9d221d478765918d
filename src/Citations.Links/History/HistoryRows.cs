using System.Data.Common;

namespace Citations.Links.History;

/// <summary>
/// The column lists and row readers both history stores share (SQLite and PostgreSQL): the tables have the same
/// columns, so a check row and a URL's rot state are read one way, through <see cref="DbDataReader"/>.
/// </summary>
internal static class HistoryRows
{
    /// <summary>The columns of a check row, in the order <see cref="ReadCheck"/> reads them.</summary>
    public const string CheckColumns = "url, checked_at, verdict, status, final_url, error_kind, fingerprint, format, detail";

    /// <summary>The columns <see cref="ReadRot"/> reads, in its order (offsets 0 to 9).</summary>
    public const string RotColumns = """
        checks, first_checked, last_checked, last_verdict, last_conclusive_check, last_conclusive_at, last_alive,
        first_failing, spaced_failures, last_spaced_failure
        """;

    /// <summary>Reads a check row selected as <see cref="CheckColumns"/>, starting at column <paramref name="first"/>.</summary>
    public static CheckRow ReadCheck(DbDataReader reader, int first = 0) => new(
        reader.GetString(first),
        reader.GetInt64(first + 1),
        reader.GetString(first + 2),
        reader.IsDBNull(first + 3) ? null : reader.GetInt32(first + 3),
        reader.IsDBNull(first + 4) ? null : reader.GetString(first + 4),
        reader.IsDBNull(first + 5) ? null : reader.GetString(first + 5),
        reader.IsDBNull(first + 6) ? null : reader.GetString(first + 6),
        reader.GetInt32(first + 7),
        reader.GetString(first + 8));

    /// <summary>The rot state stored in the first columns, selected as <see cref="RotColumns"/>.</summary>
    public static RotState ReadRot(DbDataReader reader)
    {
        return new RotState(
            reader.GetInt32(0),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
            LinkVerdictExtensions.TryParseReportName(reader.GetString(3), out var verdict) ? verdict : LinkVerdict.Inconclusive,
            Instant(6),
            Instant(7),
            reader.GetInt32(8),
            Instant(9));

        DateTimeOffset? Instant(int i) => reader.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(i));
    }
}
