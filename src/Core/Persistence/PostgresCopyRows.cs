using System.Buffers;
using System.Buffers.Binary;
using System.Reflection;
using System.Text;

namespace PosCloud.Core.Persistence;

/// <summary>
/// Rows in PostgreSQL's binary COPY format (the COPY page of the PostgreSQL manual, "Binary Format"): a signature
/// and two zero words, then per row a 16-bit field count and per field a 32-bit length (−1 for NULL) and the
/// value's binary ("send") form, then a −1 trailer. Values are encoded as Npgsql encodes them for a parameter, so
/// COPY stores what an INSERT would: UTF-8 text (invalid UTF-16 throws, as Npgsql's strict encoding does),
/// RFC 4122 uuid bytes, timestamptz as microseconds since 2000-01-01 UTC (UTC only; MinValue/MaxValue as
/// ∓infinity), numeric as base-10000 digits with the decimal's own scale. The server parses every field with the
/// column type's receive function and applies the column's length and precision: a value too long or too large
/// fails with the same error an INSERT gets. Network byte order throughout. Buffers come from the shared pool.
/// </summary>
public sealed class PostgresCopyRows : IDisposable
{
    /// <summary>"PGCOPY\n", 0xFF, "\r\n", 0.</summary>
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    /// <summary>2000-01-01T00:00:00Z in .NET ticks: PostgreSQL's timestamp epoch.</summary>
    private const long PostgresEpochTicks = 630822816000000000;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _length;

    public PostgresCopyRows()
    {
        Signature.CopyTo(_buffer, 0);
        _length = Signature.Length;
        WriteInt32Raw(0); // flags: no OIDs
        WriteInt32Raw(0); // header extension length
    }

    public void StartRow(short fieldCount)
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), fieldCount);
    }

    /// <summary>The encoded rows with the trailer, ready to send.</summary>
    public ReadOnlyMemory<byte> Complete()
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);
        return _buffer.AsMemory(0, _length);
    }

    public void WriteNull() => WriteInt32Raw(-1);

    public void WriteBoolean(bool value)
    {
        var span = Field(1);
        span[0] = value ? (byte)1 : (byte)0;
    }

    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16BigEndian(Field(2), value);
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Field(4), value);
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Field(8), value);
    public void WriteSingle(float value) => BinaryPrimitives.WriteSingleBigEndian(Field(4), value);
    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleBigEndian(Field(8), value);

    public void WriteUuid(Guid value) => value.TryWriteBytes(Field(16), bigEndian: true, out _);

    public void WriteText(string value)
    {
        var length = Utf8.GetByteCount(value);
        Utf8.GetBytes(value, Field(length));
    }

    public void WriteTimestampTz(DateTimeOffset value)
    {
        if (TryWriteInfinity(value.UtcTicks)) return;
        if (value.Offset != TimeSpan.Zero)
            throw new ArgumentException($"Cannot write DateTimeOffset with Offset={value.Offset} to PostgreSQL type 'timestamp with time zone', only offset 0 (UTC) is supported.", nameof(value));
        WriteMicroseconds(value.UtcTicks);
    }

    public void WriteTimestampTz(DateTime value)
    {
        if (TryWriteInfinity(value.Ticks)) return;
        if (value.Kind != DateTimeKind.Utc)
            throw new ArgumentException($"Cannot write DateTime with Kind={value.Kind} to PostgreSQL type 'timestamp with time zone', only UTC is supported.", nameof(value));
        WriteMicroseconds(value.Ticks);
    }

    public void WriteTimestamp(DateTime value)
    {
        if (TryWriteInfinity(value.Ticks)) return;
        if (value.Kind == DateTimeKind.Utc)
            throw new ArgumentException("Cannot write DateTime with Kind=UTC to PostgreSQL type 'timestamp without time zone'.", nameof(value));
        WriteMicroseconds(value.Ticks);
    }

    /// <summary>.NET's MinValue/MaxValue are PostgreSQL's −infinity/infinity (as Npgsql maps them by default).</summary>
    private bool TryWriteInfinity(long ticks)
    {
        if (ticks == DateTime.MinValue.Ticks) WriteInt64(long.MinValue);
        else if (ticks == DateTime.MaxValue.Ticks) WriteInt64(long.MaxValue);
        else return false;
        return true;
    }

    /// <summary>Microseconds since PostgreSQL's epoch, truncated toward zero as Npgsql does.</summary>
    private void WriteMicroseconds(long ticks) => WriteInt64((ticks - PostgresEpochTicks) / 10);

    /// <summary>
    /// numeric: digit count, weight (the power of 10000 of the first digit), sign (0x4000 negative), display scale,
    /// then base-10000 digits, most significant first. The fraction is first padded to whole digits of four.
    /// </summary>
    public void WriteNumeric(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        for (var pad = (4 - scale % 4) % 4; pad > 0; pad--) mantissa *= 10;
        var fractionDigits = (scale + 3) / 4;

        Span<short> digits = stackalloc short[10]; // < 10^29 · 10^3: at most 8 base-10000 digits; least significant first
        var count = 0;
        while (mantissa != 0)
        {
            digits[count++] = (short)(ushort)(mantissa % 10000);
            mantissa /= 10000;
        }
        var lowest = 0;
        while (lowest < count && digits[lowest] == 0) lowest++; // trailing zero digits are implied
        var written = count - lowest;
        var weight = written == 0 ? 0 : count - 1 - fractionDigits;

        var span = Field(8 + 2 * written);
        BinaryPrimitives.WriteInt16BigEndian(span, (short)written);
        BinaryPrimitives.WriteInt16BigEndian(span[2..], (short)weight);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], negative && written > 0 ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], (short)scale);
        for (var i = 0; i < written; i++)
            BinaryPrimitives.WriteInt16BigEndian(span[(8 + 2 * i)..], digits[count - 1 - i]);
    }

    /// <summary>The method writing a value of <paramref name="clrType"/> into a column of <paramref name="columnType"/>, checked once per model.</summary>
    public static MethodInfo WriterFor(Type clrType, string columnType, string property)
    {
        var name = (clrType, columnType) switch
        {
            (_, _) when clrType == typeof(string) && columnType is "text" or "character varying" or "varchar" or "character" => nameof(WriteText),
            (_, "uuid") when clrType == typeof(Guid) => nameof(WriteUuid),
            (_, "boolean") when clrType == typeof(bool) => nameof(WriteBoolean),
            (_, "smallint") when clrType == typeof(short) => nameof(WriteInt16),
            (_, "integer") when clrType == typeof(int) => nameof(WriteInt32),
            (_, "bigint") when clrType == typeof(long) => nameof(WriteInt64),
            (_, "real") when clrType == typeof(float) => nameof(WriteSingle),
            (_, "double precision") when clrType == typeof(double) => nameof(WriteDouble),
            (_, "numeric") when clrType == typeof(decimal) => nameof(WriteNumeric),
            (_, "timestamp with time zone") when clrType == typeof(DateTimeOffset) || clrType == typeof(DateTime) => nameof(WriteTimestampTz),
            (_, "timestamp without time zone") when clrType == typeof(DateTime) => nameof(WriteTimestamp),
            _ => throw new NotSupportedException($"COPY cannot write {property} ({clrType.Name} into a {columnType} column): add its encoding to {nameof(PostgresCopyRows)}."),
        };
        return typeof(PostgresCopyRows).GetMethod(name, [clrType])!;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>A field's length word, then <paramref name="length"/> bytes for its value.</summary>
    private Span<byte> Field(int length)
    {
        var span = Reserve(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        return span.Slice(4, length);
    }

    private void WriteInt32Raw(int value) => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);

    private Span<byte> Reserve(int length)
    {
        if (_length + length > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + length));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        var span = _buffer.AsSpan(_length, length);
        _length += length;
        return span;
    }
}
