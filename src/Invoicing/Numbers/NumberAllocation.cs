namespace PosCloud.Invoicing.Numbers;

/// <summary>
/// The answer to "which number does this sale get?" Either a number, or a reason the register
/// must refuse to issue — never an exception, because the checkout screen has to say why.
/// </summary>
public abstract record NumberAllocation
{
    private NumberAllocation() { }

    /// <param name="RemainingAfter">Numbers still free in the block after this one (for the low-numbers warning).</param>
    public sealed record Allocated(InvoiceNumber Number, InvoiceRange Block, int RemainingAfter) : NumberAllocation;

    /// <summary>Every number of the block has been used (or voided). Issuing past its end is refused.</summary>
    public sealed record BlockExhausted(InvoiceRange Block) : NumberAllocation
    {
        public override string Message => $"發票號碼已用完 (block {Block} exhausted): no invoice can be issued until a new block is assigned.";
    }

    /// <summary>No block of the sale's period is assigned to this register.</summary>
    public sealed record NoBlockForPeriod(InvoicePeriod Period) : NumberAllocation
    {
        public override string Message => $"沒有 {Period.Label} 的發票號碼 (no block for period {Period.Code}).";
    }

    /// <summary>The recorded last-used number does not belong to the block: the local state is inconsistent.</summary>
    public sealed record LastUsedOutsideBlock(InvoiceRange Block, InvoiceNumber LastUsed) : NumberAllocation
    {
        public override string Message => $"Last used number {LastUsed} is outside block {Block}; refusing to guess.";
    }

    public virtual string Message => "OK";
    public bool IsAllocated => this is Allocated;
}
