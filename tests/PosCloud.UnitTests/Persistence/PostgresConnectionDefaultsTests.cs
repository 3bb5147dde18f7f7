using Npgsql;
using PosCloud.Core.Persistence;

namespace PosCloud.UnitTests.Persistence;

public class PostgresConnectionDefaultsTests
{
    [Fact]
    public void Auto_preparation_and_no_reset_on_close_are_added_when_the_operator_did_not_choose()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply("Host=db;Username=pos;Password=secret;Database=poscloud"));
        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, applied.MaxAutoPrepare);
        Assert.Equal(PostgresConnectionDefaults.AutoPrepareMinUsages, applied.AutoPrepareMinUsages);
        Assert.True(applied.NoResetOnClose);
        Assert.Equal("db", applied.Host);
        Assert.Equal("secret", applied.Password);
        Assert.Equal("poscloud", applied.Database);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=10", 10)]
    [InlineData("Host=db;Auto Prepare Min Usages=7", 0)] // only the usages named: Npgsql's default (off) stays
    public void A_connection_string_that_names_auto_preparation_keeps_it(string connectionString, int expected)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(connectionString));
        Assert.Equal(expected, applied.MaxAutoPrepare);
        Assert.True(applied.NoResetOnClose); // the other default is still added
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false", false)]
    [InlineData("Host=db;NoResetOnClose=true", true)]
    public void A_connection_string_that_names_no_reset_on_close_keeps_it(string connectionString, bool expected)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(connectionString));
        Assert.Equal(expected, applied.NoResetOnClose);
        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, applied.MaxAutoPrepare);
    }

    [Fact]
    public void A_connection_string_that_names_both_is_returned_unchanged()
    {
        const string chosen = "Host=db;Max Auto Prepare=0;No Reset On Close=false";
        Assert.Equal(chosen, PostgresConnectionDefaults.Apply(chosen));
    }
}
