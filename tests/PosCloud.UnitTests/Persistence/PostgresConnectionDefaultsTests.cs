using Npgsql;
using PosCloud.Core.Persistence;

namespace PosCloud.UnitTests.Persistence;

public class PostgresConnectionDefaultsTests
{
    [Fact]
    public void Auto_preparation_is_added_when_the_operator_did_not_choose()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply("Host=db;Username=pos;Password=secret;Database=poscloud"));
        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, applied.MaxAutoPrepare);
        Assert.Equal(PostgresConnectionDefaults.AutoPrepareMinUsages, applied.AutoPrepareMinUsages);
        Assert.Equal("db", applied.Host);
        Assert.Equal("secret", applied.Password);
        Assert.Equal("poscloud", applied.Database);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=10", 10)]
    [InlineData("Host=db;Auto Prepare Min Usages=7", 0)] // only the usages named: Npgsql's default (off) stays
    public void A_connection_string_that_names_auto_preparation_is_left_as_it_is(string connectionString, int expected)
    {
        Assert.Equal(connectionString, PostgresConnectionDefaults.Apply(connectionString));
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(connectionString).MaxAutoPrepare);
    }
}
