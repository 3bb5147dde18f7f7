using PosCloud.Bench;

// dotnet run -c Release --project bench/ReconciliationBench -- --stores 200 --orders 250 [--mode storm|catalog|all]
if (BenchOptions.Parse(args) is not { } options) return 0;
Console.WriteLine($"PosCloud reconciliation benchmark — {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:u}");
if (options.Mode is "storm" or "all") await StormBenchmark.RunAsync(options);
if (options.Mode is "catalog" or "all") await CatalogScale.RunAsync(options);
return 0;
