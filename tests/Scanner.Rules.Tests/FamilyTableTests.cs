using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Syntax;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Iam;
using Scanner.Rules.Common;
using Scanner.Rules.Ec2;

namespace Scanner.Rules.Tests;

/// <summary>The rule families defined as tables: their rows, and how one family class checks every row.</summary>
public class FamilyTableTests
{
    [Fact]
    public void Every_provider_row_is_a_rule_with_its_row_s_descriptor_and_one_id()
    {
        IRuleProvider[] providers = [new SettingRules(), new PlaintextSecretRules(), new SecurityGroupTrafficRules(), new Iam.PolicyStatementRules(), new Iam.RoleManagedPolicyRules()];
        var rules = providers.SelectMany(p => p.Rules).ToList();

        Assert.Equal(SettingRules.Table.Count + PlaintextSecretRules.Table.Count + 7 + Iam.PolicyStatementRules.Table.Count + Iam.RoleManagedPolicyRules.Table.Count, rules.Count);
        Assert.Equal(rules.Count, rules.Select(r => r.SupportedDescriptors.Single().Id).Distinct().Count());
        Assert.All(SettingRules.Table, row => Assert.Contains(row.ResourceType, row.Describe().ResourceTypes));
        Assert.All(SettingRules.Table, row => Assert.Equal(row.Requirement == Must.NotBe, row.Value is not null));
        Assert.All(SettingRules.Table, row => Assert.Equal(RuleKind.CfnNag, row.Describe().Kind));
    }

    [Fact]
    public void A_required_boolean_is_reported_at_the_type_when_absent_and_at_the_value_when_false()
    {
        var findings = Scan(
            "F32",
            """
            Resources:
              Missing:
                Type: AWS::EFS::FileSystem
              Off:
                Type: AWS::EFS::FileSystem
                Properties:
                  Encrypted: false
              On:
                Type: AWS::EFS::FileSystem
                Properties:
                  Encrypted: true
            """);

        Assert.Collection(
            findings.OrderBy(f => f.Span.StartLine),
            f => Assert.Equal((3, "Resources/Missing/Type"), (f.Span.StartLine, f.Path)),
            f => Assert.Equal((7, "Resources/Off/Properties/Encrypted"), (f.Span.StartLine, f.Path)));
        Assert.Contains("is not set", findings.OrderBy(f => f.Span.StartLine).First().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_boolean_names_the_parameter_default_that_turns_it_off()
    {
        var findings = Scan(
            "W83",
            """
            Parameters:
              Encrypt:
                Type: String
                AllowedValues: ["true", "false"]
                Default: "false"
            Resources:
              Cache:
                Type: AWS::DAX::Cluster
                Properties:
                  SSESpecification:
                    SSEEnabled: !Ref Encrypt
            """);

        var finding = Assert.Single(findings);
        Assert.Contains("Encrypt", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_s_applicability_keeps_keys_that_cannot_rotate_out()
    {
        var findings = Scan(
            "F19",
            """
            Resources:
              Symmetric:
                Type: AWS::KMS::Key
                Properties:
                  KeyPolicy: {}
              Signing:
                Type: AWS::KMS::Key
                Properties:
                  KeySpec: RSA_2048
                  KeyUsage: SIGN_VERIFY
                  KeyPolicy: {}
            """);

        Assert.Equal("Resources/Symmetric/Type", Assert.Single(findings).Path);
    }

    [Fact]
    public void A_required_property_accepts_any_value_and_reports_its_removal()
    {
        var findings = Scan(
            "W84",
            """
            Conditions:
              Never: !Equals [a, b]
            Resources:
              Unknown:
                Type: AWS::Logs::LogGroup
                Properties:
                  KmsKeyId: !GetAtt Key.Arn
              Removed:
                Type: AWS::Logs::LogGroup
                Properties:
                  KmsKeyId: !If [Never, arn:aws:kms:eu-west-1:111122223333:key/x, !Ref AWS::NoValue]
            """);

        var finding = Assert.Single(findings);
        Assert.StartsWith("Resources/Removed/", finding.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Forbidden_flags_and_values_are_reported_where_they_hold()
    {
        const string Template = """
            Resources:
              Job:
                Type: AWS::Batch::JobDefinition
                Properties:
                  Type: container
                  ContainerProperties:
                    Privileged: "true"
              Quiet:
                Type: AWS::Batch::JobDefinition
                Properties:
                  Type: container
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  AccessControl: " PublicRead "
              Private:
                Type: AWS::S3::Bucket
                Properties:
                  AccessControl: Private
            """;

        Assert.Equal("Resources/Job/Properties/ContainerProperties/Privileged", Assert.Single(Scan("W34", Template)).Path);
        Assert.Equal("Resources/Bucket/Properties/AccessControl", Assert.Single(Scan("W31", Template)).Path);
        Assert.Empty(Scan("F14", Template));
    }

    [Fact]
    public void A_list_that_must_stay_empty_is_reported_at_its_key_where_it_names_someone()
    {
        const string Template = """
            Conditions:
              Direct: !Equals [!Ref AWS::Region, eu-west-1]
            Resources:
              Named:
                Type: AWS::IAM::Policy
                Properties:
                  PolicyName: p
                  PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
                  Users: !If [Direct, [alice], !Ref AWS::NoValue]
              Empty:
                Type: AWS::IAM::Policy
                Properties:
                  PolicyName: q
                  PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
                  Users: []
                  Groups: [admins]
            """;

        var finding = Assert.Single(Scan("F11", Template));
        Assert.Equal((9, 7), (finding.Span.StartLine, finding.Span.StartColumn)); // the Users key
        Assert.Equal("Named", finding.LogicalId);
        Assert.Contains("Direct", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Managed_policy_rows_match_policy_names_in_any_partition()
    {
        const string Template = """
            Resources:
              Admin:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
                  ManagedPolicyArns:
                    - !Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess
                    - arn:aws-us-gov:iam::aws:policy/IAMFullAccess
                    - arn:aws:iam::111122223333:policy/AdministratorAccess
            """;

        Assert.Equal(7, Assert.Single(Scan("W43", Template)).Span.StartLine);
        Assert.Equal(8, Assert.Single(Scan("W44", Template)).Span.StartLine);
    }

    [Fact]
    public void Security_group_rows_check_their_own_direction()
    {
        const string Template = """
            Resources:
              Group:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: g
                  SecurityGroupIngress:
                    - {IpProtocol: "-1", CidrIp: 10.0.0.0/8}
                  SecurityGroupEgress:
                    - {IpProtocol: "-1", CidrIp: 127.0.0.1/32}
              Standalone:
                Type: AWS::EC2::SecurityGroupEgress
                Properties:
                  GroupId: sg-12345678
                  IpProtocol: tcp
                  FromPort: 1024
                  ToPort: 65535
                  CidrIp: 0.0.0.0/0
            """;

        Assert.Equal(7, Assert.Single(Scan("W42", Template)).Span.StartLine);
        Assert.Empty(Scan("W40", Template)); // -1 to loopback is the way to block egress
        Assert.Equal("Resources/Standalone/Properties/CidrIp", Assert.Single(Scan("W5", Template)).Path);
        Assert.Empty(Scan("W2", Template));
        Assert.Single(Scan("W29", Template));
        Assert.Empty(Scan("W27", Template));
        Assert.Equal(7, Assert.Single(Scan("W9", Template)).Span.StartLine);
    }

    private static List<Finding> Scan(string id, string template)
    {
        var registry = RuleRegistry.Build(BuiltInRules.All.Where(r => r.SupportedDescriptors.Any(d => d.Id == id)));
        var analysis = new TemplateAnalyzer(registry, null, [PolicyWalkExtension.Instance]).Analyze(TemplateParser.Parse("t.yaml", template), "t.yaml");
        return [.. analysis.Findings.Where(f => f.RuleId == id)];
    }
}
