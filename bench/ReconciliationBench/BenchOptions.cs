using Npgsql;

namespace PosCloud.Bench;

/// <summary>Command-line settings (`--name value`); connection settings also from POSCLOUD_BENCH_POSTGRES / POSCLOUD_BENCH_RABBITMQ.</summary>
public sealed record BenchOptions
{
    public string Mode { get; init; } = "all"; // storm | catalog | all
    public int Stores { get; init; } = 200;
    public int OrdersPerStore { get; init; } = 250;
    public int BatchSize { get; init; } = 100; // the agent's default upload batch (Agent:BatchSize)
    public int Workers { get; init; } = 2;
    public int Concurrency { get; init; } = 8;
    public int Prefetch { get; init; } = 8;
    public int WarmUpStores { get; init; } = 20;
    public int[] CatalogSizes { get; init; } = [10_000, 1_000_000];
    public int CatalogOrders { get; init; } = 20_000;
    public bool KeepDatabases { get; init; }
    public bool SqlLog { get; init; }
    public bool Invoices { get; init; }
    /// <summary>--logs DIR: keep the Api's and workers' console output there.</summary>
    public string? LogDirectory { get; init; }
    public string Postgres { get; init; } = Environment.GetEnvironmentVariable("POSCLOUD_BENCH_POSTGRES")
        ?? "Host=127.0.0.1;Username=postgres;Password=postgres;Database=postgres";
    public string RabbitMq { get; init; } = Environment.GetEnvironmentVariable("POSCLOUD_BENCH_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/";

    public const string Help = """
        PosCloud reconciliation benchmark: a reconnection storm end to end (Api + worker processes on PostgreSQL and
        RabbitMQ) against the binary-COPY limit of the same final rows, and the reconciliation cost per order by catalog size.
        Usage: dotnet run -c Release --project bench/ReconciliationBench -- [options]
          --mode storm|catalog|all   what to run (default all)
          --stores N                 stores in the storm (default 200)
          --orders N                 orders per store (default 250)
          --batch N                  orders per upload (default 100, the agent's Agent:BatchSize)
          --workers N                worker processes (default 2)
          --concurrency N            stores uploading at once (default 8)
          --prefetch N               batches a worker takes at once (default 8)
          --warmup-stores N          stores whose orders go through first, not measured (default 20; 0 = a cold start):
                                     a store chain's server meets a storm warm, not in its first seconds of JIT
          --catalog-sizes A,B        catalog sizes for --mode catalog (default 10000,1000000)
          --catalog-orders N         orders reconciled per catalog size (default 20000)
          --postgres CS / --rabbitmq URI   servers (default env POSCLOUD_BENCH_POSTGRES / POSCLOUD_BENCH_RABBITMQ, else localhost)
          --invoices                 every storm sale carries its e-invoice as printed (B2C, 3 items, track YY from a block per
                                     register): the Api then also records the invoice, its items and the F0401 message
          --keep-db                  keep each part's database (dropped by default)
          --sql-log                  print the EF commands (catalog mode: one batch; storm: into --logs)
          --logs DIR                 keep the Api's and workers' console output in DIR
        Needs: dotnet build -c Release src/Api src/Workers (the storm starts their Release builds).
        Prints: orders/s end to end and for the limit, their ratio, latency received → final, CPU µs per order per process.
        """;

    /// <summary>The options, or null after printing the help (--help, -h).</summary>
    public static BenchOptions? Parse(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(Help);
            return null;
        }
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--mode" => o with { Mode = Next() },
                "--stores" => o with { Stores = int.Parse(Next()) },
                "--orders" => o with { OrdersPerStore = int.Parse(Next()) },
                "--batch" => o with { BatchSize = int.Parse(Next()) },
                "--workers" => o with { Workers = int.Parse(Next()) },
                "--concurrency" => o with { Concurrency = int.Parse(Next()) },
                "--prefetch" => o with { Prefetch = int.Parse(Next()) },
                "--warmup-stores" => o with { WarmUpStores = int.Parse(Next()) },
                "--catalog-sizes" => o with { CatalogSizes = Next().Split(',').Select(int.Parse).ToArray() },
                "--catalog-orders" => o with { CatalogOrders = int.Parse(Next()) },
                "--postgres" => o with { Postgres = Next() },
                "--rabbitmq" => o with { RabbitMq = Next() },
                "--keep-db" => o with { KeepDatabases = true },
                "--sql-log" => o with { SqlLog = true },
                "--invoices" => o with { Invoices = true },
                "--logs" => o with { LogDirectory = Directory.CreateDirectory(Next()).FullName },
                _ => throw new ArgumentException($"Unknown argument {args[i]}"),
            };
        }
        return o;
    }

    /// <summary>Creates a new empty database on the server and returns its connection string.</summary>
    public async Task<string> NewDatabaseAsync(string tag)
    {
        var name = $"poscloud_bench_{tag}_{DateTime.UtcNow:MMddHHmmss}";
        await using var admin = new NpgsqlConnection(Postgres);
        await admin.OpenAsync();
        await using (var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", admin)) await cmd.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name, MaxPoolSize = 200 }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        if (KeepDatabases) return;
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var admin = new NpgsqlConnection(Postgres);
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await cmd.ExecuteNonQueryAsync();
    }
}
