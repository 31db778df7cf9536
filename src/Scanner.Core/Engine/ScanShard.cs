using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Scanner.Core.Engine;

/// <summary>
/// One of <see cref="Count"/> parts of a scan (<c>scan --shard K/N</c>, <see cref="Index"/> = K, 1-based). A file
/// belongs to the shard its path relative to the repository root hashes to, so the parts of one file set are
/// disjoint and together the whole, and adding or removing a file never moves another one between shards.
/// </summary>
public sealed record ScanShard(int Index, int Count)
{
    /// <summary>How many files the whole scan shared out among the shards (before this shard took its part).</summary>
    public int Files { get; init; }

    /// <summary>
    /// A fingerprint of what the whole scan was (tool version, the files shared out, the settings and configuration
    /// files that decide findings): shards of one scan carry the same one, which <c>merge</c> checks.
    /// </summary>
    public string Scan { get; init; } = string.Empty;

    /// <summary>The shard (1..count) of a path relative to the repository root, with '/' separators.</summary>
    public static int Of(string relativePath, int count)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(relativePath), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count) + 1;
    }

    /// <summary>Whether the file at <paramref name="relativePath"/> is this shard's.</summary>
    public bool Owns(string relativePath) => Of(relativePath, Count) == Index;

    public override string ToString() => $"{Index}/{Count}";
}
