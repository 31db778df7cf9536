using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Rules;

namespace Scanner.Iam.Tests;

public sealed class PolicyDispatchTests
{
    private const string Template = """
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: {AWS: "arn:aws:iam::999988887777:root"}
                    Action: sts:AssumeRole
              Policies:
                - PolicyName: inline
                  PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]}
          BucketPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: b
              PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*"}]}
        """;

    private static IReadOnlyList<Finding> Analyze(string text, IEnumerable<IRule> rules, RuleArguments? arguments = null, EvaluationSettings? settings = null)
    {
        var registry = RuleRegistry.Build(rules, RuleSelection.Default, arguments);
        var analyzer = new TemplateAnalyzer(registry, settings, [PolicyWalkExtension.Instance]);
        return analyzer.Analyze(TemplateParser.Parse("t.yaml", text), "t.yaml").Findings;
    }

    [Fact]
    public void Actions_receive_the_documents_of_their_kinds_and_types()
    {
        var probe = new ProbeRule();
        Analyze(Template, [probe]);
        Assert.Equal(["Trust:Role:AssumeRolePolicyDocument", "Identity:Role:Policies/0/PolicyDocument", "Resource:BucketPolicy:PolicyDocument"], probe.AllKinds);
        Assert.Equal(["BucketPolicy"], probe.BucketPolicies);
    }

    [Fact]
    public void Third_party_trust_fires_until_the_account_is_trusted()
    {
        var rules = BuiltInRules.All.Where(r => r.SupportedDescriptors.Any(d => d.Id.StartsWith("TRUST", StringComparison.Ordinal))).ToArray();
        var untrusted = Analyze(Template, rules);
        var finding = Assert.Single(untrusted, f => f.RuleId == "TRUST006");
        Assert.Equal(9, finding.Span.StartLine);
        Assert.DoesNotContain(untrusted, f => f.RuleId == "TRUST005");

        var trusted = Analyze(Template, rules, new RuleArguments(new Dictionary<string, string> { ["trusted-accounts"] = "111122223333;999988887777" }));
        Assert.DoesNotContain(trusted, f => f.RuleId == "TRUST006");
        Assert.Contains(trusted, f => f.RuleId == "TRUST005" && f.Message.Contains("999988887777 (trusted)", StringComparison.Ordinal));
    }

    [Fact]
    public void Own_account_given_as_pseudo_parameter_value_is_recognized()
    {
        var rules = BuiltInRules.All.Where(r => r.SupportedDescriptors.Any(d => d.Id is "TRUST005" or "TRUST006")).ToArray();
        var settings = new EvaluationSettings { PseudoParameterValues = new Dictionary<string, string> { ["AWS::AccountId"] = "999988887777" } };
        var findings = Analyze(Template, rules, settings: settings);
        Assert.Equal(["TRUST005"], findings.Select(f => f.RuleId));
        Assert.Contains("of this stack", Assert.Single(findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Neutralized_org_condition_is_reported_once_at_the_severity_it_defeats()
    {
        var rules = BuiltInRules.All.Where(r => r.SupportedDescriptors.Any(d => d.Id.StartsWith("TRUST", StringComparison.Ordinal))).ToArray();
        var findings = Analyze("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {AWS: "*"}
                        Action: sts:AssumeRole
                        Condition: {"ForAllValues:StringEquals": {"aws:PrincipalOrgID": o-a1b2c3d4e5}}
            """, rules);
        var finding = Assert.Single(findings);
        Assert.Equal("TRUST019", finding.RuleId);
        Assert.Equal(SecuritySeverity.Critical, finding.Severity);
        Assert.Equal(11, finding.Span.StartLine);
    }

    [Theory]
    [InlineData("StringEquals", "")]
    [InlineData("\"ForAllValues:StringEquals\"", "TRUST019")]
    [InlineData("StringEqualsIfExists", "TRUST020")]
    [InlineData("StringLike", "TRUST021")]
    public void Org_restricted_wildcard_is_clean_and_weakened_forms_are_explained_once(string op, string expected)
    {
        var rules = BuiltInRules.All.Where(r => r.SupportedDescriptors.Any(d => d.Id.StartsWith("TRUST", StringComparison.Ordinal))).ToArray();
        var value = expected == "TRUST021" ? "\"o-*\"" : "o-a1b2c3d4e5";
        var condition = "{" + op + ": {\"aws:PrincipalOrgID\": " + value + "}}";
        var findings = Analyze($$"""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {AWS: "*"}
                        Action: sts:AssumeRole
                        Condition: {{condition}}
            """, rules);
        Assert.Equal(expected.Length == 0 ? [] : [expected], findings.Select(f => f.RuleId));
        if (expected.Length > 0)
        {
            // Raised to the severity of TRUST001, which the clause was meant to satisfy.
            Assert.Equal(SecuritySeverity.Critical, findings[0].Severity);
            Assert.Equal(11, findings[0].Span.StartLine);
        }
    }

    [Fact]
    public void Unresolvable_principal_is_reported_as_unverifiable()
    {
        var rules = BuiltInRules.All.Where(r => r.SupportedDescriptors.Any(d => d.Id.StartsWith("TRUST", StringComparison.Ordinal))).ToArray();
        var findings = Analyze("""
            Parameters:
              Who: {Type: String}
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {AWS: !Ref Who}
                        Action: sts:AssumeRole
            """, rules);
        var finding = Assert.Single(findings);
        Assert.Equal("TRUST006", finding.RuleId);
        Assert.Contains("unverifiable", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Policies_are_not_read_when_no_rule_asks_for_them()
    {
        var registry = RuleRegistry.Build([new ProbeRule()], new RuleSelection(new HashSet<string> { "NONE" }, null));
        Assert.False(registry.HasActions<PolicyContext>());
        var findings = new TemplateAnalyzer(registry, null, [PolicyWalkExtension.Instance]).Analyze(TemplateParser.Parse("t.yaml", Template), "t.yaml").Findings;
        Assert.Empty(findings);
    }

    private sealed class ProbeRule : Rule
    {
        private static readonly RuleDescriptor Probe = RuleDescriptor.Create("PROBE1", "Probe", "Probe.", RuleLevel.Warning, SecuritySeverity.Low, "Test");

        public List<string> AllKinds { get; } = [];

        public List<string> BucketPolicies { get; } = [];

        public override RuleDescriptor Descriptor => Probe;

        public override void Initialize(RuleRegistrationContext context)
        {
            context.RegisterPolicyAction(p => AllKinds.Add($"{p.Kind}:{p.Resource.LogicalId}:{p.Document.PropertyPath}"));
            context.RegisterPolicyAction(p => BucketPolicies.Add(p.Resource.LogicalId), PolicyKind.Resource, "AWS::S3::*");
        }
    }
}
