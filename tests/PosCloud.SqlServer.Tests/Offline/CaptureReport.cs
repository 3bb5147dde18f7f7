using System.Text.RegularExpressions;

namespace PosCloud.SqlServer.Tests.Offline;

/// <summary>A distinct statement text of a code path and what the parser said about it.</summary>
public sealed record ParsedStatement(string Text, int Times, IReadOnlyList<TSqlError> Errors);

/// <summary>The captured commands of one code path, each distinct text parsed once.</summary>
public sealed partial record CaptureReport(string Path, int Commands, IReadOnlyList<ParsedStatement> Statements)
{
    public static CaptureReport Of(string path, IEnumerable<CapturedCommand> commands)
    {
        var list = commands.ToList();
        var statements = list.GroupBy(c => c.Text)
            .Select(g => new ParsedStatement(g.Key, g.Count(), TSql.Errors(g.Key)))
            .ToList();
        return new CaptureReport(path, list.Count, statements);
    }

    public IReadOnlyList<ParsedStatement> Failures => Statements.Where(s => s.Errors.Count > 0).ToList();

    public string Summary => $"{Path}: {Commands} commands sent, {Statements.Count} distinct statements, {Statements.Count - Failures.Count} parsed by TSql160Parser without error, {Failures.Count} with errors";

    /// <summary>Every failing statement, with its parse errors and its full text.</summary>
    public string Describe() => string.Join("\n\n", Failures.Select(f => $"{string.Join("; ", f.Errors)}\n{f.Text}"));

    /// <summary>True when some statement's text matches (whitespace-insensitive, case-insensitive).</summary>
    public bool Sent(string pattern) => Statements.Any(s => Regex.IsMatch(s.Text, pattern, RegexOptions.IgnoreCase | RegexOptions.Singleline));
}
