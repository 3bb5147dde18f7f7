using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PosCloud.OfflineAgent.LocalStore;

/// <summary>For `dotnet ef migrations add … --project src/OfflineAgent` only: the model needs no real file.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AgentDbContext>
{
    public AgentDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AgentDbContext>().UseSqlite("Data Source=agent-design-time.db").Options);
}
