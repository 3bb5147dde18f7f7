using PosCloud.Core.Invoices;
using PosCloud.Core.Persistence;

namespace PosCloud.Api.Invoices;

/// <summary>
/// The invoices (with their printed items) and the platform messages one upload makes, held as plain rows until the
/// batch's save: binary COPY on PostgreSQL, EF's SaveChanges elsewhere (<see cref="AddTo"/>). Issue 15's profile of an
/// invoiced storm: adding them to EF's change tracker and taking them out again for the COPY was a third of the Api's
/// CPU. The upload's later steps (a void of a number issued earlier in the batch, a return cancelling a sale's
/// invoice, a message owed once) look here for what this upload made, and in the database for what was stored before.
/// One per attempt: a retried upload starts from an empty one.
/// </summary>
public sealed class NewInvoiceRows
{
    public List<IssuedInvoice> Invoices { get; } = [];
    public List<PlatformMessage> Messages { get; } = [];

    public IssuedInvoice? Find(string period, string number) =>
        Invoices.FirstOrDefault(i => i.Period == period && i.Number == number);

    public bool HasMessage(string kind, string period, string documentNumber) =>
        Messages.Exists(m => m.Kind == kind && m.Period == period && m.DocumentNumber == documentNumber);

    public List<IssuedInvoiceItem> Items() => Invoices.SelectMany(i => i.Items).ToList();

    /// <summary>The EF path (SQLite, SQL Server, a batch without new orders): the rows go to the change tracker, saved with the rest.</summary>
    public void AddTo(CloudDbContext db)
    {
        db.IssuedInvoices.AddRange(Invoices);
        db.PlatformMessages.AddRange(Messages);
    }
}
