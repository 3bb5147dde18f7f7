using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Auth;

/// <summary>
/// Notes a register's last contact (any authenticated call: upload, status poll, snapshot) for
/// sync-status. Noting is in memory; a background flush writes them every few seconds, so thousands
/// of polling registers cost one small UPDATE each per flush, not one per request.
/// </summary>
public sealed class RegisterContact(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pending = new();

    public void Touch(string registerId) => _pending[registerId] = time.GetUtcNow();

    public async Task FlushAsync(CloudDbContext db, CancellationToken ct)
    {
        foreach (var id in _pending.Keys.ToList())
        {
            if (!_pending.TryRemove(id, out var at)) continue;
            await db.Registers.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.LastContactAt, at), ct);
        }
    }
}

internal sealed class RegisterContactFlusher(RegisterContact contact, IServiceScopeFactory scopes, ILogger<RegisterContactFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await contact.FlushAsync(scope.ServiceProvider.GetRequiredService<CloudDbContext>(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not record register contact times; will retry");
            }
        }
    }
}
