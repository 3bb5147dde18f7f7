using YamlDotNet.RepresentationModel;

namespace PosCloud.DeployTests.Support;

/// <summary>YAML as plain trees: mappings are dictionaries, sequences lists, scalars strings (null for ~ / empty).</summary>
public static class Yaml
{
    /// <summary>Every document of a file (Kubernetes files may hold several, separated by ---). Throws on invalid YAML.</summary>
    public static IReadOnlyList<object?> LoadAll(string relativePath)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Repo.ReadText(relativePath));
        stream.Load(reader);
        return stream.Documents.Select(d => Convert(d.RootNode)).ToList();
    }

    public static Dictionary<string, object?> LoadSingleMapping(string relativePath)
    {
        var docs = LoadAll(relativePath);
        Assert.True(docs.Count == 1, $"{relativePath}: expected one YAML document, found {docs.Count}");
        return docs[0] as Dictionary<string, object?> ?? throw new Xunit.Sdk.XunitException($"{relativePath}: the document is not a mapping");
    }

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            kv => ((YamlScalarNode)kv.Key).Value ?? "",
            kv => Convert(kv.Value)),
        YamlSequenceNode seq => seq.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "" or "~" or "null" ? null : scalar.Value,
        _ => null,
    };

    // Navigation helpers for the trees above.
    public static Dictionary<string, object?>? Map(this Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var v) ? v as Dictionary<string, object?> : null;

    public static List<object?> List(this Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var v) && v is List<object?> list ? list : [];

    public static string? Str(this Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var v) ? v as string : null;

    public static IEnumerable<Dictionary<string, object?>> Maps(this List<object?> list) => list.OfType<Dictionary<string, object?>>();
}
