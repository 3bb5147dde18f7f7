using System.Buffers;
using System.Text;
using System.Text.Json;
using PosCloud.Contracts;

namespace PosCloud.Core.Orders;

/// <summary>
/// Reads a <see cref="ReceivedSale"/> as <see cref="ReceivedOrder.From"/> stored it (the source-generated writer's
/// camelCase names; properties this version does not know are skipped, so a field added later never breaks an older
/// worker). Hand-written over <see cref="Utf8JsonReader"/>: every order is read once by its worker, and
/// System.Text.Json's constructor-argument path (a line has seven, each boxed) took ~7.5 µs per order, 13 % of a
/// worker's CPU in issue 15's storm profile. Malformed input throws <see cref="JsonException"/>, as the serializer did.
/// </summary>
internal static class ReceivedSaleReader
{
    public static ReceivedSale Read(string json)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var reader = new Utf8JsonReader(rented.AsSpan(0, Encoding.UTF8.GetBytes(json, rented)));
            if (!reader.Read() || reader.TokenType == JsonTokenType.Null) throw new InvalidDataException("A received order has no sale.");
            return ReadSale(ref reader);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ReceivedSale ReadSale(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        string? staffId = null, customerPhone = null, invoiceNumber = null, approvedBy = null;
        var lines = new List<ReceivedLine>();
        var payments = new List<ReceivedPayment>();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("staffId"u8)) staffId = NextString(ref r);
            else if (r.ValueTextEquals("customerPhone"u8)) customerPhone = NextString(ref r);
            else if (r.ValueTextEquals("invoiceNumber"u8)) invoiceNumber = NextString(ref r);
            else if (r.ValueTextEquals("approvedBy"u8)) approvedBy = NextString(ref r);
            else if (r.ValueTextEquals("lines"u8))
            {
                while (NextElement(ref r)) lines.Add(ReadLine(ref r));
            }
            else if (r.ValueTextEquals("payments"u8))
            {
                while (NextElement(ref r)) payments.Add(ReadPayment(ref r));
            }
            else SkipValue(ref r);
        }
        return new ReceivedSale(staffId ?? throw Missing("staffId"), customerPhone, invoiceNumber, approvedBy, lines, payments);
    }

    private static ReceivedLine ReadLine(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        string? sku = null, typedName = null, priceSource = null, snapshotVersion = null;
        LineType? type = null;
        decimal? quantity = null, chargedUnitPrice = null;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("sku"u8)) sku = NextString(ref r);
            else if (r.ValueTextEquals("typedName"u8)) typedName = NextString(ref r);
            else if (r.ValueTextEquals("type"u8)) type = NextLineType(ref r);
            else if (r.ValueTextEquals("quantity"u8)) quantity = NextDecimal(ref r);
            else if (r.ValueTextEquals("chargedUnitPrice"u8)) chargedUnitPrice = NextDecimal(ref r);
            else if (r.ValueTextEquals("priceSource"u8)) priceSource = NextString(ref r);
            else if (r.ValueTextEquals("snapshotVersion"u8)) snapshotVersion = NextString(ref r);
            else SkipValue(ref r);
        }
        return new ReceivedLine(sku ?? throw Missing("lines[].sku"), typedName, type ?? throw Missing("lines[].type"),
            quantity ?? throw Missing("lines[].quantity"), chargedUnitPrice ?? throw Missing("lines[].chargedUnitPrice"), priceSource, snapshotVersion);
    }

    private static ReceivedPayment ReadPayment(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        string? method = null, reference = null;
        decimal? amount = null;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("method"u8)) method = NextString(ref r);
            else if (r.ValueTextEquals("amount"u8)) amount = NextDecimal(ref r);
            else if (r.ValueTextEquals("reference"u8)) reference = NextString(ref r);
            else SkipValue(ref r);
        }
        return new ReceivedPayment(method ?? throw Missing("payments[].method"), amount ?? throw Missing("payments[].amount"), reference);
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.EndObject) return false;
        Expect(ref r, JsonTokenType.PropertyName);
        return true;
    }

    /// <summary>Moves into the array (on its first call) and to its next element; false at its end.</summary>
    private static bool NextElement(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.PropertyName)
        {
            r.Read();
            Expect(ref r, JsonTokenType.StartArray);
        }
        r.Read();
        return r.TokenType != JsonTokenType.EndArray;
    }

    private static string? NextString(ref Utf8JsonReader r)
    {
        r.Read();
        return r.TokenType == JsonTokenType.Null ? null : r.GetString();
    }

    private static decimal NextDecimal(ref Utf8JsonReader r)
    {
        r.Read();
        return r.GetDecimal();
    }

    /// <summary>The enum's name as the writer put it (camelCase), matched without case; a number or an unknown name is refused.</summary>
    private static LineType NextLineType(ref Utf8JsonReader r)
    {
        var name = NextString(ref r);
        return name is not null && !char.IsAsciiDigit(name[0]) && Enum.TryParse<LineType>(name, ignoreCase: true, out var type) && Enum.IsDefined(type)
            ? type
            : throw new JsonException($"A received order's line type '{name}' is not one of {string.Join(", ", Enum.GetNames<LineType>())}.");
    }

    private static void SkipValue(ref Utf8JsonReader r)
    {
        r.Read();
        r.Skip();
    }

    private static void Expect(ref Utf8JsonReader r, JsonTokenType token)
    {
        if (r.TokenType != token) throw new JsonException($"A received order's sale has {r.TokenType} where {token} belongs (at byte {r.TokenStartIndex}).");
    }

    private static JsonException Missing(string field) => new($"A received order's sale has no {field}.");
}
