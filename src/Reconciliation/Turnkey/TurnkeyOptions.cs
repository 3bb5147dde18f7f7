using System.ComponentModel.DataAnnotations;

namespace PosCloud.Reconciliation.Turnkey;

/// <summary>
/// Section "Turnkey": where the MOF's Turnkey program is installed (its folder tree, shared with this host) and how
/// often the delivery polls. Off by default (the embedded default and a fresh install have no Turnkey); turn it on
/// in exactly the hosts that should deliver (the Workers, or the Api when it hosts the workers).
/// </summary>
public sealed class TurnkeyOptions : IValidatableObject
{
    public const string Section = "Turnkey";

    /// <summary>Turnkey:Enabled — hand messages to Turnkey and read its outcomes. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Turnkey:Root — the Turnkey installation folder (the one holding UpCast, DownCast …), e.g. /opt/EINVTurnkey.</summary>
    public string Root { get; set; } = "";

    /// <summary>Turnkey:ResultsPath — where Turnkey leaves ProcessResult/SummaryResult files, relative to Root or absolute.</summary>
    public string ResultsPath { get; set; } = TurnkeyFiles.DefaultResultsPath;

    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    [Range(1, 1000)] public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Turnkey:RecoverAfter — a hand-over recorded this long ago whose file is in none of SRC, BAK and ERR is
    /// renamed into SRC again (the worker stopped between the record and the rename). Longer than a rename takes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")] public TimeSpan RecoverAfter { get; set; } = TimeSpan.FromMinutes(1);

    public string ResultsFolder => Path.IsPathRooted(ResultsPath) ? ResultsPath : Path.Combine(Root, ResultsPath);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (string.IsNullOrWhiteSpace(Root) || !Path.IsPathRooted(Root))
            yield return new ValidationResult("must be the absolute path of the Turnkey installation folder (the one holding UpCast) when Turnkey:Enabled is true.", [nameof(Root)]);
        else if (!Directory.Exists(Root))
            yield return new ValidationResult($"'{Root}' does not exist: install Turnkey there (or share its folder with this host) before enabling the delivery.", [nameof(Root)]);
    }
}
