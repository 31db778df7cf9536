using System.Text.Json;
using System.Text.RegularExpressions;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;
using Scanner.Tests;
using Xunit.Abstractions;

namespace Scanner.CloudFormation.Tests;

public sealed partial class SamTransformTests(ITestOutputHelper output)
{
    /// <summary>The resource types the transform generates; conformance is judged on these.</summary>
    private static readonly HashSet<string> GeneratedTypes =
    [
        "AWS::Lambda::Function", "AWS::IAM::Role", "AWS::Lambda::Permission", "AWS::ApiGateway::RestApi",
        "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Stage", "AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Stage",
        "AWS::DynamoDB::Table", "AWS::Lambda::LayerVersion", "AWS::StepFunctions::StateMachine", "AWS::Lambda::Version",
        "AWS::Lambda::Alias", "AWS::SNS::Subscription", "AWS::Events::Rule", "AWS::Lambda::EventSourceMapping",
    ];

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

    /// <summary>
    /// Conformance with SAM's own translator over its test inputs: the (logical id, type) pairs we generate must
    /// equal SAM's for the resource types we generate (content hashes in ids are ignored).
    /// </summary>
    [CorpusFact]
    public void Generated_resources_match_the_sam_translator_outputs()
    {
        var root = Path.Combine(TestPaths.Corpus, "sam-translator");
        int total = 0, matched = 0;
        var mismatches = new List<string>();
        foreach (var input in Directory.EnumerateFiles(Path.Combine(root, "input"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(input);
            var expectedPath = Path.Combine(root, "expected-output", name + ".json");
            if (name.StartsWith("error_", StringComparison.Ordinal) || !File.Exists(expectedPath))
            {
                continue;
            }

            using var expectedDoc = JsonDocument.Parse(File.ReadAllText(expectedPath));
            if (!expectedDoc.RootElement.TryGetProperty("Resources", out var expectedResources))
            {
                continue;
            }

            var expected = expectedResources.EnumerateObject()
                .Where(p => p.Value.TryGetProperty("Type", out var t) && t.ValueKind == JsonValueKind.String)
                .Select(p => (Id: Strip(p.Name), Type: p.Value.GetProperty("Type").GetString()!))
                .Where(p => GeneratedTypes.Contains(p.Type))
                .Select(p => $"{p.Id}:{p.Type}")
                .ToHashSet(StringComparer.Ordinal);
            var tree = TemplateParser.ParseFile(input, name);
            var template = Template.Load(tree, []);
            if (template is null || !template.IsSam)
            {
                continue;
            }

            total++;
            var ours = template.Resources.Where(r => GeneratedTypes.Contains(r.Type))
                .Select(r => $"{Strip(r.LogicalId)}:{r.Type}")
                .ToHashSet(StringComparer.Ordinal);
            if (ours.SetEquals(expected))
            {
                matched++;
            }
            else
            {
                mismatches.Add($"{name}: missing [{string.Join(", ", expected.Except(ours).Order())}] extra [{string.Join(", ", ours.Except(expected).Order())}]");
            }
        }

        var rate = 100.0 * matched / Math.Max(1, total);
        output.WriteLine($"SAM transform: {matched} of {total} translator inputs generate exactly SAM's resources ({rate:F1}%).");
        foreach (var m in mismatches.Take(40))
        {
            output.WriteLine(m);
        }

        // A ratchet, not a goal: raise it as the transform covers more of SAM.
        Assert.True(rate >= MinimumConformancePercent, $"SAM conformance fell to {rate:F1}% (minimum {MinimumConformancePercent}%).");
    }

    private const double MinimumConformancePercent = 55;

    private static (int, int) Position(Template template, SyntaxNode node)
    {
        var span = template.Tree.GetSpan(node);
        return (span.StartLine, span.StartColumn);
    }

    private static string Strip(string id) => HashSuffix().Replace(id, string.Empty);

    [GeneratedRegex("[0-9a-f]{10}$")]
    private static partial Regex HashSuffix();
}
