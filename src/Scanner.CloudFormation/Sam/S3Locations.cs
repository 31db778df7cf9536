using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam;

/// <summary>
/// SAM's <c>construct_s3_location_object</c> and <c>parse_s3_uri</c>: where code, a layer, an OpenAPI body or a
/// state machine definition is, as <c>s3://bucket/key?versionId=v</c> or <c>{Bucket, Key, Version}</c>. A path
/// without a scheme is a local artifact that <c>sam package</c> uploads (before packaging, templates hold those).
/// </summary>
internal static class S3Locations
{
    /// <summary>The location as a map with the given key names (SAM writes Bucket/Key/Version or S3Bucket/S3Key/S3ObjectVersion).</summary>
    public static SamMap Map(SamResource resource, string property, SamValue uri, string bucket = "Bucket", string key = "Key", string version = "Version")
    {
        if (uri is SamMap map)
        {
            if (!SamValue.Truthy(map.Get("Bucket")) || !SamValue.Truthy(map.Get("Key")))
            {
                throw resource.Error($"'{property}' requires Bucket and Key properties to be specified.", uri);
            }

            return new SamMap(map.Origin).Set(bucket, map.Get("Bucket")!).Set(key, map.Get("Key")!).SetIf(version, map.Get("Version"));
        }

        var text = uri.AsString ?? string.Empty;
        if (Parse(text) is { } parsed)
        {
            var location = new SamMap(uri.Origin).Set(bucket, SamScalar.String(parsed.Bucket, uri.Origin)).Set(key, SamScalar.String(parsed.Key, uri.Origin));
            return parsed.Version is null ? location : location.Set(version, SamScalar.String(parsed.Version, uri.Origin));
        }

        if (text.Contains("://", StringComparison.Ordinal) || text.StartsWith("s3:", StringComparison.Ordinal) || uri.AsString is null)
        {
            throw resource.Error($"'{property}' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.", uri);
        }

        // A local path: `sam package` uploads it and writes the S3 location.
        resource.Unchecked(
            SamDiagnostics.LocalArtifactId,
            $"'{property}' is the local path '{text}': `sam package` uploads it and writes its S3 location (SAM's translator alone rejects it: '{property}' is not a valid S3 Uri of the form 's3://bucket/key'); the artifact is not analysed.",
            uri);
        return new SamMap(uri.Origin).Set(key, uri);
    }

    /// <summary>An S3 URI's bucket, key and versionId (SAM's parse_s3_uri), or null when it is not one.</summary>
    public static (string Bucket, string Key, string? Version)? Parse(string text)
    {
        if (!text.StartsWith("s3://", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = text["s3://".Length..];
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            rest = rest[..hash];
        }

        var query = string.Empty;
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? string.Empty : rest[slash..];
        if (host.Length == 0 || path.Length == 0 || host.Contains('[', StringComparison.Ordinal) || host.Contains(']', StringComparison.Ordinal))
        {
            return null;
        }

        var versions = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(kv => kv.StartsWith("versionId=", StringComparison.Ordinal)).ToList();
        var version = versions.Count == 1 ? Uri.UnescapeDataString(versions[0]["versionId=".Length..]) : null;
        return (host, path.TrimStart('/'), version);
    }

}
