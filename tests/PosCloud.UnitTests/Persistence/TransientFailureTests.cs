using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using PosCloud.Core.Persistence;

namespace PosCloud.UnitTests.Persistence;

/// <summary>Which failures mean "the database is away" (wait, send again) and which are the work's own fault.</summary>
public class TransientFailureTests
{
    public static TheoryData<string, Exception, bool> Cases => new()
    {
        { "refused connection", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)), true },
        { "EF gave up retrying", new RetryLimitExceededException("retries", new NpgsqlException("lost", new IOException())), true },
        { "wrapped by SaveChanges", new DbUpdateException("save", new NpgsqlException("lost", new EndOfStreamException())), true },
        { "timeout", new TimeoutException(), true },
        { "unique violation", new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation), false },
        { "constraint inside SaveChanges", new DbUpdateException("save", new PostgresException("null", "ERROR", "ERROR", PostgresErrorCodes.NotNullViolation)), false },
        { "a bug", new InvalidOperationException("Sequence contains no elements"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classifies(string what, Exception exception, bool transient) =>
        Assert.True(exception.IsTransientDatabaseFailure() == transient, $"{what}: expected transient={transient}");
}
