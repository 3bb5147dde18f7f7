using System.Reflection;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using PosCloud.Core.Persistence;

namespace PosCloud.UnitTests.Persistence;

/// <summary>SQL Server's error numbers classified like PostgreSQL's: unique violations and transient failures.</summary>
public class SqlServerErrorsTests
{
    [Theory]
    [InlineData(2627)] // PRIMARY KEY / UNIQUE constraint
    [InlineData(2601)] // unique index
    public void Unique_violations(int number)
    {
        Assert.True(SqlServerErrors.IsUniqueViolation(number));
        Assert.False(SqlServerErrors.IsTransient(number));
    }

    [Theory]
    [InlineData(1205)]  // deadlock victim
    [InlineData(-2)]    // client timeout
    [InlineData(1222)]  // lock request timeout
    [InlineData(233)]   // connection lost (no process at the other end of the pipe)
    [InlineData(64)]
    [InlineData(121)]
    [InlineData(20)]
    [InlineData(10053)] // transport: connection aborted
    [InlineData(10054)] // transport: reset by peer
    [InlineData(10060)] // transport: network timeout
    [InlineData(4060)]  // database cannot be opened (failover, restore)
    [InlineData(40613)] // Azure SQL: database unavailable
    [InlineData(40501)] // Azure SQL: service busy
    [InlineData(40197)]
    [InlineData(49918)] // Azure SQL: not enough resources
    [InlineData(49919)]
    [InlineData(49920)]
    [InlineData(10928)]
    [InlineData(10929)]
    [InlineData(41302)] // memory-optimized write conflict
    public void Transient_failures(int number)
    {
        Assert.True(SqlServerErrors.IsTransient(number));
        Assert.False(SqlServerErrors.IsUniqueViolation(number));
    }

    [Theory]
    [InlineData(547)]   // foreign key / check constraint
    [InlineData(515)]   // NULL into a NOT NULL column
    [InlineData(8152)]  // string or binary data would be truncated
    [InlineData(2628)]  // truncated (newer message)
    [InlineData(102)]   // syntax error
    [InlineData(208)]   // invalid object name
    [InlineData(18456)] // login failed: a configuration error, not a passing one
    [InlineData(0)]
    public void The_works_own_faults_are_neither(int number)
    {
        Assert.False(SqlServerErrors.IsTransient(number));
        Assert.False(SqlServerErrors.IsUniqueViolation(number));
    }

    /// <summary>The adapter over SqlException, on exceptions built the way SqlClient builds them (its constructors are internal).</summary>
    [Theory]
    [InlineData(2627, true, false)]
    [InlineData(2601, true, false)]
    [InlineData(1205, false, true)]
    [InlineData(-2, false, true)]
    [InlineData(10054, false, true)]
    [InlineData(547, false, false)]
    public void SqlException_adapter(int number, bool unique, bool transient)
    {
        var exception = NewSqlException(number);
        Assert.Equal(number, exception.Number);
        Assert.Equal(unique, exception.IsUniqueViolation());
        Assert.Equal(unique, new DbUpdateException("save", exception).IsUniqueViolation()); // as SaveChanges wraps it
        Assert.Equal(transient, exception.IsTransientDatabaseFailure());
        Assert.Equal(transient, new DbUpdateException("save", exception).IsTransientDatabaseFailure());
    }

    private static SqlException NewSqlException(int number)
    {
        const BindingFlags internals = BindingFlags.NonPublic | BindingFlags.Instance;
        var ctor = typeof(SqlError).GetConstructors(internals).OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = ctor.GetParameters().Select(p => p.Name switch
        {
            "infoNumber" => number,
            "errorClass" => (object)(byte)16,
            _ when p.ParameterType == typeof(string) => "test",
            _ when p.ParameterType.IsValueType => Activator.CreateInstance(p.ParameterType),
            _ => null,
        }).ToArray();
        var error = (SqlError)ctor.Invoke(arguments);
        var errors = (SqlErrorCollection)Activator.CreateInstance(typeof(SqlErrorCollection), nonPublic: true)!;
        typeof(SqlErrorCollection).GetMethod("Add", internals)!.Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(m => m.Name == "CreateException" && m.GetParameters().Length == 2 && m.GetParameters()[0].ParameterType == typeof(SqlErrorCollection))
            .First();
        return (SqlException)create.Invoke(null, [errors, "16.00.0000"])!;
    }
}
