using System.Xml.Linq;

namespace PosCloud.Invoicing.Mig;

/// <summary>
/// The MIG version our messages are written in. 4.1 is current (the MOF's Turnkey 3.2 sends 4.1 only); 4.0 is
/// still accepted by the platform. What we emit differs only in the namespace
/// (<c>urn:GEINV:eInvoiceMessage:&lt;MIG&gt;:4.1</c>, confirmed in public 4.1 senders and the 4.1 XSDs' target
/// namespace); 4.1 widened bounds (F0401 Description ≤ 500) that our own limits stay inside.
/// </summary>
public enum MigVersion
{
    V40,
    V41,
}

public static class MigVersions
{
    public const MigVersion Default = MigVersion.V41;

    /// <summary>"4.0" or "4.1", as configured and as written in the namespace.</summary>
    public static string Text(this MigVersion version) => version == MigVersion.V40 ? "4.0" : "4.1";

    public static bool TryParse(string? text, out MigVersion version)
    {
        version = text switch { "4.0" => MigVersion.V40, "4.1" => MigVersion.V41, _ => (MigVersion)(-1) };
        return Enum.IsDefined(version);
    }

    /// <summary>The message's namespace, e.g. <c>urn:GEINV:eInvoiceMessage:F0401:4.1</c>.</summary>
    public static XNamespace Namespace(string message, MigVersion version) => $"urn:GEINV:eInvoiceMessage:{message}:{version.Text()}";
}
