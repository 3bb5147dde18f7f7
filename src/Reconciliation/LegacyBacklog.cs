using Microsoft.EntityFrameworkCore;
using PosCloud.Contracts;
using PosCloud.Core.Persistence;

namespace PosCloud.Reconciliation;

/// <summary>
/// Orders an upload stored as Orders rows in status Received or Reconciling: how every order waited before
/// ReceivedOrders (issue 15). A database upgraded with such a backlog still gets it reconciled, by the EF path;
/// once none is left (nothing makes new ones) the worker stops asking, so a batch costs no extra query.
/// One per host: each host has its own database.
/// </summary>
public sealed class LegacyBacklog
{
    private volatile bool _drained;

    public async Task<bool> AnyAsync(CloudDbContext db, CancellationToken ct)
    {
        if (_drained) return false;
        var any = await db.Orders.AnyAsync(o => o.Status == OrderStatus.Received || o.Status == OrderStatus.Reconciling, ct);
        if (!any) _drained = true;
        return any;
    }
}
