using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace PosCloud.IntegrationTests.Support;

/// <summary>
/// Real PostgreSQL and RabbitMQ for the tests: a connection string from the environment first
/// (POSCLOUD_TEST_POSTGRES, POSCLOUD_TEST_RABBITMQ), else Testcontainers when a Docker engine answers,
/// else the test is skipped with a loud reason, unless POSCLOUD_REQUIRE_INFRA=1 (CI) makes it fail.
/// </summary>
public static class Infrastructure
{
    public const string PostgresVariable = "POSCLOUD_TEST_POSTGRES";
    public const string RabbitMqVariable = "POSCLOUD_TEST_RABBITMQ";
    public const string RequireVariable = "POSCLOUD_REQUIRE_INFRA";

    private static readonly Lazy<Task<string?>> Postgres = new(() => ResolveAsync(PostgresVariable, StartPostgresAsync));
    private static readonly Lazy<Task<string?>> RabbitMq = new(() => ResolveAsync(RabbitMqVariable, StartRabbitMqAsync));

    // Once per run, before its first database: what killed runs left behind goes (TestRunCleanup).
    private static readonly Lazy<Task> StaleDatabasesDropped = new(async () =>
        await TestRunCleanup.DropStaleDatabasesAsync(await Require(await Postgres.Value, "PostgreSQL", PostgresVariable)));

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>A connection string to a new, empty PostgreSQL database of its own.</summary>
    public static async Task<string> NewPostgresDatabaseAsync()
    {
        var server = await Require(await Postgres.Value, "PostgreSQL", PostgresVariable);
        await StaleDatabasesDropped.Value;
        var name = TestRunCleanup.NewDatabaseName(DateTime.UtcNow);
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        TestRunCleanup.Track(server, name);
        return new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>The amqp:// address of a running RabbitMQ.</summary>
    public static async Task<string> RabbitMqAsync() =>
        await Require(await RabbitMq.Value, "RabbitMQ", RabbitMqVariable);

    private static Task<string> Require(string? value, string what, string variable)
    {
        if (value is not null) return Task.FromResult(value);
        var reason = $"*** {what} is not available: set {variable} or run a Docker engine for Testcontainers. This test needs a real {what} and was NOT run. ***";
        Console.Error.WriteLine(reason);
        if (Required) throw new InvalidOperationException(reason + $" ({RequireVariable}=1 turns this skip into a failure.)");
        throw new SkipException(reason);
    }

    private static async Task<string?> ResolveAsync(string variable, Func<Task<string?>> startContainer)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment;
        return DockerEngineAnswers() ? await startContainer() : null;
    }

    private static bool DockerEngineAnswers() =>
        File.Exists("/var/run/docker.sock") || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST"));

    private static async Task<string?> StartPostgresAsync()
    {
        try
        {
            var container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            await container.StartAsync();
            return container.GetConnectionString();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Testcontainers could not start PostgreSQL: {ex.Message}");
            return null;
        }
    }

    private static async Task<string?> StartRabbitMqAsync()
    {
        try
        {
            var container = new RabbitMqBuilder("rabbitmq:3-management-alpine").Build();
            await container.StartAsync();
            return container.GetConnectionString();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Testcontainers could not start RabbitMQ: {ex.Message}");
            return null;
        }
    }
}
