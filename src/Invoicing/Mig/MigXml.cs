using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PosCloud.Invoicing.Mig;

internal static class MigXml
{
    /// <summary>Writes with an explicit UTF-8 declaration (XDocument.ToString drops the declaration).</summary>
    public static string Write(XDocument doc)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings)) doc.Save(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
