using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.Iam.Tests;

public sealed class PolicyReaderTests
{
    internal static (Template Template, IReadOnlyList<PolicyDocument> Documents, string Text) Load(string text, string logicalId = "Role", EvaluationSettings? settings = null)
    {
        var tree = TemplateParser.Parse(text.TrimStart().StartsWith('{') ? "t.json" : "t.yaml", text);
        var template = Template.Load(tree, [])!;
        var evaluator = new TemplateEvaluator(template, settings);
        var docs = PolicyLocator.Locate(template, evaluator, template.GetResource(logicalId)!);
        return (template, docs, text);
    }

    private static string At(string text, Scanner.CloudFormation.Syntax.SyntaxNode node, int length) =>
        text.Substring(node.Span.Start, Math.Min(length, text.Length - node.Span.Start));

    [Fact]
    public void Object_trust_policy_is_typed()
    {
        var (_, docs, _) = Load("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Sid: Ci
                        Effect: Allow
                        Principal:
                          AWS: [!Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root", "999988887777", "arn:aws:iam::111122223333:role/path/Deployer"]
                          Service: ec2.amazonaws.com
                          Federated: arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com
                        Action: sts:AssumeRole
                        Condition:
                          StringEqualsIfExists: {"aws:PrincipalOrgID": o-a1b2c3d4e5}
                  Policies:
                    - PolicyName: p
                      PolicyDocument: {Version: "2012-10-17", Statement: {Effect: Allow, Action: "*", Resource: "*"}}
            """);
        Assert.Equal(2, docs.Count);
        var trust = docs[0];
        Assert.Equal(PolicyKind.Trust, trust.Kind);
        Assert.Equal("AssumeRolePolicyDocument", trust.PropertyPath);
        var s = Assert.Single(trust.Statements);
        Assert.Equal("Ci", s.Sid);
        Assert.Equal(PolicyEffect.Allow, s.Effect);
        var p = s.Principals;
        Assert.Equal(PrincipalKind.Account, p[0].Kind);
        Assert.Equal(AccountOwnership.Own, p[0].Account!.Ownership);
        Assert.Equal("${AWS::Partition}", p[0].Partition);
        Assert.Equal(PrincipalKind.Account, p[1].Kind);
        Assert.Equal(AccountOwnership.Literal, p[1].Account!.Ownership);
        Assert.Equal(PrincipalKind.IamRole, p[2].Kind);
        Assert.Equal("path/Deployer", p[2].Name);
        Assert.Equal(PrincipalKind.Service, p[3].Kind);
        Assert.Equal(PrincipalKind.OidcProvider, p[4].Kind);
        Assert.Equal("token.actions.githubusercontent.com", p[4].Issuer);
        var clause = Assert.Single(s.Clauses);
        Assert.True(clause.Operator.IfExists);
        Assert.Equal(ConditionFamily.String, clause.Operator.Family);
        Assert.False(s.Restrictions.RestrictsIdentity);
        Assert.Equal(ClauseWeakness.IfExists, Assert.Single(s.Restrictions.Neutralized).Weakness);

        var identity = docs[1];
        Assert.Equal(PolicyKind.Identity, identity.Kind);
        Assert.Equal("Policies/0/PolicyDocument", identity.PropertyPath);
        Assert.Equal("p", identity.PolicyName);
        Assert.True(Assert.Single(identity.Statements).Action!.HasStar);
    }

    [Fact]
    public void Json_string_document_has_spans_inside_the_string()
    {
        var text = """
            {
              "Resources": {
                "Role": {
                  "Type": "AWS::IAM::Role",
                  "Properties": {
                    "AssumeRolePolicyDocument": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"}]}"
                  }
                }
              }
            }
            """;
        var (_, docs, _) = Load(text);
        var doc = Assert.Single(docs);
        Assert.Equal(PolicyEncoding.JsonString, doc.Encoding);
        var principal = Assert.Single(Assert.Single(doc.Statements).Principals);
        Assert.True(principal.IsEveryone);
        // The node of the value "*" starts at the escaped quote before the star inside the template string.
        Assert.Equal("\\\"*\\\"", At(text, principal.Value.Node, 5));
        Assert.Contains("Statement/0/Principal/AWS", principal.Value.Node.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Literal_block_json_string_maps_exactly()
    {
        var text = """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: |
                    {
                      "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]
                    }
            """;
        var (_, docs, _) = Load(text);
        var principal = Assert.Single(Assert.Single(Assert.Single(docs).Statements).Principals);
        Assert.Equal(PrincipalKind.Service, principal.Kind);
        Assert.Equal("\"lambda.amazonaws.com\"", At(text, principal.Value.Node, 22));
        Assert.Contains(Assert.Single(docs).Problems, p => p.Code == PolicyProblemCode.MissingVersion);
    }

    [Fact]
    public void Sub_string_resolves_dynamic_condition_keys_and_own_account()
    {
        var text = """
            Parameters:
              Issuer:
                Type: String
                Default: oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE0123
              Other:
                Type: String
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: !Sub |
                    {
                      "Version": "2012-10-17",
                      "Statement": [{
                        "Effect": "Allow",
                        "Principal": {"Federated": "arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/${Issuer}", "AWS": "arn:aws:iam::${Other}:root"},
                        "Action": "sts:AssumeRoleWithWebIdentity",
                        "Condition": {"StringEquals": {"${Issuer}:sub": "system:serviceaccount:payments:api"}}
                      }]
                    }
            """;
        var (_, docs, _) = Load(text);
        var doc = Assert.Single(docs);
        Assert.Equal(PolicyEncoding.SubString, doc.Encoding);
        Assert.Empty(doc.Problems);
        var s = Assert.Single(doc.Statements);
        var oidc = s.Principals.Single(p => p.Kind == PrincipalKind.OidcProvider);
        Assert.Equal("oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE0123", oidc.Issuer);
        Assert.Equal(AccountOwnership.Own, oidc.Account!.Ownership);
        var other = s.Principals.Single(p => p.Type == PrincipalType.Aws);
        Assert.Equal(AccountOwnership.Unknown, other.Account!.Ownership);
        var clause = Assert.Single(s.Clauses);
        Assert.Equal("oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE0123:sub", clause.Key);
        Assert.True(s.Restrictions.IsRestricted("oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE0123:sub"));
        Assert.Equal("\"${Issuer}:sub\"", At(text, clause.KeyNode, 15));
    }

    [Fact]
    public void Join_string_is_parsed()
    {
        var text = """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: !Join
                    - ""
                    - - '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::'
                      - !Ref AWS::AccountId
                      - ':root"}, "Action": "sts:AssumeRole"}]}'
            """;
        var (_, docs, _) = Load(text);
        var doc = Assert.Single(docs);
        Assert.Equal(PolicyEncoding.JoinString, doc.Encoding);
        var p = Assert.Single(Assert.Single(doc.Statements).Principals);
        Assert.Equal(PrincipalKind.Account, p.Kind);
        Assert.True(p.Account!.IsOwnAccount);
    }

    [Fact]
    public void Undecided_if_gives_a_document_per_branch_and_statement_variants()
    {
        var text = """
            Parameters:
              Env: {Type: String}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - !If
                        - IsProd
                        - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
                        - !Ref AWS::NoValue
                      - Effect: Allow
                        Principal: !If [IsProd, {AWS: "999988887777"}, "*"]
                        Action: sts:AssumeRole
            """;
        var (_, docs, _) = Load(text);
        var statements = Assert.Single(docs).Statements;
        Assert.Equal(3, statements.Count);
        Assert.Equal("when condition IsProd holds", statements[0].Scenario.Describe());
        Assert.Equal(["when condition IsProd holds", "when condition IsProd is false"], statements.Skip(1).Select(s => s.Scenario.Describe()));
        Assert.True(statements[2].Principal!.HasEveryone);
    }

    [Fact]
    public void Principal_typing_covers_the_special_forms()
    {
        var text = """
            Resources:
              Provider:
                Type: AWS::IAM::OIDCProvider
                Properties: {Url: https://token.actions.githubusercontent.com, ClientIdList: [sts.amazonaws.com]}
              Other:
                Type: AWS::IAM::Role
                Properties: {AssumeRolePolicyDocument: {Statement: []}}
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal:
                          AWS: [!GetAtt Other.Arn, !Ref Other, "arn:aws:sts::111122223333:assumed-role/R/S", "arn:aws:iam::111122223333:group/G", "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E1"]
                          Federated: [!Ref Provider, cognito-identity.amazonaws.com, "arn:aws:iam::111122223333:saml-provider/Okta", bogus]
                          Service: "*.amazonaws.com"
                        Action: sts:AssumeRole
            """;
        var (_, docs, _) = Load(text);
        var p = Assert.Single(Assert.Single(docs).Statements).Principals;
        Assert.Equal(
            [PrincipalKind.IamRole, PrincipalKind.Malformed, PrincipalKind.AssumedRoleSession, PrincipalKind.IamGroup, PrincipalKind.CloudFrontOriginAccessIdentity,
             PrincipalKind.OidcProvider, PrincipalKind.WebIdentityProvider, PrincipalKind.SamlProvider, PrincipalKind.Malformed, PrincipalKind.Malformed],
            p.Select(x => x.Kind));
        Assert.Equal("Other", p[0].TemplateResource);
        Assert.Equal("token.actions.githubusercontent.com", p[5].Issuer);
        Assert.True(p[9].HasPartialWildcard);
    }

    [Fact]
    public void Invalid_json_string_is_a_problem_not_an_exception()
    {
        var (_, docs, _) = Load("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: '{"Statement": [ {"Effect": "Allow",, } ]}'
            """);
        var doc = Assert.Single(docs);
        Assert.Empty(doc.Statements);
        Assert.Contains(doc.Problems, p => p.Code == PolicyProblemCode.InvalidJson);
    }

    [Fact]
    public void Locator_finds_resource_policies_sam_policies_and_lambda_permissions()
    {
        var text = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: a.b
                  CodeUri: .
                  AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
                  Policies:
                    - AWSLambdaBasicExecutionRole
                    - S3ReadPolicy: {BucketName: b}
                    - Version: "2012-10-17"
                      Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]
              Perm:
                Type: AWS::Lambda::Permission
                Properties:
                  FunctionName: !Ref Fn
                  Action: lambda:InvokeFunction
                  Principal: s3.amazonaws.com
                  SourceAccount: !Ref AWS::AccountId
              Key:
                Type: AWS::KMS::Key
                Properties:
                  KeyPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {AWS: "*"}, Action: "kms:*", Resource: "*"}]}
            """;
        var fn = Load(text, "FnRole").Documents; // the SAM transform puts the function's policies on its generated execution role
        Assert.Equal([PolicyKind.Trust, PolicyKind.Identity, PolicyKind.Identity], fn.Select(d => d.Kind));
        Assert.Equal("Policies/0/PolicyDocument", fn[1].PropertyPath); // generated role: the S3ReadPolicy template expanded first
        Assert.Equal(true, fn[1].Statements[0].CoversAction("s3:GetObject"));
        Assert.Equal("Policies/1/PolicyDocument", fn[2].PropertyPath); // then the document written in Policies
        var perm = Assert.Single(Load(text, "Perm").Documents);
        Assert.Equal(PolicyEncoding.Synthesized, perm.Encoding);
        var s = Assert.Single(perm.Statements);
        Assert.Equal(PrincipalKind.Service, Assert.Single(s.Principals).Kind);
        Assert.True(s.Restrictions.IsRestricted(ConditionKeys.SourceAccount));
        Assert.Equal(true, s.CoversAction("lambda:InvokeFunction"));
        var key = Assert.Single(Load(text, "Key").Documents);
        Assert.Equal(PolicyKind.Resource, key.Kind);
        Assert.Equal(true, Assert.Single(key.Statements).CoversAction("kms:Decrypt"));
    }

    [Theory]
    [InlineData("ForAllValues:StringNotLikeIfExists", ConditionFamily.String, SetQualifier.ForAllValues, true, true, true)]
    [InlineData("ArnLike", ConditionFamily.Arn, SetQualifier.None, false, true, false)]
    [InlineData("NullIfExists", ConditionFamily.Unknown, SetQualifier.None, false, false, true)]
    [InlineData("BoolIfExists", ConditionFamily.Bool, SetQualifier.None, false, false, true)]
    public void Condition_operators_are_parsed(string text, ConditionFamily family, SetQualifier qualifier, bool negated, bool like, bool ifExists)
    {
        var op = ConditionOperator.Parse(text);
        Assert.Equal(family, op.Family);
        if (family != ConditionFamily.Unknown)
        {
            Assert.Equal(qualifier, op.Qualifier);
            Assert.Equal(negated, op.IsNegated);
            Assert.Equal(like, op.IsLike);
        }

        Assert.Equal(ifExists, op.IfExists);
    }

    [Theory]
    [InlineData("repo:acme*", SubjectBreadth.AnyOwner)]
    [InlineData("*", SubjectBreadth.AnyOwner)]
    [InlineData("repo:*", SubjectBreadth.AnyOwner)]
    [InlineData("environment:*", SubjectBreadth.NotRepositoryScoped)]
    [InlineData("repo:acme/*", SubjectBreadth.AnyRepositoryOfOwner)]
    [InlineData("repo:acme/deploy:*", SubjectBreadth.AnyRefOfRepository)]
    [InlineData("repo:acme/deploy:ref:refs/heads/main", SubjectBreadth.Specific)]
    public void Oidc_subjects_are_tiered(string pattern, SubjectBreadth breadth) =>
        Assert.Equal(breadth, OidcSubject.Classify(pattern, isLike: true));
}

public sealed class PolicyLengthTests
{
    [Fact]
    public void Object_length_estimate_matches_the_compact_json_of_the_same_document()
    {
        var json = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""";
        var asString = PolicyReaderTests.Load("Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: '" + json + "'\n").Documents.Single();
        var asObject = PolicyReaderTests.Load("Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: " + json + "\n").Documents.Single();
        Assert.Equal(PolicyEncoding.JsonString, asString.Encoding);
        Assert.Equal(PolicyEncoding.Object, asObject.Encoding);
        Assert.Equal(json.Length, asString.TextLength);
        Assert.Equal(json.Length, asObject.TextLength);
    }
}

public sealed class SamLocatorTests
{
    [Fact]
    public void Globals_trust_applies_to_functions_without_their_own_or_a_role()
    {
        var text = """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: "sts:*"}]}
            Resources:
              Plain:
                Type: AWS::Serverless::Function
                Properties: {Runtime: python3.12, Handler: a.b, InlineCode: x}
              WithRole:
                Type: AWS::Serverless::Function
                Properties: {Runtime: python3.12, Handler: a.b, InlineCode: x, Role: arn:aws:iam::111122223333:role/R, AssumeRolePolicyDocument: {Statement: []}, Policies: [{Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}]}
            """;
        // The SAM transform gives Plain an execution role whose trust policy is the one written in Globals.
        var plain = Assert.Single(PolicyReaderTests.Load(text, "PlainRole").Documents);
        Assert.Equal(PolicyKind.Trust, plain.Kind);
        Assert.Equal("AssumeRolePolicyDocument", plain.PropertyPath);
        Assert.Equal("Globals/Function/AssumeRolePolicyDocument", plain.Node.Path);
        Assert.Empty(PolicyReaderTests.Load(text, "Plain").Documents);

        // A function with its own Role gets no generated role, so its SAM-only policy properties apply to nothing.
        Assert.Empty(PolicyReaderTests.Load(text, "WithRole").Documents);
    }
}

public sealed class SynthesizedPolicyTests
{
    [Fact]
    public void Legacy_event_bus_policy_becomes_one_statement()
    {
        var text = """
            Resources:
              BusPolicy:
                Type: AWS::Events::EventBusPolicy
                Properties:
                  StatementId: s
                  Action: events:PutEvents
                  Principal: "*"
                  Condition: {Type: StringEquals, Key: aws:PrincipalOrgID, Value: o-a1b2c3d4e5}
            """;
        var doc = PolicyReaderTests.Load(text, "BusPolicy").Documents.Single();
        var s = doc.Statements.Single();
        Assert.True(s.Principal!.HasEveryone);
        Assert.True(s.Restrictions.RestrictsIdentity);
        Assert.Equal(true, s.CoversAction("events:PutEvents"));
    }
}

public sealed class SamApiPolicyTests
{
    [Fact]
    public void Sam_api_custom_statements_form_a_resource_policy()
    {
        var text = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
                  Auth:
                    ResourcePolicy:
                      CustomStatements:
                        - {Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: "execute-api:/*"}
                        - {Effect: Deny, Principal: "*", Action: execute-api:Invoke, Resource: "execute-api:/*", Condition: {NotIpAddress: {aws:SourceIp: 203.0.113.0/24}}}
            """;
        // The SAM transform writes the custom statements into the generated RestApi's Policy.
        var (template, documents, _) = PolicyReaderTests.Load(text, "Api");
        Assert.Equal("AWS::ApiGateway::RestApi", template.GetResource("Api")!.Type);
        var doc = documents.Single();
        Assert.Equal(PolicyKind.Resource, doc.Kind);
        Assert.Equal("Resources/Api/Properties/Auth/ResourcePolicy/CustomStatements", doc.Statements[0].Node.Path[..^2]);
        Assert.Equal([PolicyEffect.Allow, PolicyEffect.Deny], doc.Statements.Select(s => s.Effect));
        Assert.Equal([0, 1], doc.Statements.Select(s => s.Index));
    }
}
