using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Tests;

public sealed class ScenarioTests
{
    private const string Conditions = """
        Parameters:
          Env: {Type: String, Default: prod}
          Size: {Type: String, AllowedValues: [small, large], Default: small}
          Free: {Type: String}
        Mappings:
          Regions:
            eu-west-1: {Ami: ami-1}
        Conditions:
          IsDev: !Equals [!Ref Env, dev]
          IsProd: !Equals [prod, !Ref Env]
          IsTest: !Equals [!Ref Env, test]
          NotDev: !Not [!Condition IsDev]
          DevOrTest: !Or [!Condition IsDev, !Condition IsTest]
          IsLarge: !Equals [!Ref Size, large]
          IsMedium: !Equals [!Ref Size, medium]
          IsUsEast: !Equals [!Ref AWS::Region, us-east-1]
          IsEuWest: !Equals [!Ref AWS::Region, eu-west-1]
          Tautology: !Or [!Condition IsDev, !Condition NotDev]
          HasFree: !Not [!Equals [!Ref Free, ""]]
        Resources:
          R: {Type: AWS::SNS::Topic}
        """;

    private static TemplateEvaluator Load(string text = Conditions, EvaluationSettings? settings = null)
    {
        var tree = TemplateParser.Parse("s.yaml", text);
        Assert.Empty(tree.Diagnostics);
        return new TemplateEvaluator(Template.Load(tree, [])!, settings);
    }

    [Fact]
    public void Contradictions_are_semantic_not_only_syntactic()
    {
        var e = Load();
        var dev = e.Assume(Scenario.Always, "IsDev", true)!;
        Assert.NotNull(dev);
        Assert.Null(e.Assume(dev, "IsProd", true));
        Assert.Null(e.Assume(dev, "IsDev", false));
        Assert.Null(e.Assume(dev, "NotDev", true));
        Assert.NotNull(e.Assume(dev, "IsProd", false));
        Assert.Equal(true, e.EvaluateCondition("DevOrTest", dev));
        Assert.Equal(false, e.EvaluateCondition("IsTest", dev));

        // Not prod and not dev is possible (any other value), as is neither test nor dev.
        var notProd = e.Assume(Scenario.Always, "IsProd", false)!;
        Assert.NotNull(e.Assume(notProd, "IsDev", false));
        Assert.NotNull(e.Assume(notProd, "DevOrTest", false));
    }

    [Fact]
    public void Allowed_values_bound_the_domain_and_pseudo_parameters_are_variables()
    {
        var e = Load();
        Assert.Null(e.Assume(Scenario.Always, "IsMedium", true));
        Assert.Equal(false, e.EvaluateCondition("IsMedium"));
        Assert.Null(e.EvaluateCondition("IsLarge"));
        var east = e.Assume(Scenario.Always, "IsUsEast", true)!;
        Assert.Null(e.Assume(east, "IsEuWest", true));
        Assert.Equal(true, e.EvaluateCondition("Tautology"));
    }

    [Fact]
    public void Given_values_and_condition_values_decide()
    {
        var e = Load(settings: new EvaluationSettings { ParameterValues = new Dictionary<string, string> { ["Env"] = "dev" } });
        Assert.Equal(true, e.EvaluateCondition("IsDev"));
        Assert.Null(e.Assume(Scenario.Always, "IsDev", false));
        var forced = Load(settings: new EvaluationSettings { ConditionValues = new Dictionary<string, bool> { ["IsProd"] = true } });
        Assert.Equal(true, forced.EvaluateCondition("IsProd"));
    }

    [Fact]
    public void Parameter_possibilities_are_default_allowed_values_or_any_value()
    {
        var e = Load();
        var env = e.Possibilities("Env", Scenario.Always);
        Assert.Equal(2, env.Count);
        Assert.Equal(new ParameterPin("Env", "prod", PinSource.Default), env[0].PinOf("Env"));
        Assert.True(env[1].PinOf("Env")!.Value.IsOther);

        var size = e.Possibilities("Size", Scenario.Always);
        Assert.Equal(["small", "large"], size.Select(s => s.PinOf("Size")!.Value.Value));
        Assert.Equal(PinSource.Default, size[0].PinOf("Size")!.Value.Source);

        // Under IsDev, Env can only be dev: the compared literal is forced.
        var dev = e.Possibilities("Env", e.Assume(Scenario.Always, "IsDev", true)!);
        Assert.Equal(new ParameterPin("Env", "dev", PinSource.Forced), Assert.Single(dev).PinOf("Env"));
    }

    [Fact]
    public void Scenarios_describe_themselves_for_messages()
    {
        var e = Load();
        var s = e.Assume(e.Assume(Scenario.Always, "IsDev", true)!, "IsLarge", false)!;
        Assert.Equal("when condition IsDev holds and condition IsLarge is false", s.Describe());
        Assert.Equal("Log group does not set KmsKeyId when condition IsDev holds and condition IsLarge is false.", s.AppendTo("Log group does not set KmsKeyId."));
        var pinned = s.With(new ParameterPin("Env", "dev", PinSource.Forced))!;
        Assert.Equal("when condition IsDev holds, condition IsLarge is false and parameter Env is dev", pinned.Describe());
        Assert.Equal("when condition IsDev holds and condition IsLarge is false", pinned.Describe(except: "Env"));
        Assert.Equal(string.Empty, Scenario.Always.Describe());
        Assert.Equal(s, Scenario.Always.With("IsLarge", false)!.With("IsDev", true));
    }
}

public sealed class VariantTests
{
    private const string Template = """
        Parameters:
          SSHLocation: {Type: String, Default: 0.0.0.0/0}
          Env: {Type: String, Default: prod}
          Encrypt: {Type: String, AllowedValues: ["true", "false"], Default: "false"}
          Subnets: {Type: CommaDelimitedList, Default: "a,b"}
        Conditions:
          IsDev: !Equals [!Ref Env, dev]
          IsProd: !Equals [!Ref Env, prod]
          IsLarge: !Equals [!Ref AWS::Region, us-east-1]
        Resources:
          Whole:
            Type: AWS::Redshift::Cluster
            Properties: !If
              - IsLarge
              - {Encrypted: true, NodeType: big}
              - {Encrypted: true, NodeType: small}
          Nested:
            Type: AWS::EC2::SecurityGroup
            Properties:
              SecurityGroupIngress:
                - CidrIp: !Ref SSHLocation
                - !If [IsDev, {CidrIp: 10.0.0.0/8}, !Ref AWS::NoValue]
                - CidrIp: !If [IsDev, !If [IsProd, impossible, 1.1.1.1/32], 2.2.2.2/32]
              Encrypted: !Ref Encrypt
              Removed: !If [IsDev, !Ref AWS::NoValue, kept]
              Joined: !Sub "${Env}-bucket"
              Subnet: !Select [0, !Ref Subnets]
              Items: !Ref Subnets
              Unknown: !GetAtt Whole.Arn
        """;

    private static (TemplateEvaluator Evaluator, Template Template) Load(EvaluationSettings? settings = null)
    {
        var tree = TemplateParser.Parse("v.yaml", Template);
        Assert.Empty(tree.Diagnostics);
        var template = Model.Template.Load(tree, [])!;
        return (new TemplateEvaluator(template, settings), template);
    }

    private static IReadOnlyList<Variant> Variants(string resource, string path, EvaluationSettings? settings = null)
    {
        var (evaluator, template) = Load(settings);
        return evaluator.Variants(template.GetResource(resource)!.Attribute("Properties"), path, Scenario.Always);
    }

    [Fact]
    public void A_whole_properties_if_with_the_same_setting_in_both_branches_is_set_in_every_variant()
    {
        var variants = Variants("Whole", "Encrypted");
        Assert.Equal(2, variants.Count);
        Assert.All(variants, v => Assert.True(v.AsBoolean));
        Assert.Null(variants.FirstNotTrue());
        Assert.Equal("when condition IsLarge holds", variants[0].Scenario.Describe());
        Assert.Equal(["big", "small"], Variants("Whole", "NodeType").Select(v => v.AsString));
    }

    [Fact]
    public void A_parameter_default_is_a_variant_that_names_its_source()
    {
        var items = Variants("Nested", "SecurityGroupIngress.*.CidrIp");
        var open = items.FirstLiteral(c => c == "0.0.0.0/0")!;
        Assert.NotNull(open);
        Assert.Equal("0.0.0.0/0 (the default of parameter SSHLocation)", open.Display);
        Assert.Equal("SSHLocation", open.SourceParameter);
        Assert.IsType<IntrinsicNode>(open.Node);
        Assert.Contains(items, v => v.IsUnknown && v.Scenario.PinOf("SSHLocation")!.Value.IsOther);
    }

    [Fact]
    public void Ifs_inside_lists_fork_and_impossible_combinations_are_pruned()
    {
        var cidrs = Variants("Nested", "SecurityGroupIngress.*.CidrIp").Where(v => v.IsKnown).Select(v => (v.AsString, v.Scenario.Describe())).ToList();
        Assert.Contains(("10.0.0.0/8", "when condition IsDev holds"), cidrs);
        Assert.Contains(("1.1.1.1/32", "when condition IsDev holds"), cidrs);
        Assert.Contains(("2.2.2.2/32", "when condition IsDev is false"), cidrs);
        Assert.DoesNotContain(cidrs, c => c.AsString == "impossible");
    }

    [Fact]
    public void No_value_and_missing_properties_are_absent_variants()
    {
        var removed = Variants("Nested", "Removed");
        Assert.True(removed[0].IsRemoved);
        Assert.Equal("kept", removed[1].AsString);
        Assert.Equal("is removed with AWS::NoValue", removed.FirstAbsent()!.AbsentReason());
        var missing = Assert.Single(Variants("Nested", "NotThere.Deep"));
        Assert.True(missing.IsMissing);
        Assert.Equal("is not set", missing.NotTrueReason());
    }

    [Fact]
    public void Allowed_values_are_each_a_variant()
    {
        var encrypt = Variants("Nested", "Encrypted");
        Assert.Equal(["true", "false"], encrypt.Select(v => v.AsString));
        var off = encrypt.FirstNotTrue()!;
        Assert.Equal("is false (the default of parameter Encrypt)", off.NotTrueReason());
        var given = Variants("Nested", "Encrypted", new EvaluationSettings { ParameterValues = new Dictionary<string, string> { ["Encrypt"] = "true" } });
        Assert.Null(given.FirstNotTrue());
    }

    [Fact]
    public void Values_built_from_parameters_and_lists_from_list_parameters()
    {
        var joined = Variants("Nested", "Joined");
        Assert.Equal("prod-bucket", joined[0].AsString);
        Assert.Equal("when parameter Env is prod (its default)", joined[0].Scenario.Describe());
        Assert.True(joined[1].IsUnknown);
        Assert.Equal("a", Variants("Nested", "Subnet")[0].AsString);
        Assert.Equal(["a", "b"], Variants("Nested", "Items.*").Literals());
        Assert.True(Assert.Single(Variants("Nested", "Unknown")).IsUnknown);
        Assert.True(Assert.Single(Variants("Nested", "Unknown.Deeper")).IsUnknown);
    }

    [Fact]
    public void Variants_navigate_further_within_their_scenario()
    {
        var (evaluator, template) = Load();
        var rules = evaluator.Variants(template.GetResource("Nested")!.Attribute("Properties"), "SecurityGroupIngress.*", Scenario.Always);
        Assert.Equal(3, rules.Count);
        var devRule = rules[1];
        Assert.Equal("when condition IsDev holds", devRule.Scenario.Describe());
        Assert.Equal("10.0.0.0/8", Assert.Single(devRule.Variants("CidrIp")).AsString);
        var last = rules[2].Variants("CidrIp");
        Assert.Equal(2, last.Count);
    }

    [Fact]
    public void A_deployment_given_by_values_decides_everything()
    {
        var deployment = new EvaluationSettings { DefaultsAreValues = true, ParameterValues = new Dictionary<string, string> { ["Env"] = "dev" } };
        var cidrs = Variants("Nested", "SecurityGroupIngress.*.CidrIp", deployment);
        Assert.Equal(["0.0.0.0/0", "10.0.0.0/8", "1.1.1.1/32"], cidrs.Literals());
        Assert.All(cidrs, v => Assert.True(v.Scenario.IsAlways));
        Assert.Equal("0.0.0.0/0 (the default of parameter SSHLocation)", cidrs[0].Display);
    }
}
