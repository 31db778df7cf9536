using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;
using Scanner.CloudFormation.Syntax;

namespace Scanner.CloudFormation.Tests;

public sealed class EvaluatorTests
{
    private const string Template = """
        Parameters:
          Env: {Type: String, Default: dev}
          NoDefault: {Type: String}
          Subnets: {Type: CommaDelimitedList, Default: "a, b"}
        Mappings:
          Sizes:
            dev: {Count: "1"}
            prod: {Count: "3"}
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          IsDev: !Not [!Condition IsProd]
          Unknowable: !Equals [!Ref NoDefault, x]
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              Ref: !Ref Env
              RefNoDefault: !Ref NoDefault
              Account: !Ref AWS::AccountId
              NoValue: !Ref AWS::NoValue
              Resource: !Ref Bucket
              Sub: !Sub "arn:${AWS::Partition}:s3:::${Env}-${Bucket.Arn}/*"
              SubVars: !Sub ["${A}-${B}", {A: x, B: !Ref Env}]
              SubEscape: !Sub "${!Literal}-${Env}"
              Join: !Join [":", [a, !Ref Env, c]]
              JoinUnknown: !Join ["", ["arn:aws:iam::", !Ref AWS::AccountId, ":root"]]
              Select: !Select [1, !Ref Subnets]
              Split: !Split [",", "x,y,z"]
              FindInMap: !FindInMap [Sizes, !Ref Env, Count]
              Base64: !Base64 "hello"
              IfDecided: !If [IsProd, big, small]
              IfUndecided: !If [Unknowable, yes-branch, no-branch]
              GetAtt: !GetAtt Bucket.Arn
              Import: !ImportValue Shared
              Azs: !GetAZs ""
              List: [a, !Ref AWS::NoValue, b]
        """;

    private static (TemplateEvaluator Evaluator, Resource Bucket) Load(EvaluationSettings? settings = null)
    {
        var tree = TemplateParser.Parse("t.yaml", Template);
        Assert.Empty(tree.Diagnostics);
        var template = Model.Template.Load(tree, [])!;
        return (new TemplateEvaluator(template, settings), template.GetResource("Bucket")!);
    }

    private static Value Eval(string property, EvaluationSettings? settings = null)
    {
        var (evaluator, bucket) = Load(settings);
        return evaluator.Evaluate(bucket.Property(property));
    }

    [Fact]
    public void Ref_uses_given_value_then_default_then_stays_symbolic()
    {
        Assert.Equal("dev", Eval("Ref").AsString);
        var given = new EvaluationSettings { ParameterValues = new Dictionary<string, string> { ["Env"] = "prod" } };
        Assert.Equal("prod", Eval("Ref", given).AsString);
        var symbolic = Assert.IsType<SymbolicValue>(Eval("RefNoDefault"));
        Assert.Equal(SymbolKind.Parameter, symbolic.Kind);
        Assert.Equal(Certainty.Unknown, symbolic.Certainty);
    }

    [Fact]
    public void Pseudo_parameters_are_symbolic_unless_given()
    {
        Assert.Equal(SymbolKind.PseudoParameter, Assert.IsType<SymbolicValue>(Eval("Account")).Kind);
        var given = new EvaluationSettings { PseudoParameterValues = new Dictionary<string, string> { ["AWS::AccountId"] = "111122223333" } };
        Assert.Equal("111122223333", Eval("Account", given).AsString);
        Assert.IsType<NoValue>(Eval("NoValue"));
        Assert.Equal(SymbolKind.ResourceRef, Assert.IsType<SymbolicValue>(Eval("Resource")).Kind);
    }

    [Fact]
    public void Sub_resolves_known_parts_and_keeps_unknown_parts_symbolic()
    {
        var sub = Assert.IsType<CompositeValue>(Eval("Sub"));
        Assert.Equal("arn:", sub.KnownPrefix);
        Assert.Equal("arn:${AWS::Partition}:s3:::dev-${Bucket.Arn}/*", sub.Display);
        Assert.Equal("x-dev", Eval("SubVars").AsString);
        Assert.Equal("${Literal}-dev", Eval("SubEscape").AsString);
    }

    [Fact]
    public void Join_select_split_findinmap_base64()
    {
        Assert.Equal("a:dev:c", Eval("Join").AsString);
        Assert.Equal("arn:aws:iam::${AWS::AccountId}:root", Eval("JoinUnknown").Display);
        Assert.Equal("b", Eval("Select").AsString);
        Assert.Equal(["x", "y", "z"], Eval("Split").AsList!.Select(v => v.AsString));
        Assert.Equal("1", Eval("FindInMap").AsString);
        var prod = new EvaluationSettings { ParameterValues = new Dictionary<string, string> { ["Env"] = "prod" } };
        Assert.Equal("3", Eval("FindInMap", prod).AsString);
        Assert.Equal("hello", Eval("Base64").AsString);
    }

    [Fact]
    public void If_is_decided_when_the_condition_can_be_and_keeps_both_branches_otherwise()
    {
        var deployment = new EvaluationSettings { DefaultsAreValues = true };
        Assert.Equal("small", Eval("IfDecided", deployment).AsString);
        Assert.IsType<ConditionalValue>(Eval("IfDecided"));
        var forced = new EvaluationSettings { ConditionValues = new Dictionary<string, bool> { ["IsProd"] = true } };
        Assert.Equal("big", Eval("IfDecided", forced).AsString);
        var both = Assert.IsType<ConditionalValue>(Eval("IfUndecided"));
        Assert.Equal("Unknowable", both.Condition);
        Assert.Equal("yes-branch", both.WhenTrue.AsString);
        Assert.Equal("no-branch", both.WhenFalse.AsString);
    }

    [Fact]
    public void Conditions_evaluate_three_valued_and_defaults_do_not_decide_them()
    {
        var (evaluator, _) = Load();
        Assert.Null(evaluator.EvaluateCondition("IsProd"));
        Assert.Null(evaluator.EvaluateCondition("IsDev"));
        Assert.Null(evaluator.EvaluateCondition("Unknowable"));
        Assert.Null(evaluator.EvaluateCondition("Undeclared"));

        var prod = new EvaluationSettings { ParameterValues = new Dictionary<string, string> { ["Env"] = "prod" } };
        (evaluator, _) = Load(prod);
        Assert.True(evaluator.EvaluateCondition("IsProd"));
        Assert.False(evaluator.EvaluateCondition("IsDev"));

        // A values file describes one deployment: parameters it does not list keep their Default.
        var deployment = new EvaluationSettings { DefaultsAreValues = true };
        (evaluator, _) = Load(deployment);
        Assert.False(evaluator.EvaluateCondition("IsProd"));
        Assert.True(evaluator.EvaluateCondition("IsDev"));
    }

    [Fact]
    public void Symbolic_functions_and_novalue_in_lists()
    {
        Assert.Equal(SymbolKind.GetAtt, Assert.IsType<SymbolicValue>(Eval("GetAtt")).Kind);
        Assert.Equal(SymbolKind.ImportValue, Assert.IsType<SymbolicValue>(Eval("Import")).Kind);
        Assert.Equal(SymbolKind.GetAZs, Assert.IsType<SymbolicValue>(Eval("Azs")).Kind);
        Assert.Equal(["a", "b"], Eval("List").AsList!.Select(v => v.AsString));
    }

    [Fact]
    public void Circular_conditions_are_undecided_not_a_crash()
    {
        var tree = TemplateParser.Parse("c.yaml", "Conditions:\n  A: !Condition B\n  B: !Condition A\nResources: {}\n");
        var template = Model.Template.Load(tree, [])!;
        Assert.Null(new TemplateEvaluator(template).EvaluateCondition("A"));
    }
}
