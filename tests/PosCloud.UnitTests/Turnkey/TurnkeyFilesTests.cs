using System.ComponentModel.DataAnnotations;
using System.Xml.Linq;
using PosCloud.Api.Invoices;
using PosCloud.Invoicing.Numbers;
using PosCloud.Reconciliation.Turnkey;

namespace PosCloud.UnitTests.Turnkey;

public class TurnkeyFilesTests
{
    [Fact]
    public void Folders_follow_the_B2SSTORAGE_layout()
    {
        Assert.Equal(Path.Combine("/tk", "UpCast", "B2SSTORAGE", "F0401", "SRC"), TurnkeyFiles.Src("/tk", "F0401"));
        Assert.Equal(Path.Combine("/tk", "UpCast", "B2SSTORAGE", "E0402", "BAK"), TurnkeyFiles.Bak("/tk", "E0402"));
        Assert.Equal(Path.Combine("/tk", "UpCast", "B2SSTORAGE", "G0401", "ERR"), TurnkeyFiles.Err("/tk", "G0401"));
    }

    [Fact]
    public void File_names_are_deterministic_per_message_and_attempt_and_safe()
    {
        var name = TurnkeyFiles.FileName("F0401", "11512", "AB12345678", 42, 1);
        Assert.Equal("PosCloud-F0401-11512-AB12345678-42-1.xml", name);
        Assert.Equal(name, TurnkeyFiles.FileName("F0401", "11512", "AB12345678", 42, 1));
        Assert.NotEqual(name, TurnkeyFiles.FileName("F0401", "11512", "AB12345678", 42, 2));
        // An allowance number is the register's own text: nothing of it can leave the folder or hide the extension.
        var hostile = TurnkeyFiles.FileName("G0401", "11512", "../x/..\\y z", 7, 1);
        Assert.Equal("PosCloud-G0401-11512-___x____y_z-7-1.xml", hostile);
        Assert.Equal(hostile, Path.GetFileName(hostile));
        Assert.True(TurnkeyFiles.FileName("G0401", "11512", new string('A', 16), long.MaxValue, int.MaxValue).Length <= PosCloud.Core.Invoices.PlatformMessageStates.FileNameMaxLength);
    }

    [Theory]
    [InlineData("10", true)]
    [InlineData("00", true)]
    [InlineData("10-11", true)]
    [InlineData("23-00", true)]
    [InlineData("1", false)]
    [InlineData("25", false)]
    [InlineData("10-", false)]
    [InlineData("10_11", false)]
    [InlineData("ab", false)]
    public void Hour_folders_take_both_forms(string name, bool expected) => Assert.Equal(expected, TurnkeyFiles.IsHourFolder(name));

    [Theory]
    [InlineData("20261130", true)]
    [InlineData("20261301", false)]
    [InlineData("2026113", false)]
    public void Date_folders_are_yyyyMMdd(string name, bool expected) => Assert.Equal(expected, TurnkeyFiles.IsDateFolder(name));

    [Theory]
    [InlineData("4.1-F0401-20261130-101112123-3f2a.ProcessResult.xml", true, false)]
    [InlineData("4.1-F0401-20261130-101112123-3f2aProcessResult", true, false)]
    [InlineData("SummaryResult-20261130.xml", false, true)]
    [InlineData("PosCloud-F0401-11512-AB12345678-1-1.xml", false, false)]
    public void Result_files_are_told_by_name(string name, bool process, bool summary) =>
        Assert.Equal((process, summary), (TurnkeyFiles.IsProcessResult(name), TurnkeyFiles.IsSummaryResult(name)));

    [Theory]
    [InlineData("urn:GEINV:ProcessResult:4.0")]
    [InlineData("urn:GEINV:ProcessResult:4.1")]
    [InlineData("")]
    public void ProcessResult_gives_each_info_with_its_code_text_and_parameters_in_any_namespace(string ns)
    {
        XNamespace n = ns;
        var doc = new XDocument(new XElement(n + "ProcessResult",
            new XElement(n + "RoutingInfo", new XElement(n + "From", new XElement(n + "PartyId", "0000000000"))),
            new XElement(n + "MessageInfo", new XElement(n + "Id", "x"), new XElement(n + "MessageType", "F0401")),
            new XElement(n + "Result",
                new XElement(n + "Info", new XElement(n + "Code", "00000"), new XElement(n + "Parameter0", "AB12345678")),
                new XElement(n + "Info", new XElement(n + "Code", "E0201"), new XElement(n + "Description", "訊息重複"),
                    new XElement(n + "Parameter0", "InvoiceNumber"), new XElement(n + "Parameter1", "AB12345679")))));
        var verdicts = TurnkeyFiles.ParseProcessResult(doc);
        Assert.Equal(2, verdicts.Count);
        Assert.Equal(("F0401", "00000", (string?)null), (verdicts[0].MessageType, verdicts[0].Code, verdicts[0].Description));
        Assert.Equal(["AB12345678"], verdicts[0].References);
        Assert.Equal(("E0201", "訊息重複"), (verdicts[1].Code, verdicts[1].Description));
        Assert.Equal(["InvoiceNumber", "AB12345679"], verdicts[1].References);
        Assert.True(TurnkeyFiles.IsSuccess(verdicts[0].Code));
        Assert.True(TurnkeyFiles.IsSuccess("0000"));
        Assert.False(TurnkeyFiles.IsSuccess(verdicts[1].Code));
        Assert.False(TurnkeyFiles.IsSuccess(""));
    }

    [Fact]
    public void A_file_that_is_not_a_ProcessResult_or_has_an_info_without_code_is_refused()
    {
        Assert.Throws<FormatException>(() => TurnkeyFiles.ParseProcessResult(XDocument.Parse("<Invoice/>")));
        Assert.Throws<FormatException>(() => TurnkeyFiles.ParseProcessResult(XDocument.Parse("<ProcessResult><Result><Info><Parameter0>AB12345678</Parameter0></Info></Result></ProcessResult>")));
    }

    /// <summary>The XSD spells Result/Invocie, a production parser reads ResultType/Invoice: both give the same verdicts.</summary>
    [Theory]
    [InlineData("Result", "Invocie")]
    [InlineData("ResultType", "Invoice")]
    [InlineData("Result", "Invoice")]
    public void SummaryResult_reads_both_spellings(string result, string invoice)
    {
        XNamespace n = "urn:GEINV:SummaryResult:4.0";
        XElement Group(string name, params string[] numbers) => new(n + name, new XElement(n + "Count", numbers.Length),
            new XElement(n + "Invoices", numbers.Select(x => new XElement(n + invoice, new XElement(n + "ReferenceNumber", x), new XElement(n + "InvoiceDate", "20261130")))));
        var doc = new XDocument(new XElement(n + "SummaryResult",
            new XElement(n + "DetailList", new XElement(n + "Message",
                new XElement(n + "Info", new XElement(n + "MessageType", "F0401"), new XElement(n + "Code", "E0208"), new XElement(n + "Description", "資料非當期")),
                new XElement(n + result, Group("Total", "AB00000001", "AB00000002", "AB00000003"), Group("Good", "AB00000001", "AB00000002"), Group("Failed", "AB00000003"))))));
        var verdicts = TurnkeyFiles.ParseSummaryResult(doc);
        Assert.Equal([("AB00000001", "00000"), ("AB00000002", "00000"), ("AB00000003", "E0208")], verdicts.Select(v => (v.References.Single(), v.Code)));
        Assert.All(verdicts, v => Assert.Equal("F0401", v.MessageType));
        Assert.Equal("資料非當期", verdicts[2].Description);
    }

    [Fact]
    public void Settings_need_an_existing_absolute_root_only_when_enabled()
    {
        static List<ValidationResult> Check(TurnkeyOptions o)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(o, new ValidationContext(o), results, validateAllProperties: true);
            return results;
        }
        Assert.Empty(Check(new TurnkeyOptions()));
        Assert.Contains(Check(new TurnkeyOptions { Enabled = true }), r => r.MemberNames.Contains("Root"));
        Assert.Contains(Check(new TurnkeyOptions { Enabled = true, Root = "relative/tk" }), r => r.MemberNames.Contains("Root"));
        Assert.Contains(Check(new TurnkeyOptions { Enabled = true, Root = "/no/such/turnkey/" + Guid.NewGuid() }), r => r.ErrorMessage!.Contains("does not exist"));
        Assert.Empty(Check(new TurnkeyOptions { Enabled = true, Root = Path.GetTempPath() }));
        Assert.Contains(Check(new TurnkeyOptions { PollInterval = TimeSpan.Zero }), r => r.MemberNames.Contains("PollInterval"));
        Assert.Equal(Path.Combine("/tk", "DownCast/B2SSTORAGE"), new TurnkeyOptions { Root = "/tk" }.ResultsFolder);
        Assert.Equal("/elsewhere", new TurnkeyOptions { Root = "/tk", ResultsPath = "/elsewhere" }.ResultsFolder);
    }

    [Theory]
    // Period 11512 (Nov–Dec 2026) closes 2026-12-31; once 3 days of January have passed its E0402 is added (from 2027-01-04, Taiwan).
    [InlineData("2027-01-03", 3, null)]
    [InlineData("2027-01-04", 3, "11512")]
    [InlineData("2027-02-28", 3, "11512")]
    [InlineData("2027-01-01", 0, "11512")]
    [InlineData("2026-12-31", 0, "11510")]
    public void Blank_numbers_are_due_after_the_grace_days_of_the_next_period(string today, int afterDays, string? period) =>
        Assert.Equal(period, BlankNumbersScheduler.Due(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), afterDays)?.Code);

    [Fact]
    public void Due_today_ends_at_midnight_in_Taipei()
    {
        // 2026-11-30 17:00 UTC is 2026-12-01 01:00 in Taipei: today ends 2026-12-01 16:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero), PlatformMessagesApi.EndOfTaiwanDay(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), PlatformMessagesApi.EndOfTaiwanDay(new DateTimeOffset(2026, 11, 30, 15, 59, 59, TimeSpan.Zero)));
    }
}
