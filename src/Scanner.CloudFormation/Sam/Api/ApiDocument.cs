using System.Text.RegularExpressions;
using Scanner.CloudFormation.Sam.Values;

namespace Scanner.CloudFormation.Sam.Api;

/// <summary>
/// An OpenAPI/Swagger definition SAM edits (an API's DefinitionBody): paths, methods (possibly inside Fn::If),
/// integrations. The document is a copy; <see cref="Document"/> is the edited result.
/// </summary>
internal abstract partial class ApiDocument
{
    public const string Integration = "x-amazon-apigateway-integration";
    public const string AnyMethod = "x-amazon-apigateway-any-method";
    public static readonly string[] AllHttpMethods = ["OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"];

    protected ApiDocument(SamMap document)
    {
        Doc = (SamMap)document.Clone();
        Paths = Doc.GetMap("paths")!;
    }

    protected SamMap Doc { get; }

    public SamMap Paths { get; }

    /// <summary>OpenAPI 3.x version strings ("3.0", "3.0.1").</summary>
    public static bool IsOpenApi3(string? version) => version is not null && OpenApi3Version().IsMatch(version);

    public static bool IsOpenApi3(SamValue? version) => version is SamScalar s && IsOpenApi3(s.Text);

    /// <summary>Both branches (except AWS::NoValue) of an Fn::If, or the value itself.</summary>
    public static IEnumerable<SamValue> Contents(SamValue? item)
    {
        if (item is SamMap m && m.ContainsKey("Fn::If"))
        {
            if (m.Get("Fn::If") is not SamList list)
            {
                throw SamException.Template("Value of Fn::If must be a list.", item);
            }

            return list.Items.Skip(1).Where(c => !Fn.IsNoValue(c)).ToList();
        }

        return item is null ? [] : [item];
    }

    public static string? NormalizeMethod(string? method)
    {
        if (string.IsNullOrEmpty(method))
        {
            return method;
        }

        var lower = method.ToLowerInvariant();
        return lower == "any" ? AnyMethod : lower;
    }

    public static bool HasIntegrationIn(SamValue? methodDefinition) =>
        methodDefinition is SamMap m && SamValue.Truthy(m.Get(Integration));

    public static SamMap ValidatePathItem(SamValue? item, string path) =>
        item as SamMap ?? throw SamException.Template($"Value of '{path}' path must be a dictionary according to Swagger spec.", item);

    public static SamMap ValidateMethod(SamValue? definition, string path, string method) =>
        definition as SamMap ?? throw SamException.Template($"Definition of method '{method}' for path '{path}' should be a map.", definition);

    public IEnumerable<string> PathNames() => Paths.Keys.ToList();

    public bool HasPath(string path, string? method = null)
    {
        if (!Paths.ContainsKey(path))
        {
            return false;
        }

        method = NormalizeMethod(method);
        if (!string.IsNullOrEmpty(method))
        {
            foreach (var item in Contents(Paths.Get(path)))
            {
                if (item is not SamMap m || !m.ContainsKey(method))
                {
                    return false;
                }
            }
        }

        return true;
    }

    public bool HasIntegration(string path, string method)
    {
        method = NormalizeMethod(method)!;
        if (!HasPath(path, method))
        {
            return false;
        }

        foreach (var item in Contents(Paths.Get(path)))
        {
            var pathItem = ValidatePathItem(item, path);
            if (pathItem.Get(method) is not SamMap definition || !MethodHasIntegration(definition, path, method))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MethodHasIntegration(SamValue raw, string path, string method)
    {
        foreach (var definition in Contents(raw))
        {
            ValidateMethod(definition, path, method);
            if (HasIntegrationIn(definition))
            {
                return true;
            }
        }

        return false;
    }

    public void AddPath(string path, string? method)
    {
        method = NormalizeMethod(method);
        var pathValue = Paths.GetOrAdd(path, () => new SamMap());
        if (pathValue is not SamMap)
        {
            throw SamException.Template($"Value of '{path}' path must be a dictionary according to Swagger spec.", pathValue);
        }

        foreach (var item in Contents(pathValue))
        {
            ((SamMap)item).GetOrAdd(method ?? string.Empty, () => new SamMap());
        }
    }

    public void MakePathConditional(string path, string condition)
    {
        var wrapped = Fn.If(condition, Paths.Get(path)!, Fn.NoValue);
        Paths.Set(path, wrapped);
    }

    /// <summary>Every method definition at path/method, through Fn::If on the path and on the method.</summary>
    public IEnumerable<SamMap> MethodDefinitions(string path, string method, bool onlyWithIntegration = true)
    {
        var normalized = NormalizeMethod(method)!;
        var result = new List<SamMap>();
        foreach (var item in Contents(Paths.Get(path)))
        {
            var pathItem = ValidatePathItem(item, path);
            foreach (var definition in Contents(pathItem.Get(normalized)))
            {
                var map = ValidateMethod(definition, path, method);
                if (onlyWithIntegration && !HasIntegrationIn(map))
                {
                    continue;
                }

                result.Add(map);
            }
        }

        return result;
    }

    public void AddTimeoutToMethod(string path, string method, SamValue timeout)
    {
        foreach (var definition in MethodDefinitions(path, method))
        {
            definition.GetMap(Integration)!.Set("timeoutInMillis", timeout);
        }
    }

    /// <summary>Scopes of an authorizer for a default authorizer (empty when it has none).</summary>
    protected static SamValue AuthorizationScopes(IReadOnlyDictionary<string, Authorizer> authorizers, string name) =>
        authorizers.TryGetValue(name, out var a) && a.AuthorizationScopes is { } scopes ? scopes : new SamList();

    /// <summary>A copy of the definition with all edits.</summary>
    public abstract SamMap Document { get; }

    /// <summary>Path parameters written <c>{name}</c> (also <c>{proxy+}</c>) become <c>*</c> in execute-api ARNs.</summary>
    public static string PathWithoutParameters(string path, bool allowGreedy) =>
        (allowGreedy ? SwaggerPathParameter() : OpenApiPathParameter()).Replace(path, "*");

    [GeneratedRegex(@"\A3(\.\d)(\.\d)?$")]
    private static partial Regex OpenApi3Version();

    [GeneratedRegex(@"{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\+|proxy\+)}")]
    private static partial Regex SwaggerPathParameter();

    [GeneratedRegex(@"{([a-zA-Z0-9._-]+|proxy\+)}")]
    private static partial Regex OpenApiPathParameter();
}

/// <summary>An authorizer as SAM's API generators model it (enough to write security definitions and scopes).</summary>
internal sealed class Authorizer
{
    public Authorizer(string name, SamValue? authorizationScopes, SamMap openApiDefinition)
    {
        Name = name;
        AuthorizationScopes = authorizationScopes;
        Definition = openApiDefinition;
    }

    public string Name { get; }

    public SamValue? AuthorizationScopes { get; }

    /// <summary>The security scheme SAM writes for it.</summary>
    public SamMap Definition { get; }
}
