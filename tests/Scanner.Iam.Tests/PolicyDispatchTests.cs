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
        var rules = BuiltInRules.All.Where(r => r.SupportedDescriptors.Any(d => d.Kind == RuleKind.Trust)).ToArray();
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
    public void Neutralized_org_condition_is_reported_by_the_clause_rule_and_the_open_principal_by_its_own_rule()
    {
        var rules = BuiltInRules.All.Where(r => r.SupportedDescriptors.Any(d => d.Kind == RuleKind.Trust)).ToArray();
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
        Assert.Equal([("TRUST001", 9, SecuritySeverity.Critical), ("TRUST019", 11, SecuritySeverity.High)], findings.Select(f => (f.RuleId, f.Span.StartLine, f.Severity)));
        Assert.Contains("so that condition restricts nothing", findings[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("StringEquals", "")]
    [InlineData("\"ForAllValues:StringEquals\"", "TRUST019")]
    [InlineData("StringEqualsIfExists", "TRUST020")]
    [InlineData("StringLike", "TRUST021")]
    public void Org_restricted_wildcard_is_clean_and_weakened_forms_leave_the_principal_open(string op, string expected)
    {
        var rules = BuiltInRules.All.Where(r => r.SupportedDescriptors.Any(d => d.Kind == RuleKind.Trust)).ToArray();
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
        if (expected.Length == 0)
        {
            Assert.Empty(findings);
            return;
        }

        // The clause rule reports the clause at its own severity; TRUST001 the wildcard principal it leaves open.
        Assert.Equal([("TRUST001", 9, SecuritySeverity.Critical), (expected, 11, SecuritySeverity.High)], findings.Select(f => (f.RuleId, f.Span.StartLine, f.Severity)));
    }

    [Fact]
    public void Unresolvable_principal_is_reported_as_unverifiable()
    {
        var rules = BuiltInRules.All.Where(r => r.SupportedDescriptors.Any(d => d.Kind == RuleKind.Trust)).ToArray();
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
