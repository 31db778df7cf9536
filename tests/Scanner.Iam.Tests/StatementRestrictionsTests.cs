namespace Scanner.Iam.Tests;

public sealed class StatementRestrictionsTests
{
    private static StatementRestrictions RestrictionsOf(string condition)
    {
        var text = $$"""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: "*"
                        Action: sts:AssumeRole
                        Condition: {{condition}}
            """;
        return PolicyReaderTests.Load(text).Documents.Single().Statements.Single().Restrictions;
    }

    [Theory]
    [InlineData("""{StringEquals: {"aws:PrincipalOrgID": o-a1b2c3d4e5}}""", ClauseWeakness.None)]
    [InlineData("""{stringequals: {"aws:PrincipalOrgID": o-a1b2c3d4e5}}""", ClauseWeakness.UnknownOperator)]
    [InlineData("""{StringEquals: {"AWS:principalorgid": o-a1b2c3d4e5}}""", ClauseWeakness.None)]
    [InlineData("""{StringEqualsIfExists: {"aws:PrincipalOrgID": o-a1b2c3d4e5}}""", ClauseWeakness.IfExists)]
    [InlineData("""{"ForAllValues:StringEquals": {"aws:PrincipalOrgID": o-a1b2c3d4e5}}""", ClauseWeakness.ForAllValuesOnSingleValuedKey)]
    [InlineData("""{"ForAllValues:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*"}}""", ClauseWeakness.ForAllValuesWithoutNullCheck)]
    [InlineData("""{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*"}}""", ClauseWeakness.None)]
    [InlineData("""{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-*/*"}}""", ClauseWeakness.WildcardValue)]
    [InlineData("""{StringLike: {"aws:PrincipalOrgID": "o-*"}}""", ClauseWeakness.WildcardValue)]
    [InlineData("""{StringEquals: {"aws:PrincipalOrgID": "o-*"}}""", ClauseWeakness.None)]
    [InlineData("""{ArnLike: {"aws:PrincipalArn": "arn:aws:iam::*:role/X"}}""", ClauseWeakness.WildcardValue)]
    [InlineData("""{ArnLike: {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/*"}}""", ClauseWeakness.None)]
    [InlineData("""{StringNotEquals: {"aws:PrincipalOrgID": o-a1b2c3d4e5}}""", ClauseWeakness.NegatedOperator)]
    [InlineData("""{"Null": {"aws:PrincipalOrgID": "false"}}""", ClauseWeakness.ExistenceOnly)]
    [InlineData("""{StringEquals: {"sts:ExternalId": ""}}""", ClauseWeakness.EmptyValue)]
    public void Clauses_are_assessed(string condition, ClauseWeakness weakness)
    {
        var assessed = Assert.Single(RestrictionsOf(condition).Assessed);
        Assert.Equal(weakness, assessed.Weakness);
        Assert.Equal(weakness == ClauseWeakness.None, assessed.IsEffective);
        Assert.Equal(weakness == ClauseWeakness.None, assessed.Explanation.Length == 0);
    }

    [Fact]
    public void Null_check_makes_for_all_values_on_a_multi_valued_key_effective()
    {
        var r = RestrictionsOf("""{"ForAllValues:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*"}, "Null": {"aws:PrincipalOrgPaths": "false"}}""");
        Assert.True(r.RestrictsIdentity);
        Assert.True(r.IsRestricted("AWS:PRINCIPALORGPATHS"));
    }

    [Fact]
    public void Parameter_value_counts_but_is_unverifiable()
    {
        var text = """
            Parameters:
              Org: {Type: String}
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: "*"
                        Action: sts:AssumeRole
                        Condition: {StringEquals: {"aws:PrincipalOrgID": !Ref Org}}
            """;
        var r = PolicyReaderTests.Load(text).Documents.Single().Statements.Single().Restrictions;
        Assert.True(r.RestrictsIdentity);
        Assert.True(r.IsUnverifiable("aws:PrincipalOrgID"));
    }

    [Theory]
    [InlineData("""{StringEqualsIfExists: {"aws:PrincipalOrgID": o-a1b2c3d4e5}}""", false, 1)]
    [InlineData("""{StringEqualsIfExists: {"aws:PrincipalOrgID": o-a1b2c3d4e5}, IpAddress: {"aws:SourceIp": 203.0.113.0/24}}""", true, 1)]
    [InlineData("""{StringNotEquals: {"aws:PrincipalOrgID": o-a1b2c3d4e5}}""", true, 0)]
    [InlineData("""{StringLike: {"aws:PrincipalOrgID": "o-*"}, "Null": {"aws:PrincipalArn": "false"}}""", false, 2)]
    public void Neutralized_clauses_do_not_count_as_restricting(string condition, bool restricting, int neutralizedIdentityClauses)
    {
        var r = RestrictionsOf(condition);
        Assert.Equal(restricting, r.HasRestrictingClauses);
        Assert.All(r.Neutralized, a => Assert.True(a.IsNeutralized && !a.IsEffective));
        Assert.Equal(neutralizedIdentityClauses, r.NeutralizedFor(k => k.StartsWith("aws:Principal", StringComparison.OrdinalIgnoreCase)).Count());
    }

    [Theory]
    [InlineData("sts:SourceIdentity: \"${aws:username}\"", true)]
    [InlineData("sts:SourceIdentity: !Sub \"${!aws:username}\"", true)]
    [InlineData("sts:SourceIdentity: !Sub \"${AWS::StackName}-deployer\"", false)]
    [InlineData("""sts:SourceIdentity: alice""", false)]
    public void Policy_variables_are_told_apart_from_template_substitutions(string clause, bool usesVariables)
    {
        var text = $$"""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {AWS: "arn:aws:iam::111122223333:root"}
                        Action: [sts:AssumeRole, sts:SetSourceIdentity]
                        Condition:
                          StringEquals:
                            {{clause}}
            """;
        var document = PolicyReaderTests.Load(text).Documents.Single();
        Assert.Equal(usesVariables, document.UsesPolicyVariables);
        Assert.Contains(document.Problems, p => p.Code == PolicyProblemCode.MissingVersion);
    }

    [Theory]
    [InlineData("vpc-flow-logs.amazonaws.com", true, false)]
    [InlineData("scheduler.amazonaws.com.cn", true, false)]
    [InlineData("firehose.amazonaws.com", false, true)]
    [InlineData("lambda.amazonaws.com", false, false)]
    public void Service_principal_facts_name_their_sources(string service, bool sourceContext, bool externalId)
    {
        Assert.Equal(sourceContext, ServicePrincipalFacts.SendsSourceContextFor(service));
        Assert.Equal(externalId, ServicePrincipalFacts.SendsExternalIdFor(service));
        Assert.All(ServicePrincipalFacts.SendsSourceContext.Concat(ServicePrincipalFacts.SendsExternalId),
            f => Assert.StartsWith("https://docs.aws.amazon.com/", f.Source, StringComparison.Ordinal));
    }
}

public sealed class ConditionalClauseTests
{
    [Theory]
    [InlineData("Condition:\n  StringEquals:\n    aws:PrincipalOrgID: !If [IsProd, o-a1b2c3d4e5, !Ref AWS::NoValue]")]
    [InlineData("Condition:\n  StringEquals: !If [IsProd, {aws:PrincipalOrgID: o-a1b2c3d4e5}, !Ref AWS::NoValue]")]
    [InlineData("Condition: !If [IsProd, {StringEquals: {aws:PrincipalOrgID: o-a1b2c3d4e5}}, !Ref AWS::NoValue]")]
    public void A_clause_present_in_one_branch_only_does_not_restrict_the_other(string condition)
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
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: "*"
                        Action: sts:AssumeRole
            """ + "\n" + string.Join('\n', condition.Split('\n').Select(l => new string(' ', 12) + l)) + "\n";
        var statements = PolicyReaderTests.Load(text).Documents.Single().Statements;
        Assert.Equal(2, statements.Count);
        var prod = statements.Single(s => s.Scenario.ConditionValue("IsProd") == true);
        var other = statements.Single(s => s.Scenario.ConditionValue("IsProd") == false);
        Assert.True(prod.Restrictions.RestrictsIdentity);
        Assert.False(other.Restrictions.RestrictsIdentity);
        Assert.Empty(other.Clauses);
    }
}
