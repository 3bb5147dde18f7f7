using System.ComponentModel.DataAnnotations;

namespace PosCloud.Core.Persistence;

public enum DatabaseProvider { Sqlite, PostgreSql, SqlServer }

/// <summary>Section "Database". The connection string is ConnectionStrings:PosCloud.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Apply pending migrations when the Api starts (the one process that migrates).</summary>
    public bool MigrateOnStartup { get; set; } = true;
    /// <summary>Seed the demo stores, staff, customers and catalog into an empty database.</summary>
    public bool SeedDemoData { get; set; } = true;
    [Required] public string ConnectionString { get; set; } = "Data Source=poscloud.db";
}
