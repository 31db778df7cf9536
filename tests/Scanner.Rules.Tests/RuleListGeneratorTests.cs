using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Scanner.Core.Engine;
using Scanner.Generators;

namespace Scanner.Rules.Tests;

/// <summary>The rule list generator on small compilations: rules, providers, and what it refuses.</summary>
public class RuleListGeneratorTests
{
    private const string Host = """
        using Scanner.Core.Engine;
        namespace Sample;
        public static partial class Registry
        {
            [GeneratedRuleList]
            internal static partial IRule[] Create();
        }
        """;

    [Fact]
    public void Lists_concrete_rules_and_provider_rows_in_full_name_order()
    {
        var (output, diagnostics) = Run(Host + """

            public abstract class Base : IRule
            {
                public System.Collections.Generic.IReadOnlyList<Scanner.Core.Diagnostics.RuleDescriptor> SupportedDescriptors => [];
                public void Initialize(RuleRegistrationContext context) { }
            }
            public sealed class Zeta : Base { }
            internal sealed class Alpha : Base { }
            public sealed class NeedsArgument(int x) : Base { public int X => x; }
            public sealed class Generic<T> : Base { }
            public sealed class Family : IRuleProvider
            {
                public System.Collections.Generic.IEnumerable<IRule> Rules => [new Row(1), new Row(2)];
                private sealed class Row(int n) : Base { public int N => n; }
            }
            public static class Outer { public sealed class Inner : Base { } }
            """);

        Assert.Empty(diagnostics);
        var lines = output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("rules.", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "rules.Add(new global::Sample.Alpha());",
                "rules.AddRange(new global::Sample.Family().Rules);",
                "rules.Add(new global::Sample.Outer.Inner());",
                "rules.Add(new global::Sample.Zeta());",
            ],
            lines);
    }

    [Fact]
    public void A_rule_the_list_cannot_reach_is_a_compile_error()
    {
        var (_, diagnostics) = Run(Host + """

            public static class Outer
            {
                private sealed class Hidden : IRule
                {
                    public System.Collections.Generic.IReadOnlyList<Scanner.Core.Diagnostics.RuleDescriptor> SupportedDescriptors => [];
                    public void Initialize(RuleRegistrationContext context) { }
                }
            }
            """);

        var error = Assert.Single(diagnostics);
        Assert.Equal("SCANGEN001", error.Id);
        Assert.Contains("Sample.Outer+Hidden", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_method_shape_is_a_compile_error()
    {
        var (_, diagnostics) = Run("""
            using Scanner.Core.Engine;
            namespace Sample;
            public static partial class Registry
            {
                [GeneratedRuleList]
                internal static partial System.Collections.Generic.List<IRule> Create();
            }
            """);

        Assert.Contains(diagnostics, d => d.Id == "SCANGEN003");
    }

    private static (string Output, ImmutableArray<Diagnostic> Diagnostics) Run(string source)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.Location.Length > 0)
            .Select(a => MetadataReference.CreateFromFile(a.Location))
            .Append(MetadataReference.CreateFromFile(typeof(IRule).Assembly.Location));
        var compilation = CSharpCompilation.Create(
            "Sample",
            [CSharpSyntaxTree.ParseText(source, parseOptions)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create([new RuleListGenerator().AsSourceGenerator()], parseOptions: parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out var updated, out _);
        var result = driver.GetRunResult();
        var output = string.Concat(result.GeneratedTrees.Select(t => t.ToString()));
        if (result.Diagnostics.IsEmpty)
        {
            // What the generator wrote compiles with the code it completes.
            Assert.Empty(updated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        }

        return (output, result.Diagnostics);
    }
}
