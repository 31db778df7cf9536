using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Iam.Permissions;

namespace Scanner.Iam.Tests;

public sealed class PermissionAnalysisTests
{
    private const string Template = """
        Resources:
          AppRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
              ManagedPolicyArns: [!Ref Shared, "arn:aws:iam::aws:policy/ReadOnlyAccess"]
              PermissionsBoundary: !Ref Boundary
              Policies:
                - PolicyName: inline
                  PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: ["iam:*", "s3:GetObject"], Resource: "*"}, {Effect: Deny, Action: iam:PutRolePolicy, Resource: "*"}]}
          Shared:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "sqs:SendMessage", Resource: "*"}]}
          Boundary:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: ["iam:*", "sqs:*"], Resource: "*"}]}
          Team:
            Type: AWS::IAM::Group
          Bob:
            Type: AWS::IAM::User
          Membership:
            Type: AWS::IAM::UserToGroupAddition
            Properties:
              GroupName: !Ref Team
              Users: [!Ref Bob]
          TeamPolicy:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: team
              Groups: [!Ref Team]
              PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "dynamodb:Query", Resource: "*"}]}
          Orphan:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "ec2:*", Resource: "arn:aws:ec2:*:*:instance/*"}]}
        """;

    private static readonly ActionCatalog Actions = ActionCatalog.For(null);

    private static T Probe<T>(string text, Func<TemplateContext, T> inspect)
    {
        var probe = new ProbeRule<T>(inspect);
        var registry = RuleRegistry.Build([probe], RuleSelection.Default);
        new TemplateAnalyzer(registry, null, [PolicyWalkExtension.Instance]).Analyze(TemplateParser.Parse("t.yaml", text), "t.yaml");
        return probe.Result!;
    }

    private static IamAction Action(string name) => Actions.Lookup(name).Actions.Single();

    [Fact]
    public void Holders_take_every_policy_attached_to_a_principal()
    {
        var holders = Probe(Template, c => PermissionHolders.Of(c).ToDictionary(h => h.Resource.LogicalId, h => h.Documents.Select(d => d.Owner.LogicalId + "/" + d.PropertyPath).ToArray()));
        Assert.Equal(["AppRole/Policies/0/PolicyDocument", "Shared/PolicyDocument"], holders["AppRole"]);
        Assert.Equal(["TeamPolicy/PolicyDocument"], holders["Team"]);
        Assert.Equal(["TeamPolicy/PolicyDocument"], holders["Bob"]);
        Assert.Equal(["Orphan/PolicyDocument"], holders["Orphan"]);
        Assert.False(holders.ContainsKey("Shared"));
        Assert.False(holders.ContainsKey("Boundary"));
    }

    [Fact]
    public void Unconditional_denies_subtract_and_boundaries_intersect()
    {
        var result = Probe(Template, c =>
        {
            var analysis = PermissionAnalysis.For(c, Actions);
            var role = PermissionHolders.Of(c).Single(h => h.Resource.LogicalId == "AppRole");
            var allow = role.Documents[0].Statements[0];
            return (
                AttachAllowed: analysis.IsEffective(allow, Action("iam:AttachRolePolicy")),
                PutDenied: analysis.IsEffective(allow, Action("iam:PutRolePolicy")),
                GetObjectOutsideBoundary: analysis.IsEffective(allow, Action("s3:GetObject")),
                Scope: analysis.ScopeOf(allow));
        });
        Assert.True(result.AttachAllowed);
        Assert.False(result.PutDenied);
        Assert.False(result.GetObjectOutsideBoundary);
        Assert.Equal(ResourceScope.Any, result.Scope);
    }

    [Theory]
    [InlineData("\"*\"", ResourceScope.Any)]
    [InlineData("arn:aws:iam::*:role/*", ResourceScope.Broad)]
    [InlineData("arn:aws:s3:::*/*", ResourceScope.Broad)]
    [InlineData("arn:aws:logs:*:*:*", ResourceScope.Broad)]
    [InlineData("arn:aws:iam::111122223333:role/service-role/*", ResourceScope.Specific)]
    [InlineData("arn:aws:s3:::reports/*", ResourceScope.Specific)]
    [InlineData("!Ref Target", ResourceScope.Unknown)]
    public void Resource_scopes_tell_every_resource_from_every_resource_of_a_type(string resource, ResourceScope scope)
    {
        var text = $$"""
            Parameters:
              Target: {Type: String}
            Resources:
              P:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: {{resource}}}]}
            """;
        Assert.Equal(scope, Probe(text, c => PermissionAnalysis.For(c, Actions).ScopeOf(c.Policies().Single().Statements.Single())));
    }

    [Fact]
    public void Not_action_grants_every_action_but_the_listed_ones()
    {
        const string text = """
            Resources:
              P:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, NotAction: ["iam:*", "s3:*"], Resource: "*"}]}
            """;
        var granted = Probe(text, c => PermissionAnalysis.For(c, Actions).ActionsOf(c.Policies().Single().Statements.Single()).Select(g => g.Action.FullName).ToHashSet());
        Assert.Contains("sqs:SendMessage", granted);
        Assert.DoesNotContain("iam:PassRole", granted);
        Assert.DoesNotContain("s3:GetObject", granted);
        Assert.Equal(Actions.All.Count(a => a.Service.Prefix is not ("iam" or "s3")), granted.Count);
    }

    private sealed class ProbeRule<T>(Func<TemplateContext, T> inspect) : Rule
    {
        private static readonly RuleDescriptor Probe = RuleDescriptor.Create("PROBE", "Probe", "Probe.", RuleLevel.Warning, SecuritySeverity.Low, "Test");

        public T? Result { get; private set; }

        public override RuleDescriptor Descriptor => Probe;

        public override void Initialize(RuleRegistrationContext context)
        {
            context.RegisterPolicyAction(_ => { });
            context.RegisterTemplateAction(c => Result = inspect(c));
        }
    }
}
