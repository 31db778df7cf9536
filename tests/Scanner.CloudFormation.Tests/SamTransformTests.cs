using System.Text.RegularExpressions;
using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Engine;
using Scanner.Tests;
using Xunit.Abstractions;

namespace Scanner.CloudFormation.Tests;

public sealed partial class SamTransformTests(ITestOutputHelper output)
{
    private static Template Load(string yaml)
    {
        var tree = TemplateParser.Parse("sam.yaml", yaml);
        Assert.Empty(tree.Diagnostics);
        return Template.Load(tree, [])!;
    }

    [Fact]
    public void Function_becomes_a_lambda_function_and_an_execution_role_whose_nodes_point_into_the_sam_definition()
    {
        var template = Load("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: python3.12
                Timeout: 30
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Metadata:
                  cfn_nag:
                    rules_to_suppress: [{id: W89, reason: no VPC needed}]
                Properties:
                  Handler: app.handler
                  CodeUri: s3://bucket/key.zip
                  Tracing: Active
                  Policies:
                    - AmazonS3ReadOnlyAccess
                    - Statement:
                        - Effect: Allow
                          Action: "*"
                          Resource: "*"
                    - SQSPollerPolicy: {QueueName: q}
            """);
        Assert.Equal(["Fn:AWS::Lambda::Function", "FnRole:AWS::IAM::Role"], template.Resources.Select(r => $"{r.LogicalId}:{r.Type}"));
        Assert.Equal("Fn", Assert.Single(template.SourceResources).LogicalId);

        var fn = template.GetResource("Fn")!;
        Assert.Equal("python3.12", ((ScalarNode)fn.Property("Runtime")!).Text);
        Assert.Equal("Active", ((ScalarNode)fn.Property("TracingConfig.Mode")!).Text);
        Assert.Equal("bucket", ((ScalarNode)fn.Property("Code.S3Bucket")!).Text);
        Assert.Equal("Fn::GetAtt", ((IntrinsicNode)fn.Property("Role")!).Name);
        Assert.NotNull(fn.Metadata);

        var role = template.GetResource("FnRole")!;
        Assert.Same(fn.GeneratedFrom, role.GeneratedFrom);
        var statement = role.Property("Policies.0.PolicyDocument.Statement.0")!;
        Assert.Equal((19, 15), Position(template, statement));
        Assert.Equal("Resources/Fn/Properties/Policies/1/Statement/0", statement.Path);
        Assert.Equal(3, ((SequenceNode)role.Property("ManagedPolicyArns")!).Count);
        Assert.Equal("lambda.amazonaws.com", ((ScalarNode)role.Property("AssumeRolePolicyDocument.Statement.0.Principal.Service.0")!).Text);
        Assert.Equal((8, 11), Position(template, role.TypeNode));
    }

    [Fact]
    public void Api_events_create_the_implicit_api_with_a_prod_stage_and_permissions()
    {
        var template = Load("""
            Transform: [AWS::Serverless-2016-10-31]
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: a.b
                  Runtime: nodejs20.x
                  InlineCode: "exports.handler = async () => 1"
                  Role: arn:aws:iam::123456789012:role/x
                  Events:
                    Get:
                      Type: Api
                      Properties: {Path: /, Method: get}
            """);
        var ids = template.Resources.Select(r => $"{Strip(r.LogicalId)}:{r.Type}").ToList();
        Assert.Equal(
            ["Fn:AWS::Lambda::Function", "FnGetPermissionProd:AWS::Lambda::Permission", "ServerlessRestApi:AWS::ApiGateway::RestApi", "ServerlessRestApiDeployment:AWS::ApiGateway::Deployment", "ServerlessRestApiProdStage:AWS::ApiGateway::Stage"],
            ids);
    }

    [Fact]
    public void Sam_reference_properties_and_renamed_layers_resolve_to_the_generated_resources()
    {
        var text = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Layer:
                Type: AWS::Serverless::LayerVersion
                Properties: {ContentUri: s3://bucket/layer.zip}
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: a.b
                  Runtime: python3.12
                  CodeUri: s3://bucket/code.zip
                  AutoPublishAlias: live
                  Layers: [!Ref Layer]
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
                  DefinitionBody: {swagger: "2.0", info: {title: t}, paths: {}}
              Consumer:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Join ["-", [!Ref Fn.Alias, !Ref Fn.Version, !Ref Api.Stage, !GetAtt Fn.Alias.FunctionVersion]]
                  DisplayName: !Sub "${Fn.Alias}"
            Outputs:
              Alias: {Value: !Ref Fn.Alias}
              Layer: {Value: !Ref Layer}
            """;
        var tree = TemplateParser.Parse("refs.yaml", text);
        var analysis = new TemplateAnalyzer(RuleRegistry.Build([])).Analyze(tree, "refs.yaml");
        Assert.DoesNotContain(analysis.Findings, f => f.RuleId.StartsWith("E1", StringComparison.Ordinal) || f.RuleId.StartsWith("E3", StringComparison.Ordinal));

        var template = Template.Load(tree, [])!;
        Assert.Equal("FnAliaslive", template.ResolveReference("Fn.Alias")!.LogicalId);
        Assert.Equal("AWS::Lambda::Version", template.ResolveReference("Fn.Version")!.Type);
        Assert.Equal("ApiprodStage", template.ResolveReference("Api.Stage")!.LogicalId);
        var layer = template.ResolveReference("Layer")!;
        Assert.Equal("AWS::Lambda::LayerVersion", layer.Type);
        Assert.Matches("^Layer[0-9a-f]{10}$", layer.LogicalId);

        // The document CloudFormation receives has SAM's references rewritten.
        var json = TemplateWriter.ToJson(template.Document)!;
        Assert.Equal("FnAliaslive", json["Outputs"]!["Alias"]!["Value"]!["Ref"]!.GetValue<string>());
        Assert.Equal(layer.LogicalId, json["Outputs"]!["Layer"]!["Value"]!["Ref"]!.GetValue<string>());
        Assert.Equal("FnAliaslive", json["Resources"]!["Consumer"]!["Properties"]!["TopicName"]!["Fn::Join"]![1]![0]!["Ref"]!.GetValue<string>());
    }

    [Fact]
    public void Policy_templates_expand_into_inline_policies_of_the_generated_role()
    {
        var template = Load("""
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Table: {Type: String, Default: orders}
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: a.b
                  Runtime: python3.12
                  InlineCode: x
                  Policies:
                    - DynamoDBCrudPolicy: {TableName: !Ref Table}
                    - LambdaInvokePolicy: {FunctionName: other}
            """);
        var policies = (SequenceNode)template.GetResource("FnRole")!.Property("Policies")!;
        Assert.Equal(2, policies.Count);
        var crud = TemplateWriter.ToJson(policies[0])!;
        Assert.Equal("FnRolePolicy0", crud["PolicyName"]!.GetValue<string>());
        var statement = crud["PolicyDocument"]!["Statement"]![0]!;
        Assert.Contains("dynamodb:PutItem", statement["Action"]!.AsArray().Select(a => a!.GetValue<string>()));
        var resource = statement["Resource"]![0]!["Fn::Sub"]!;
        Assert.Equal("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}", resource[0]!.GetValue<string>());
        Assert.Equal("Table", resource[1]!["tableName"]!["Ref"]!.GetValue<string>());

        // The statements point at the policy template's entry in Policies.
        Assert.Equal("Resources/Fn/Properties/Policies/0", policies[0].Path);
    }

    [Fact]
    public void Sam_validation_errors_are_located_findings_and_the_rest_still_transforms()
    {
        var text = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Broken:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: a.b
                  Runtime: python3.12
                  InlineCode: x
                  Events:
                    Bad:
                      Type: SQS
                      Properties: {BatchSize: 10}
              Fine:
                Type: AWS::Serverless::Function
                Properties: {Handler: a.b, Runtime: python3.12, InlineCode: x}
            """;
        var tree = TemplateParser.Parse("errors.yaml", text);
        var problems = new List<SyntaxDiagnostic>();
        var template = Template.Load(tree, problems)!;
        var error = Assert.Single(problems);
        Assert.Equal(SamDiagnostics.InvalidResourceId, error.RuleId);
        Assert.Equal("SAM: Resource with id [BrokenBad] is invalid. Missing required property 'Queue'.", error.Message); // SAM's own words: the event source is the resource BrokenBad
        Assert.Equal(12, tree.Source.GetSpan(error.Span).StartLine); // the event's Properties, where Queue is missing
        Assert.NotNull(template.GetResource("FineRole"));
        Assert.Equal("AWS::Serverless::Function", template.GetResource("Broken")!.Type);
    }

    /// <summary>
    /// Conformance with SAM's own translator over ALL its non-error test inputs, each taken as SAM (as the translator
    /// takes it, with or without a Transform line): the (logical id, type) pairs of every resource, and the
    /// security-relevant properties of roles, permissions, stages and resource policies, must equal SAM's.
    /// </summary>
    [CorpusFact]
    public void Generated_resources_match_the_sam_translator_outputs()
    {
        int total = 0, ids = 0, properties = 0;
        var mismatches = new List<string>();
        foreach (var (name, input, expected) in SamConformance.Inputs(Path.Combine(TestPaths.Corpus, "sam-translator")))
        {
            total++;
            var result = SamConformance.Compare(name, input, expected);
            ids += result.IdsMatch ? 1 : 0;
            properties += result.IdsMatch && result.PropertiesMatch ? 1 : 0;
            if (!result.IdsMatch)
            {
                mismatches.Add($"{name}: missing [{string.Join(", ", result.Missing)}] extra [{string.Join(", ", result.Extra)}]");
            }

            mismatches.AddRange(result.PropertyDifferences.Take(3).Select(d => $"{name}: {d}"));
        }

        var idRate = 100.0 * ids / Math.Max(1, total);
        var propertyRate = 100.0 * properties / Math.Max(1, total);
        output.WriteLine($"SAM transform over {total} translator inputs: ids equal on {ids} ({idRate:F1}%), ids and security properties on {properties} ({propertyRate:F1}%).");
        foreach (var m in mismatches.Take(40))
        {
            output.WriteLine(m);
        }

        // Ratchets, not goals: they only go up.
        Assert.True(total >= 540, $"only {total} translator inputs found");
        Assert.True(idRate >= MinimumIdConformancePercent, $"SAM id conformance fell to {idRate:F1}% (minimum {MinimumIdConformancePercent}%).\n{string.Join("\n", mismatches.Take(10))}");
        Assert.True(propertyRate >= MinimumPropertyConformancePercent, $"SAM security property conformance fell to {propertyRate:F1}% (minimum {MinimumPropertyConformancePercent}%).\n{string.Join("\n", mismatches.Take(10))}");
    }

    /// <summary>
    /// SAM's error inputs: each must give a located SAM finding (E3000–E3004) and none may crash the transform; the
    /// finding must also say what SAM says: one of its messages is one of the errors in SAM's expected output.
    /// </summary>
    [CorpusFact]
    public void Error_inputs_give_sam_findings_and_never_crash()
    {
        int total = 0, reported = 0, same = 0;
        var silent = new List<string>();
        var differing = new List<string>();
        foreach (var input in Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, "sam-translator", "input"), "error_*.yaml").Order(StringComparer.Ordinal))
        {
            total++;
            var name = Path.GetFileNameWithoutExtension(input);
            var tree = TemplateParser.ParseFile(input, name + ".yaml");
            var problems = new List<SyntaxDiagnostic>(tree.Diagnostics);
            if (tree.Root is not null)
            {
                Template.Load(tree, problems, forceSam: true);
            }

            var sam = problems.Where(p => SamDiagnostics.All.Any(d => d.Id == p.RuleId)).ToList();
            if (sam.Count == 0)
            {
                silent.Add(name);
                continue;
            }

            reported++;
            var expected = SamExpectedError(name);
            if (expected is null || sam.Any(p => SaysTheSame(p.Message, expected)))
            {
                same++;
            }
            else
            {
                differing.Add($"{name}: {sam[0].Message} | SAM: {expected}");
            }
        }

        var rate = 100.0 * reported / Math.Max(1, total);
        var sameRate = 100.0 * same / Math.Max(1, total);
        output.WriteLine($"{reported} of {total} SAM error inputs give a SAM finding ({rate:F1}%), {same} with SAM's message ({sameRate:F1}%); silent: {string.Join(", ", silent)}");
        foreach (var d in differing)
        {
            output.WriteLine(d);
        }

        Assert.True(total >= 280, $"only {total} error inputs found");
        Assert.True(rate >= MinimumErrorCoveragePercent, $"SAM error coverage fell to {rate:F1}% (minimum {MinimumErrorCoveragePercent}%); silent: {string.Join(", ", silent)}");
        Assert.True(sameRate >= MinimumErrorMeaningPercent, $"SAM error messages equal to SAM's fell to {sameRate:F1}% (minimum {MinimumErrorMeaningPercent}%).\n{string.Join("\n", differing.Take(10))}");
    }

    /// <summary>SAM's error message for an error input (its expected output), or null when the corpus has none.</summary>
    private static string? SamExpectedError(string name)
    {
        var path = Path.Combine(TestPaths.Corpus, "sam-translator", "expected-output", name + ".json");
        return File.Exists(path) && System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))?["errorMessage"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text)
            ? Whitespace().Replace(text, " ")
            : null;
    }

    /// <summary>Our finding says what SAM says when its text (without "SAM: ") is one of the errors SAM lists.</summary>
    private static bool SaysTheSame(string message, string expected)
    {
        var text = Whitespace().Replace(message.StartsWith("SAM: ", StringComparison.Ordinal) ? message[5..] : message, " ").Trim();
        return expected.Contains(text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [CorpusFact]
    public void Embedded_policy_templates_are_the_translators_own()
    {
        var corpus = File.ReadAllBytes(Path.Combine(TestPaths.Corpus, "sam-translator", "policy_templates.json"));
        using var embedded = typeof(Template).Assembly.GetManifestResourceStream("Scanner.CloudFormation.Sam.Data.policy_templates.json")!;
        using var copy = new MemoryStream();
        embedded.CopyTo(copy);
        Assert.Equal(corpus, copy.ToArray());
    }

    private const double MinimumIdConformancePercent = 100;

    private const double MinimumPropertyConformancePercent = 100;

    /// <summary>
    /// Every error input gives a SAM finding: the five that SAM rejects only with AWS (Serverless Application
    /// Repository lookups, E3005) or before `sam package` (no CodeUri, a local DefinitionUri: E3006) as warnings.
    /// </summary>
    private const double MinimumErrorCoveragePercent = 100;

    /// <summary>A ratchet: error inputs whose SAM finding carries one of SAM's own messages.</summary>
    private const double MinimumErrorMeaningPercent = 97.9;

    private static (int, int) Position(Template template, SyntaxNode node)
    {
        var span = template.Tree.GetSpan(node);
        return (span.StartLine, span.StartColumn);
    }

    private static string Strip(string id) => HashSuffix().Replace(id, string.Empty);

    [GeneratedRegex("[0-9a-f]{10}$")]
    private static partial Regex HashSuffix();
}
