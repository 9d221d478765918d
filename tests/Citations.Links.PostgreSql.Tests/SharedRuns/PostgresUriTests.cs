using Citations.Links.PostgreSql.SharedRuns;
using Npgsql;

namespace Citations.Links.PostgreSql.Tests.SharedRuns;

[TestClass]
public sealed class PostgresUriTests
{
    [TestMethod]
    public void TryParse_FullUri_EveryPartInTheConnectionString()
    {
        var text = PostgresUri.TryParse("postgresql://checker:p%40ss@db.internal:6543/links?sslmode=require&timeout=5", out var problem);

        Assert.IsNotNull(text, problem);
        var builder = new NpgsqlConnectionStringBuilder(text);
        Assert.AreEqual("db.internal", builder.Host);
        Assert.AreEqual(6543, builder.Port);
        Assert.AreEqual("checker", builder.Username);
        Assert.AreEqual("p@ss", builder.Password);
        Assert.AreEqual("links", builder.Database);
        Assert.AreEqual(SslMode.Require, builder.SslMode);
        Assert.AreEqual(5, builder.Timeout);
    }

    [TestMethod]
    public void TryParse_ShortForm_DefaultsKept()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresUri.TryParse("postgres://127.0.0.1", out _));

        Assert.AreEqual("127.0.0.1", builder.Host);
        Assert.AreEqual(5432, builder.Port);
        Assert.IsNull(builder.Database);
    }

    [TestMethod]
    [DataRow("links.db")]
    [DataRow("http://db.internal/links")]
    [DataRow("postgresql://")]
    public void TryParse_NotAPostgresUri_Problem(string text)
    {
        Assert.IsNull(PostgresUri.TryParse(text, out var problem));
        StringAssert.Contains(problem, "not a PostgreSQL URI");
    }

    [TestMethod]
    public void TryParse_UnknownOption_ProblemWithoutThePassword()
    {
        Assert.IsNull(PostgresUri.TryParse("postgresql://u:secret@h/db?nonsense=1", out var problem));
        StringAssert.Contains(problem, "'nonsense'");
        Assert.DoesNotContain("secret", problem);
    }
}
