using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Engine;
using Scanner.Rules;

namespace Scanner.Cli.Tests;

/// <summary>
/// How the IAM permission rules count findings (IamPolicyScope.Report): one fact (rule, node, message) is one finding;
/// a fact found in several Fn::If variants of a statement holds under the union of their scenarios; values the SAM
/// transform generates from one piece of SAM text count by their own text.
/// </summary>
public sealed class IamPolicyScopeTests
{
    private static readonly TemplateAnalyzer Analyzer = new(RuleRegistry.Build(BuiltInRules.All), null, AnalysisComposition.Extensions);

    private static List<string> Findings(string yaml, string ruleId) =>
        Analyzer.Analyze(TemplateParser.Parse("t.yaml", yaml), "t.yaml").Findings
            .Where(f => f.RuleId == ruleId)
            .Select(f => $"{f.Span.StartLine}:{f.Span.StartColumn} {f.Message}")
            .ToList();

    /// <summary>A managed policy with one Allow statement (its lines from line 14), under conditions IsA and IsB.</summary>
    private static string Policy(params string[] statement) => string.Join('\n',
        [
            "Parameters:",
            "  Env: {Type: String, AllowedValues: [a, b, c]}",
            "Conditions:",
            "  IsA: !Equals [!Ref Env, a]",
            "  IsB: !Equals [!Ref Env, b]",
            "Resources:",
            "  Policy:",
            "    Type: AWS::IAM::ManagedPolicy",
            "    Properties:",
            "      PolicyDocument:",
            "        Version: \"2012-10-17\"",
            "        Statement:",
            "          - Effect: Allow",
            .. statement.Select(line => "            " + line),
        ]);

    private static readonly string Variants = Policy(
        "Action: [s3:GetObjekt, !If [IsA, s3:PutObjekt, s3:GetObject], s3:PutObject]",
        "Resource: !If [IsA, \"arn:aws:s3:::b/*\", !If [IsB, \"*\", \"arn:aws:s3:::c/*\"]]");

    [Fact]
    public void A_fact_found_in_every_variant_of_a_statement_is_one_finding_that_always_holds()
    {
        // The Resource's Fn::If splits the statement into three variants (IsA; ¬IsA ∧ IsB; ¬IsA ∧ ¬IsB): the unknown
        // action is in each, so it is one finding without a condition, not one "when condition IsA holds" only.
        Assert.Equal(["14:22 's3:GetObjekt' is not an action of s3 (did you mean 's3:GetObject'?)."], Findings(Variants, "IAM001")[..1]);
    }

    [Fact]
    public void A_fact_found_in_some_variants_holds_under_theirs_only()
    {
        var iam001 = Findings(Variants, "IAM001");
        Assert.Equal(2, iam001.Count);
        Assert.Equal("14:46 's3:PutObjekt' is not an action of s3 (did you mean 's3:PutObject'?) when condition IsA holds.", iam001[1]);
        Assert.Equal(
            ["14:75 The statement allows 1 write action that can be scoped to resources (s3:PutObject) on Resource '*' when condition IsA is false and condition IsB holds."],
            Findings(Variants, "IAM104"));
    }

    [Fact]
    public void Different_facts_at_one_node_are_different_findings()
    {
        // The Action's Fn::If splits the statement in two; the condition key is the same node in both, and what is
        // wrong with it differs (it applies to neither action): two findings, each under its variant's condition.
        var yaml = Policy(
            "Action: !If [IsA, s3:GetObject, sqs:SendMessage]",
            "Resource: \"arn:aws:s3:::b/*\"",
            "Condition:",
            "  StringEquals: {\"ec2:Region\": us-east-1}");
        Assert.Equal(
            [
                "17:30 'ec2:Region' applies to none of the statement's actions (s3:GetObject): it is never present, so the clause is never true and the statement grants nothing when condition IsA holds.",
                "17:30 'ec2:Region' applies to none of the statement's actions (sqs:SendMessage): it is never present, so the clause is never true and the statement grants nothing when condition IsA is false.",
            ],
            Findings(yaml, "IAM004"));
    }

    [Fact]
    public void Actions_a_sam_policy_template_generates_from_one_text_count_by_their_own_text()
    {
        // CodeCommitCrudPolicy lists codecommit:GetBranch and codecommit:GetCommit twice: every generated action has the
        // span of the policy template's name, and each repetition is its own finding (as on SAM's translation).
        const string yaml = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  InlineCode: "def handler(event, context): pass"
                  Policies:
                    - CodeCommitCrudPolicy: {RepositoryName: repo}
            """;
        Assert.Equal(
            [
                "10:11 'codecommit:GetBranch' in Action is already covered by 'codecommit:GetBranch' in the same statement.",
                "10:11 'codecommit:GetCommit' in Action is already covered by 'codecommit:GetCommit' in the same statement.",
            ],
            Findings(yaml, "IAM010"));
    }
}
