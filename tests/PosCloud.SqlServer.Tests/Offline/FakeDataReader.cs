using System.Collections;
using System.Data.Common;
using System.Globalization;

namespace PosCloud.SqlServer.Tests.Offline;

/// <summary>One answered result set: column names (as the statement names them) and rows of values.</summary>
public sealed record FakeResultSet(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>
/// A DbDataReader over prepared result sets. A value is converted to whatever type EF asks for (the fake world
/// stores provider values, e.g. Status as a string); a missing value reads as NULL, or as the type's default
/// when EF reads a non-nullable column without asking IsDBNull first.
/// </summary>
public sealed class FakeDataReader(IReadOnlyList<FakeResultSet> sets, int recordsAffected) : DbDataReader
{
    private int _set;
    private int _row = -1;
    private bool _closed;

    private FakeResultSet? Current => _set < sets.Count ? sets[_set] : null;
    private object? Value(int ordinal) =>
        Current is { } s && _row >= 0 && _row < s.Rows.Count && ordinal < s.Rows[_row].Length ? s.Rows[_row][ordinal] : null;

    public override int FieldCount => Current?.Columns.Count ?? 0;
    public override bool HasRows => Current is { Rows.Count: > 0 };
    public override bool IsClosed => _closed;
    public override int RecordsAffected => recordsAffected;
    public override int Depth => 0;
    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read() => Current is { } s && ++_row < s.Rows.Count;
    public override bool NextResult()
    {
        _set++;
        _row = -1;
        return _set < sets.Count;
    }
    public override void Close() => _closed = true;

    public override string GetName(int ordinal) => Current!.Columns[ordinal];
    public override int GetOrdinal(string name)
    {
        var columns = Current?.Columns ?? [];
        for (var i = 0; i < columns.Count; i++)
            if (string.Equals(columns[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new IndexOutOfRangeException(name);
    }
    public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;
    public override Type GetFieldType(int ordinal) => Value(ordinal) is { } v && v is not ComputedValue ? v.GetType() : typeof(object);
    public override object GetValue(int ordinal) => Value(ordinal) ?? DBNull.Value;
    public override int GetValues(object[] values)
    {
        var n = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < n; i++) values[i] = GetValue(i);
        return n;
    }
    public override bool IsDBNull(int ordinal) => Value(ordinal) is null or DBNull;

    public override T GetFieldValue<T>(int ordinal) => As<T>(Value(ordinal));
    public override bool GetBoolean(int ordinal) => As<bool>(Value(ordinal));
    public override byte GetByte(int ordinal) => As<byte>(Value(ordinal));
    public override char GetChar(int ordinal) => As<char>(Value(ordinal));
    public override DateTime GetDateTime(int ordinal) => As<DateTime>(Value(ordinal));
    public override decimal GetDecimal(int ordinal) => As<decimal>(Value(ordinal));
    public override double GetDouble(int ordinal) => As<double>(Value(ordinal));
    public override float GetFloat(int ordinal) => As<float>(Value(ordinal));
    public override Guid GetGuid(int ordinal) => As<Guid>(Value(ordinal));
    public override short GetInt16(int ordinal) => As<short>(Value(ordinal));
    public override int GetInt32(int ordinal) => As<int>(Value(ordinal));
    public override long GetInt64(int ordinal) => As<long>(Value(ordinal));
    public override string GetString(int ordinal) => As<string>(Value(ordinal));
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var bytes = As<byte[]>(Value(ordinal)) ?? [];
        if (buffer is null) return bytes.Length;
        var n = (int)Math.Max(0, Math.Min(length, bytes.Length - dataOffset));
        Array.Copy(bytes, dataOffset, buffer, bufferOffset, n);
        return n;
    }
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var chars = (As<string>(Value(ordinal)) ?? "").ToCharArray();
        if (buffer is null) return chars.Length;
        var n = (int)Math.Max(0, Math.Min(length, chars.Length - dataOffset));
        Array.Copy(chars, dataOffset, buffer, bufferOffset, n);
        return n;
    }
    public override IEnumerator GetEnumerator() => new DbEnumerator(this);

    /// <summary>
    /// The value of a computed column the fake cannot compute (CASE, CAST of an expression, an aggregate over no column):
    /// not NULL, and read as a harmless value of whatever type is asked.
    /// </summary>
    public static readonly object Computed = new ComputedValue();
    private sealed class ComputedValue;
    private static readonly DateTimeOffset ComputedInstant = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The stored value as <typeparamref name="T"/>: numbers widened or narrowed, text parsed, NULL as the default.</summary>
    public static T As<T>(object? value) => (T)As(value, typeof(T))!;

    public static object? As(object? value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is ComputedValue)
        {
            if (target == typeof(DateTimeOffset)) return ComputedInstant;
            if (target == typeof(DateTime)) return ComputedInstant.UtcDateTime;
            value = null;
        }
        if (value is null or DBNull)
        {
            if (target == typeof(string)) return "";
            if (target == typeof(byte[])) return Array.Empty<byte>();
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }
        if (target.IsInstanceOfType(value)) return value;
        try
        {
            return Converted(value, target);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            return As(Computed, type); // a value the fake could not compute in this type (e.g. DATEPART of a date): a harmless one
        }
    }

    private static object Converted(object value, Type target)
    {
        if (target == typeof(Guid)) return Guid.Parse(value.ToString()!);
        if (target == typeof(DateTimeOffset)) return value is DateTime dt ? new DateTimeOffset(dt, TimeSpan.Zero) : DateTimeOffset.Parse(value.ToString()!, CultureInfo.InvariantCulture);
        if (target == typeof(DateTime)) return value is DateTimeOffset dto ? dto.UtcDateTime : DateTime.Parse(value.ToString()!, CultureInfo.InvariantCulture);
        if (target == typeof(DateOnly)) return value is DateTime d ? DateOnly.FromDateTime(d) : DateOnly.Parse(value.ToString()!, CultureInfo.InvariantCulture);
        if (target == typeof(TimeSpan)) return TimeSpan.Parse(value.ToString()!, CultureInfo.InvariantCulture);
        if (target.IsEnum) return value is string s ? Enum.Parse(target, s) : Enum.ToObject(target, value);
        if (target == typeof(string)) return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        if (target == typeof(bool) && value is string text) return text is "1" || bool.Parse(text);
        return Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }
}
