using System.Globalization;
using System.Reflection;

namespace PosCloud.Core.Seeding;

/// <summary>The zh-TW demo dataset (stores, staff, customers, catalog with EAN-13 barcodes), embedded in this assembly.</summary>
public static class DemoDataset
{
    /// <param name="SellerTaxId">The store's own 統一編號 (a branch registered separately); null: the business's.</param>
    public sealed record StoreRow(string Id, string Name, int Registers, string? SellerTaxId = null, string? SellerName = null);
    public sealed record StaffRow(string StoreId, string Id, string Name, string Role);
    public sealed record CustomerRow(string Id, string Name, string Phone, string Level);
    public sealed record ProductRow(string Sku, string Barcode, string Name, string Category, decimal ListPrice, decimal? AddOnPrice, bool GiftEligible, bool Active);

    public static IReadOnlyList<StoreRow> Stores() =>
        Rows("stores.csv").Select(r => new StoreRow(r[0], r[1], int.Parse(r[2], CultureInfo.InvariantCulture), Optional(r, 3), Optional(r, 4))).ToList();

    private static string? Optional(string[] row, int index) => row.Length > index && row[index].Length > 0 ? row[index] : null;

    public static IReadOnlyList<StaffRow> Staff() =>
        Rows("staff.csv").Select(r => new StaffRow(r[0], r[1], r[2], r[3])).ToList();

    public static IReadOnlyList<CustomerRow> Customers() =>
        Rows("customers.csv").Select(r => new CustomerRow(r[0], r[1], r[2], r[3])).ToList();

    public static IReadOnlyList<ProductRow> Catalog() =>
        Rows("catalog.csv").Select(r => new ProductRow(
            r[0], r[1], r[2], r[3],
            decimal.Parse(r[4], CultureInfo.InvariantCulture),
            string.IsNullOrEmpty(r[5]) ? null : decimal.Parse(r[5], CultureInfo.InvariantCulture),
            bool.Parse(r[6]), bool.Parse(r[7]))).ToList();

    // The dataset has no quoted fields; a header line is skipped.
    private static IEnumerable<string[]> Rows(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PosCloud.Seeding." + file)
            ?? throw new InvalidOperationException($"Embedded dataset {file} is missing");
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
            if (!string.IsNullOrWhiteSpace(line)) rows.Add(line.Trim().Split(',').Select(f => f.Trim()).ToArray());
        return rows;
    }
}
