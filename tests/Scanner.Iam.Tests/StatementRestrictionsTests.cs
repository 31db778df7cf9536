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
        var prod = statements.Single(s => s.Branch == "IsProd");
        var other = statements.Single(s => s.Branch == "!IsProd");
        Assert.True(prod.Restrictions.RestrictsIdentity);
        Assert.False(other.Restrictions.RestrictsIdentity);
        Assert.Empty(other.Clauses);
    }
}
