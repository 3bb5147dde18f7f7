using System.Security.Cryptography;
using System.Text;

namespace PosCloud.Core.Stores;

public static class ApiKeyHash
{
    /// <summary>SHA-256 in hex. API keys are long random strings, so a plain hash is enough and lookups stay indexed.</summary>
    public static string Of(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    public static string NewKey() => "pk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
