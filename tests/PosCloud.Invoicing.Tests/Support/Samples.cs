using PosCloud.Invoicing.Codes;
using PosCloud.Invoicing.Invoices;
using PosCloud.Invoicing.Numbers;

namespace PosCloud.Invoicing.Tests.Support;

/// <summary>Invoices used across tests. Keys are the published AES test-vector keys from EINVOICE.md.</summary>
public static class Samples
{
    public const string KeyHex = "FE05F029154F6AA67A78B338ED2F6601";
    public static QrVerificationKey Key { get; } = QrVerificationKey.FromHex(KeyHex);

    public static IReadOnlyList<InvoiceItem> ThreeItems { get; } =
    [
        new("乾電池", 1, 105, 105),
        new("口罩", 1, 210, 210),
        new("牛奶", 1, 25, 25),
    ];

    /// <summary>B2C sale on 2024-11-08 (period 11312), tax not separated.</summary>
    public static InvoiceDocument B2C(IReadOnlyList<InvoiceItem>? items = null, string random = "3760") => new(
        InvoiceNumber.Parse("AB12345678"),
        new DateTime(2024, 11, 8, 9, 6, 4),
        random,
        new InvoiceParty("24634102", "範例商店股份有限公司"),
        Buyer: null,
        Items: items ?? ThreeItems,
        SalesAmount: null,
        TaxAmount: 0,
        TotalAmount: (long)(items ?? ThreeItems).Sum(i => i.Amount));

    /// <summary>B2B sale: buyer with a tax id, tax separated (格式 25).</summary>
    public static InvoiceDocument B2B()
    {
        var (sales, tax) = TaxSplit.FromTaxIncluded(1290);
        return new InvoiceDocument(
            InvoiceNumber.Parse("XF00001234"),
            new DateTime(2025, 1, 2, 23, 59, 58),
            "9876",
            new InvoiceParty("24634102", "範例商店股份有限公司"),
            new InvoiceParty("04595252", "買方有限公司"),
            [new InvoiceItem("咖啡豆 1kg", 2, 645, 1290)],
            sales, tax, 1290);
    }
}
