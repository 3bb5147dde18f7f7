using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using MassTransit;
using Npgsql;
using PosCloud.Reconciliation;
using RabbitMQ.Client;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("PosCloud.IntegrationTests.Support.CleaningTestFramework", "PosCloud.IntegrationTests")]

namespace PosCloud.IntegrationTests.Support;

/// <summary>
/// The databases and broker queues a test run makes are removed when the run ends. Left behind, they
/// pile up on a developer's PostgreSQL and RabbitMQ (one run makes ~25 databases and ~60 durable queues):
/// seen here, 388 databases (4.3 GB) and 1,528 queues, which RabbitMQ then took minutes — or forever, out
/// of file handles — to recover at its next start. A run that is killed cannot clean up, so the first
/// database of every run also drops the test databases of runs older than <see cref="StaleAfter"/>.
/// </summary>
public static class TestRunCleanup
{
    public const string DatabasePrefix = "poscloud_test_";
    private const string StampFormat = "yyMMddHHmm";
    /// <summary>Longer than any test run, so a run going on beside this one keeps its databases.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(6);

    private static readonly ConcurrentBag<(string Server, string Database)> Databases = [];
    private static readonly ConcurrentBag<(string Amqp, string Prefix)> BrokerPrefixes = [];

    /// <summary>A new test database name that carries the time it was made: poscloud_test_2611270845_1a2b3c4d5e6f.</summary>
    public static string NewDatabaseName(DateTime utcNow) =>
        $"{DatabasePrefix}{utcNow.ToString(StampFormat, CultureInfo.InvariantCulture)}_{Guid.NewGuid():N}"[..(DatabasePrefix.Length + StampFormat.Length + 13)];

    /// <summary>True for a test database made before <paramref name="olderThan"/>, or one whose name has no time (made before names had one).</summary>
    public static bool IsStale(string database, DateTime olderThan)
    {
        if (!database.StartsWith(DatabasePrefix, StringComparison.Ordinal)) return false;
        var rest = database[DatabasePrefix.Length..];
        if (rest.Length <= StampFormat.Length || rest[StampFormat.Length] != '_') return true;
        return !DateTime.TryParseExact(rest[..StampFormat.Length], StampFormat, CultureInfo.InvariantCulture,
                   DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var made)
               || made < olderThan;
    }

    public static void Track(string server, string database) => Databases.Add((server, database));

    public static void TrackBrokerPrefix(string amqp, string prefix) => BrokerPrefixes.Add((amqp, prefix));

    /// <summary>Drops the test databases of runs that ended without cleaning up (killed, or older code).</summary>
    public static async Task DropStaleDatabasesAsync(string server)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        var olderThan = DateTime.UtcNow - StaleAfter;
        foreach (var name in (await TestDatabasesAsync(admin)).Where(n => IsStale(n, olderThan)))
            await DropAsync(admin, name);
    }

    /// <summary>The names of every test database on the server, this run's and others'.</summary>
    public static async Task<List<string>> TestDatabasesAsync(NpgsqlConnection admin)
    {
        var names = new List<string>();
        await using var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'poscloud\\_test\\_%'", admin);
        await using var reader = await list.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>Removes what this run made: its databases, and its broker prefixes' queues and exchanges.</summary>
    public static async Task RunEndedAsync()
    {
        foreach (var server in Databases.GroupBy(d => d.Server))
        {
            await using var admin = new NpgsqlConnection(server.Key);
            await admin.OpenAsync();
            foreach (var (_, database) in server) await DropAsync(admin, database);
        }
        foreach (var (amqp, prefix) in BrokerPrefixes) await DeletePrefixAsync(amqp, prefix);
    }

    /// <summary>Deletes the queues and exchanges named with <paramref name="prefix"/> (deleting a missing one is no error).</summary>
    public static async Task DeletePrefixAsync(string amqp, string prefix)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqp) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in QueueNames(prefix)) await channel.QueueDeleteAsync(queue);
        foreach (var exchange in ExchangeNames(prefix)) await channel.ExchangeDeleteAsync(exchange);
    }

    private static async Task DropAsync(NpgsqlConnection admin, string database)
    {
        // FORCE: a pooled connection of a disposed host may still be open.
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Every reconciliation consumer's queue with MassTransit's _error and _skipped queues beside it.</summary>
    public static IEnumerable<string> QueueNames(string prefix) =>
        EndpointNames(prefix).SelectMany(e => new[] { e, e + "_error", e + "_skipped" });

    /// <summary>The endpoints' exchanges (named as their queues) and the prefixed message-type exchanges, faults included.</summary>
    public static IEnumerable<string> ExchangeNames(string prefix)
    {
        var messageTypes = ConsumerTypes().SelectMany(ConsumedMessages).Distinct().ToList();
        return QueueNames(prefix)
            .Concat(messageTypes.Select(t => $"{prefix}{t.Namespace}:{t.Name}"))
            .Concat(messageTypes.Select(t => $"{prefix}MassTransit:Fault--{t.Namespace}:{t.Name}--"))
            .Append($"{prefix}MassTransit:Fault");
    }

    private static IEnumerable<string> EndpointNames(string prefix)
    {
        var names = new KebabCaseEndpointNameFormatter(prefix, includeNamespace: false);
        var consumer = typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!;
        return ConsumerTypes().Select(t => (string)consumer.MakeGenericMethod(t).Invoke(names, null)!);
    }

    /// <summary>The workers' consumers, found in their assembly so a new consumer's queues are cleaned up too.</summary>
    private static IEnumerable<Type> ConsumerTypes() =>
        typeof(ReconciliationServiceExtensions).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && ConsumedMessages(t).Any());

    private static IEnumerable<Type> ConsumedMessages(Type consumer) =>
        consumer.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0])
            .Select(m => m.IsGenericType && m.GetGenericTypeDefinition() == typeof(Fault<>) ? m.GetGenericArguments()[0] : m);
}

/// <summary>
/// xunit's framework, plus <see cref="TestRunCleanup.RunEndedAsync"/> after the assembly's last test and
/// before the run is reported finished (the test host may be stopped any moment after that report).
/// </summary>
public sealed class CleaningTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformation, IMessageSink diagnostics)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformation, diagnostics)
    {
        // async void is xunit's own signature for this method.
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new Runner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class Runner(ITestAssembly assembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnostics, IMessageSink execution, ITestFrameworkExecutionOptions options)
        : XunitTestAssemblyRunner(assembly, testCases, diagnostics, execution, options)
    {
        protected override async Task<RunSummary> RunTestCollectionsAsync(IMessageBus messageBus, CancellationTokenSource cancellationTokenSource)
        {
            var summary = await base.RunTestCollectionsAsync(messageBus, cancellationTokenSource);
            try
            {
                await TestRunCleanup.RunEndedAsync();
            }
            catch (Exception ex)
            {
                // Cleaning up is housekeeping: the run's result stands, and the reason is shown.
                Console.Error.WriteLine($"Test run cleanup failed: {ex.Message}");
                DiagnosticMessageSink.OnMessage(new DiagnosticMessage($"Test run cleanup failed: {ex.Message}"));
            }
            return summary;
        }
    }
}
