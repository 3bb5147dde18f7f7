using CsCheck;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PosCloud.Core.Persistence;
using PosCloud.IntegrationTests.Support;

namespace PosCloud.IntegrationTests;

/// <summary>
/// <see cref="PostgresCopy"/> encodes PostgreSQL's binary COPY format itself (<see cref="PostgresCopyRows"/>): what it
/// stores must be what an INSERT through EF stores. Random rows of every column type the model copies go in twice,
/// once by COPY and once by SaveChanges, and are compared as the server prints them (so a numeric's scale, a
/// timestamp's microseconds and text byte for byte count). Values a column refuses fail COPY as they fail an INSERT.
/// </summary>
public class PostgresCopyTests
{
    private enum Shade { Light, Dark }

    private sealed class Sample
    {
        public Guid Id { get; set; }
        public long Serial { get; set; }
        public int Pair { get; set; }
        public string Source { get; set; } = "";
        public string? Text { get; set; }
        public string Code { get; set; } = "";
        public bool Flag { get; set; }
        public short Small { get; set; }
        public int Number { get; set; }
        public int? MaybeNumber { get; set; }
        public long Big { get; set; }
        public float Ratio { get; set; }
        public double Measure { get; set; }
        public decimal Exact { get; set; }
        public decimal Money { get; set; }
        public decimal? MaybeMoney { get; set; }
        public DateTimeOffset At { get; set; }
        public DateTimeOffset? MaybeAt { get; set; }
        public DateTime AtUtc { get; set; }
        public DateTime Local { get; set; }
        public Shade Shade { get; set; }
        public Guid? MaybeId { get; set; }
    }

    private sealed class SampleContext(DbContextOptions<SampleContext> options) : DbContext(options)
    {
        public DbSet<Sample> Samples => Set<Sample>();

        protected override void OnModelCreating(ModelBuilder b) => b.Entity<Sample>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Serial).UseIdentityByDefaultColumn(); // store-generated: left out of COPY
            e.Property(x => x.Code).HasMaxLength(12);
            e.Property(x => x.Exact).HasColumnType("numeric");
            e.Property(x => x.Money).HasPrecision(18, 3);
            e.Property(x => x.MaybeMoney).HasPrecision(18, 2);
            e.Property(x => x.Local).HasColumnType("timestamp without time zone");
            e.Property(x => x.Shade).HasConversion<string>().HasMaxLength(8);
        });
    }

    private static readonly Gen<char> TextChar = Gen.OneOf(Gen.Char.AlphaNumeric, Gen.Char['\u4e00', '\u9fff'], Gen.Char[' ', '~'],
        Gen.Char['\u0001', '\ud7ff'].Where(c => c != '\0'));

    private static Gen<T?> Maybe<T>(Gen<T> gen) where T : struct => Gen.OneOf(Gen.Const((T?)null), gen.Select(v => (T?)v));

    private static readonly Gen<DateTime> UtcTicks = Gen.Long[DateTime.MinValue.Ticks + 1, DateTime.MaxValue.Ticks - 1].Select(t => new DateTime(t, DateTimeKind.Utc));

    private static readonly Gen<Sample> Samples =
        from text in Gen.OneOf(Gen.Const((string?)null), Gen.String[TextChar, 0, 300].Select(s => (string?)s))
        from code in Gen.String[TextChar, 0, 12]
        from flag in Gen.Bool
        from small in Gen.Short
        from number in Gen.Int
        from maybeNumber in Maybe(Gen.Int)
        from big in Gen.Long
        from ratio in Gen.Float.Where(float.IsFinite)
        from measure in Gen.Double.Where(double.IsFinite)
        from exact in Gen.Decimal
        from money in Gen.Decimal[-999_999_999_999_999m, 999_999_999_999_999m]
        from maybeMoney in Maybe(Gen.Decimal[-9_999_999_999_999m, 9_999_999_999_999m])
        from at in Gen.OneOf(UtcTicks.Select(t => new DateTimeOffset(t)), Gen.Const(DateTimeOffset.MinValue), Gen.Const(DateTimeOffset.MaxValue))
        from maybeAt in Maybe(UtcTicks.Select(t => new DateTimeOffset(t)))
        from atUtc in UtcTicks
        from local in UtcTicks.Select(t => DateTime.SpecifyKind(t, DateTimeKind.Unspecified))
        from shade in Gen.Enum<Shade>()
        from maybeId in Maybe(Gen.Guid)
        select new Sample
        {
            Text = text, Code = code, Flag = flag, Small = small, Number = number, MaybeNumber = maybeNumber, Big = big, Ratio = ratio,
            Measure = measure, Exact = exact, Money = money, MaybeMoney = maybeMoney, At = at, MaybeAt = maybeAt, AtUtc = atUtc,
            Local = local, Shade = shade, MaybeId = maybeId,
        };

    [SkippableFact]
    public async Task Copy_stores_every_value_as_an_insert_does()
    {
        await using var db = await NewContextAsync();
        var samples = Samples.Array[300].Single();
        Sample Twin(Sample s, int pair, string source)
        {
            var twin = Copy(s);
            twin.Pair = pair;
            twin.Source = source;
            return twin;
        }
        var copied = samples.Select((s, i) => Twin(s, i, "copy")).ToList();
        var inserted = samples.Select((s, i) => Twin(s, i, "insert")).ToList();

        await db.Database.OpenConnectionAsync();
        await PostgresCopy.WriteAsync(db, copied, CancellationToken.None);
        db.Samples.AddRange(inserted);
        await db.SaveChangesAsync();

        var stored = await AsPrintedAsync(db);
        Assert.Equal(samples.Length * 2, stored.Count);
        foreach (var pair in stored.GroupBy(r => r.Pair))
        {
            var copy = pair.Single(r => r.Source == "copy").Columns;
            var insert = pair.Single(r => r.Source == "insert").Columns;
            Assert.True(insert == copy, $"pair {pair.Key}:\n insert {insert}\n copy   {copy}");
        }
        // The identity column was left to the database, as for an insert.
        Assert.Equal(stored.Count, stored.Select(r => r.Serial).Distinct().Count());
    }

    [SkippableFact]
    public async Task Copy_refuses_what_the_columns_refuse_with_the_errors_an_insert_gets()
    {
        await using var db = await NewContextAsync();
        await db.Database.OpenConnectionAsync();
        var good = Samples.Single();

        async Task<string> StateOfCopyAsync(Action<Sample> spoil)
        {
            var sample = Copy(good);
            spoil(sample);
            var ex = await Assert.ThrowsAsync<PostgresException>(() => PostgresCopy.WriteAsync(db, [sample], CancellationToken.None));
            return ex.SqlState;
        }
        async Task<string> StateOfInsertAsync(Action<Sample> spoil)
        {
            var sample = Copy(good);
            spoil(sample);
            db.Samples.Add(sample);
            var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            return Assert.IsType<PostgresException>(ex.InnerException).SqlState;
        }

        Action<Sample>[] spoilers =
        [
            s => s.Code = new string('長', 13),       // longer than varchar(12): 22001
            s => s.Money = 1_000_000_000_000_000m,     // more than numeric(18,3) holds: 22003
            s => s.Text = "NUL \0 inside",             // PostgreSQL text has no NUL: 22021
        ];
        foreach (var spoil in spoilers)
        {
            var copy = await StateOfCopyAsync(spoil);
            Assert.Equal(await StateOfInsertAsync(spoil), copy);
            Assert.StartsWith("22", copy);
        }

        // A duplicate key is the unique violation the upload's retry answers.
        var first = Copy(good);
        await PostgresCopy.WriteAsync(db, [first], CancellationToken.None);
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => PostgresCopy.WriteAsync(db, [first], CancellationToken.None));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);
        Assert.True(duplicate.IsUniqueViolation());

        // Values Npgsql refuses before sending (an INSERT's parameter) are refused with the same exception, nothing sent.
        var local = Copy(good);
        local.At = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
        await Assert.ThrowsAsync<ArgumentException>(() => PostgresCopy.WriteAsync(db, [local], CancellationToken.None));
        db.Samples.Add(Copy(local));
        var insertEx = await Record.ExceptionAsync(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        Assert.IsType<ArgumentException>(Assert.IsType<DbUpdateException>(insertEx).InnerException);
        var surrogate = Copy(good);
        surrogate.Text = "lone \ud800 surrogate";
        await Assert.ThrowsAsync<System.Text.EncoderFallbackException>(() => PostgresCopy.WriteAsync(db, [surrogate], CancellationToken.None));
        db.Samples.Add(Copy(surrogate));
        var surrogateEx = await Record.ExceptionAsync(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        Assert.IsType<System.Text.EncoderFallbackException>(Assert.IsType<DbUpdateException>(surrogateEx).InnerException);
        Assert.Equal(1, await db.Samples.CountAsync());
    }

    private static Sample Copy(Sample s) => new()
    {
        Id = Guid.NewGuid(), Text = s.Text, Code = s.Code, Flag = s.Flag, Small = s.Small, Number = s.Number, MaybeNumber = s.MaybeNumber,
        Big = s.Big, Ratio = s.Ratio, Measure = s.Measure, Exact = s.Exact, Money = s.Money, MaybeMoney = s.MaybeMoney, At = s.At,
        MaybeAt = s.MaybeAt, AtUtc = s.AtUtc, Local = s.Local, Shade = s.Shade, MaybeId = s.MaybeId,
    };

    private static async Task<SampleContext> NewContextAsync()
    {
        var database = await Infrastructure.NewPostgresDatabaseAsync();
        var db = new SampleContext(new DbContextOptionsBuilder<SampleContext>().UseNpgsql(database).Options);
        await db.Database.EnsureCreatedAsync();
        return db;
    }

    private sealed record Printed(int Pair, string Source, long Serial, string Columns);

    /// <summary>Every copied column as PostgreSQL prints it (numeric with its scale, timestamps in UTC to the microsecond).</summary>
    private static async Task<List<Printed>> AsPrintedAsync(SampleContext db)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var utc = new NpgsqlCommand("SET TIME ZONE 'UTC'; SET extra_float_digits = 3", conn)) await utc.ExecuteNonQueryAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT "Pair", "Source", "Serial", concat_ws(' | ', "Id" IS NOT NULL, coalesce("Text", '∅'), "Code", "Flag", "Small", "Number",
                coalesce("MaybeNumber"::text, '∅'), "Big", "Ratio", "Measure", "Exact", "Money", coalesce("MaybeMoney"::text, '∅'), "At",
                coalesce("MaybeAt"::text, '∅'), "AtUtc", "Local", "Shade", coalesce("MaybeId"::text, '∅'))
            FROM "Samples"
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<Printed>();
        while (await reader.ReadAsync()) rows.Add(new Printed(reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
        return rows;
    }
}
