using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Scanner.Tests;

namespace Scanner.Rules.Tests;

/// <summary>
/// Architecture: rule code reads properties through the model's Variants API (<c>ResourceContext.Variants</c>,
/// <c>TemplateContext.Variants</c>, the policy model), never the raw property map or the evaluator, so every rule sees
/// every deployable value with the scenario it holds under. Rule code is everything in Scanner.Rules except the fix
/// providers (src/Scanner.Rules/Fixes, which compute text edits on the syntax tree and decide no finding), and the
/// IAM permission analysis the IAM rules use (src/Scanner.Iam/Permissions). The check is semantic (Roslyn binds each
/// name), so a forbidden member is found however it is reached, and a local of the same name is not.
/// </summary>
public sealed class ReadThroughVariantsTests
{
    /// <summary>Members that read around the Variants API, by declaring type.</summary>
    private static readonly Dictionary<string, string[]> Forbidden = new(StringComparer.Ordinal)
    {
        // The raw syntax of a resource: the property map and the navigation over it.
        ["Scanner.CloudFormation.Model.Resource"] = ["Properties", "Property", "Navigate", "Attribute"],

        // Evaluation of a raw node: one value (defaults taken as facts, undecided Fn::If as ConditionalValue).
        ["Scanner.CloudFormation.Analysis.ResourceContext"] = ["Evaluate"],
        ["Scanner.CloudFormation.Analysis.TemplateContext"] = ["Evaluate"],
        ["Scanner.Iam.PolicyContext"] = ["Evaluate"],
        ["Scanner.CloudFormation.Evaluation.TemplateEvaluator"] = ["Evaluate", "ResolveRef", "Choices"],
    };

    /// <summary>The evaluator's representation of an undecided Fn::If: rules see variants instead.</summary>
    private const string ConditionalValue = "Scanner.CloudFormation.Evaluation.ConditionalValue";

    [Fact]
    public void Rule_code_reads_properties_only_through_variants()
    {
        var violations = new List<string>();
        violations.AddRange(Check("Scanner.Rules", path => !IsUnder(path, "Fixes")));
        violations.AddRange(Check("Scanner.Iam", path => IsUnder(path, "Permissions")));
        Assert.True(violations.Count == 0, "Rule code reads around the Variants API (use ResourceContext.Variants / TemplateContext.Variants / the policy model):\n" + string.Join('\n', violations));
    }

    [Fact]
    public void The_check_finds_each_forbidden_read()
    {
        const string source = """
            using Scanner.CloudFormation.Analysis;
            using Scanner.CloudFormation.Evaluation;
            static class Probe
            {
                static object? A(ResourceContext c) => c.Resource.Properties;
                static object? B(ResourceContext c) => c.Resource.Property("X");
                static object? C(ResourceContext c) => c.Evaluate(null);
                static bool D(Value v) => v is ConditionalValue;
                static object? E(ResourceContext c) => c.Variants("X");
            }
            """;
        var tree = CSharpSyntaxTree.ParseText(source, path: "Probe.cs");
        var found = Violations(Compile("Probe", [tree]), tree).ToList();
        Assert.Equal(4, found.Count);
        Assert.Contains(found, f => f.StartsWith("Probe.cs:5:", StringComparison.Ordinal) && f.Contains("Resource.Properties", StringComparison.Ordinal));
        Assert.Contains(found, f => f.StartsWith("Probe.cs:8:", StringComparison.Ordinal) && f.Contains("ConditionalValue", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Check(string project, Func<string, bool> isRuleCode)
    {
        var folder = Path.Combine(TestPaths.RepoRoot, "src", project);
        var trees = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(p => !IsUnder(Path.GetRelativePath(folder, p), "obj") && !IsUnder(Path.GetRelativePath(folder, p), "bin"))
            .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), path: Path.GetRelativePath(TestPaths.RepoRoot, p)))
            .ToList();
        Assert.NotEmpty(trees);
        var compilation = Compile(project, trees);

        // Every name must bind, or an unbound one could hide a forbidden read. Partial methods that source
        // generators implement (GeneratedRegex, the rule list) have no body here.
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id is not ("CS8795" or "CS0762")).Take(5).ToList();
        Assert.True(errors.Count == 0, $"{project} does not compile for the check:\n" + string.Join('\n', errors));
        return trees.Where(t => isRuleCode(Path.GetRelativePath(Path.Combine("src", project), t.FilePath)))
            .SelectMany(t => Violations(compilation, t));
    }

    private static bool IsUnder(string relativePath, string folder) =>
        relativePath.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relativePath.StartsWith(folder + '/', StringComparison.Ordinal);

    /// <summary>The SDK's implicit usings (ImplicitUsings is on for every project).</summary>
    private static readonly SyntaxTree ImplicitUsings = CSharpSyntaxTree.ParseText(
        "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;",
        path: "GlobalUsings.g.cs");

    /// <summary>A compilation of the sources (with the implicit usings) against every assembly the tests load except the one they build.</summary>
    private static CSharpCompilation Compile(string assemblyName, IEnumerable<SyntaxTree> trees)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !string.Equals(Path.GetFileNameWithoutExtension(p), assemblyName, StringComparison.Ordinal)
                && !(assemblyName == "Scanner.Iam" && Path.GetFileNameWithoutExtension(p) == "Scanner.Rules"))
            .Select(p => MetadataReference.CreateFromFile(p));
        return CSharpCompilation.Create(assemblyName, trees.Append(ImplicitUsings), references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
    }

    private static IEnumerable<string> Violations(CSharpCompilation compilation, SyntaxTree tree)
    {
        var model = compilation.GetSemanticModel(tree);
        foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
        {
            var symbol = model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault();
            if (symbol is null)
            {
                continue;
            }

            string? what = null;
            if (symbol is INamedTypeSymbol type && Full(type) == ConditionalValue)
            {
                what = "ConditionalValue";
            }
            else if (symbol.ContainingType is { } owner && !symbol.IsImplicitlyDeclared)
            {
                var ownerName = Full(owner.OriginalDefinition);
                if (ownerName == ConditionalValue)
                {
                    what = $"ConditionalValue.{symbol.Name}";
                }
                else if (symbol is IMethodSymbol or IPropertySymbol && Forbidden.TryGetValue(ownerName, out var members) && members.Contains(symbol.Name, StringComparer.Ordinal))
                {
                    what = $"{owner.Name}.{symbol.Name}";
                }
            }

            if (what is not null)
            {
                var line = name.GetLocation().GetLineSpan();
                yield return $"{tree.FilePath}:{line.StartLinePosition.Line + 1}:{line.StartLinePosition.Character + 1}: {what}";
            }
        }
    }

    private static string Full(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty, StringComparison.Ordinal);
}
