using PosCloud.OfflineAgent.LocalStore;

namespace PosCloud.OfflineAgent.Checkout;

/// <summary>
/// THE SEAM FOR E-INVOICES (implemented by Invoicing/InvoiceIssuer). <see cref="CheckoutService"/> calls
/// <see cref="IssueAsync"/> inside the sale's SQLite transaction, after the sale number is taken and
/// before the hash is computed and the transaction commits. An implementation takes the next number
/// of this register's block (it may read and write its own tables through <paramref name="db"/>,
/// which is enlisted in the same transaction) and sets order.InvoiceNumber / InvoiceIssuedAt /
/// InvoiceRandomCode. Throwing rolls the whole sale back: no sale without its invoice, no invoice
/// number burnt without a sale. Printing belongs AFTER the commit (CheckoutService.AfterCommitAsync).
/// </summary>
public interface ISaleInvoiceStep
{
    Task IssueAsync(AgentDbContext db, LocalOrder order, CancellationToken ct);
}
