using PosCloud.Bench;

// dotnet run -c Release --project bench/ReconciliationBench -- --stores 200 --orders 250 [--mode storm|catalog|all]
var options = BenchOptions.Parse(args);
Console.WriteLine($"PosCloud reconciliation benchmark — {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:u}");
if (options.Mode is "storm" or "all") await StormBenchmark.RunAsync(options);
if (options.Mode is "catalog" or "all") await CatalogScale.RunAsync(options);
