using Scanner.CloudFormation.Syntax;

namespace Scanner.Guard.Tests;

/// <summary>The cfn-guard 3.1.1 behaviours listed in guard-language.md (verified there against the binary).</summary>
public sealed class GuardSemanticsTests
{
    private static Dictionary<string, GuardStatus> Eval(string rules, string data, GuardDataMode mode = GuardDataMode.Validate, GuardOptions? options = null)
    {
        var file = GuardParser.Parse("t.guard", rules);
        var tree = TemplateParser.Parse("d.yaml", data);
        var result = GuardEvaluator.Evaluate(file, GuardData.FromTree(tree, mode), options);
        return result.Rules.GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.First().Status);
    }

    private static GuardStatus One(string clause, string data) => Eval($"rule r {{\n  {clause}\n}}\n", data)["r"];

    [Theory]
    [InlineData("A == 1", "A: 1", GuardStatus.Pass)]
    [InlineData("not A == 1", "A: 1", GuardStatus.Pass)] // a clause-level not is ignored for binary operators
    [InlineData("Missing != 1", "A: 1", GuardStatus.Fail)] // unresolved fails every binary operator
    [InlineData("A != \"1\"", "A: 1", GuardStatus.Fail)] // not comparable fails even for !=
    [InlineData("A == 1.0", "A: 1", GuardStatus.Fail)] // int never equals float
    [InlineData("A in \"x80y\"", "A: \"80\"", GuardStatus.Pass)] // string IN string is a substring test
    [InlineData("L in [\"a\", \"b\", \"c\"]", "L: [a, b]", GuardStatus.Pass)] // list IN list is a subset test
    [InlineData("L == \"a\"", "L: [a, a]", GuardStatus.Pass)] // list == scalar compares each element
    [InlineData("L[-1] == \"b\"", "L: [a, b, c]", GuardStatus.Pass)] // a negative index takes abs(N)
    [InlineData("Properties.bucket_name == \"x\"", "Properties: { BucketName: x }", GuardStatus.Pass)] // key case fallback
    [InlineData("M.\"80\" exists", "M: { \"80\": x }", GuardStatus.Fail)] // numeric keys are indexes
    [InlineData("M[*] is_struct", "M: { a: 1 }", GuardStatus.Pass)] // [*] on a map is the map itself
    [InlineData("L[*] exists", "L: []", GuardStatus.Fail)] // [*] over an empty list is unresolved
    [InlineData("L[ this == 9 ] empty", "L: [1, 2]", GuardStatus.Pass)] // empty on a filter counts results
    [InlineData("L[ this == 9 ] == 1", "L: [1, 2]", GuardStatus.Skip)] // an empty result set skips
    [InlineData("some L[*] == 2", "L: [1, 2]", GuardStatus.Pass)]
    [InlineData("L[*] == 2", "L: [1, 2]", GuardStatus.Fail)]
    [InlineData("S == /^ab+c$/", "S: abbbc", GuardStatus.Pass)]
    [InlineData("S == /b/", "S: abc", GuardStatus.Pass)] // regexes search, unanchored
    [InlineData("N > 3", "N: 5", GuardStatus.Pass)]
    [InlineData("N in r[1, 5]", "N: 5", GuardStatus.Pass)]
    [InlineData("N in r[1, 5)", "N: 5", GuardStatus.Fail)]
    [InlineData("Missing !is_string", "A: 1", GuardStatus.Pass)]
    [InlineData("A exists or B exists C exists", "A: 1\nC: 1", GuardStatus.Pass)]
    [InlineData("A exists or B exists C exists", "A: 1", GuardStatus.Fail)] // juxtaposition is AND, even on one line
    public void Clause_semantics(string clause, string data, GuardStatus expected) => Assert.Equal(expected, One(clause, data));

    [Fact]
    public void A_reference_to_a_skipped_rule_fails_but_a_when_dependency_skips()
    {
        const string rules = """
            rule a when Missing exists { A == 1 }
            rule b {
              a
            }
            rule c when a { A == 1 }
            rule d {
              !a
            }
            """;
        var s = Eval(rules, "A: 1");
        Assert.Equal(GuardStatus.Skip, s["a"]);
        Assert.Equal(GuardStatus.Fail, s["b"]);
        Assert.Equal(GuardStatus.Skip, s["c"]);
        Assert.Equal(GuardStatus.Pass, s["d"]);
    }

    [Fact]
    public void Duplicate_rule_names_are_all_evaluated_and_the_first_non_skip_status_counts_for_dependencies()
    {
        const string rules = """
            rule x when Missing exists { A == 1 }
            rule x { A == 2 }
            rule y when x { A == 1 }
            """;
        var file = GuardParser.Parse("t.guard", rules);
        var result = GuardEvaluator.Evaluate(file, GuardData.FromTree(TemplateParser.Parse("d.yaml", "A: 1")));
        Assert.Equal([GuardStatus.Skip, GuardStatus.Fail, GuardStatus.Skip], result.Rules.Select(r => r.Status));
    }

    [Fact]
    public void Parameterized_rules_run_against_the_callers_root()
    {
        const string rules = """
            rule allowed(values) {
              %values in ["a", "b"]
            }
            AWS::X::Y {
              allowed(Properties.V)
            }
            """;
        var data = "Resources:\n  R1: { Type: AWS::X::Y, Properties: { V: a } }\n  R2: { Type: AWS::X::Y, Properties: { V: z } }\n";
        Assert.Equal(GuardStatus.Fail, Eval(rules, data)["default"]);
        Assert.Equal(GuardStatus.Pass, Eval(rules, "Resources:\n  R1: { Type: AWS::X::Y, Properties: { V: b } }\n")["default"]);
    }

    [Fact]
    public void A_type_block_without_resources_is_an_error()
    {
        Assert.Throws<GuardEvaluationException>(() => Eval("AWS::S3::Bucket { Properties exists }", "A: 1"));
    }

    [Fact]
    public void Keys_filters_and_interpolation_select_by_key()
    {
        const string rules = """
            let names = Resources[ keys == /^Bucket/ ]
            let ids = ["BucketA"]
            rule k {
              %names.Type == "AWS::S3::Bucket"
              Resources.%ids.Type == "AWS::S3::Bucket"
            }
            """;
        var data = "Resources:\n  BucketA: { Type: AWS::S3::Bucket }\n  BucketB: { Type: AWS::S3::Bucket }\n  Queue: { Type: AWS::SQS::Queue }\n";
        Assert.Equal(GuardStatus.Pass, Eval(rules, data)["k"]);
    }

    [Fact]
    public void Let_some_drops_unresolved_values()
    {
        const string rules = """
            let all = Resources.*.Properties.Name
            let any = some Resources.*.Properties.Name
            rule with_all { %all == "n" }
            rule with_some { %any == "n" }
            """;
        var data = "Resources:\n  A: { Properties: { Name: n } }\n  B: { Properties: {} }\n";
        var s = Eval(rules, data);
        Assert.Equal(GuardStatus.Fail, s["with_all"]);
        Assert.Equal(GuardStatus.Pass, s["with_some"]);
    }

    [Fact]
    public void Query_rhs_not_equal_is_the_3_1_1_bug_unless_3_2_is_asked_for()
    {
        const string rules = "rule r { A.N != B.N }";
        Assert.Equal(GuardStatus.Fail, Eval(rules, "A: { N: 5 }\nB: { N: 7 }")["r"]);
        Assert.Equal(GuardStatus.Pass, Eval(rules, "A: { N: 5 }\nB: { N: 7 }", options: new GuardOptions { Guard32 = true })["r"]);
    }

    [Fact]
    public void Validate_and_test_loaders_type_scalars_differently()
    {
        Assert.Equal(GuardStatus.Fail, Eval("rule r { A == true }", "A: True")["r"]);
        Assert.Equal(GuardStatus.Pass, Eval("rule r { A == true }", "A: True", GuardDataMode.Test)["r"]);
        Assert.Equal(GuardStatus.Fail, Eval("rule r { A == true }", "A: yes")["r"]);
        Assert.Equal(GuardStatus.Pass, Eval("rule r { A == true }", "A: yes", GuardDataMode.Validate32)["r"]);
    }

    [Fact]
    public void Short_form_intrinsics_look_like_their_long_form_and_getatt_stays_a_string()
    {
        const string rules = """
            rule r {
              Resources.B.Properties.Role.Ref == "MyRole"
              Resources.B.Properties.Arn."Fn::GetAtt" == "MyRole.Arn"
            }
            """;
        Assert.Equal(GuardStatus.Pass, Eval(rules, "Resources:\n  B:\n    Properties:\n      Role: !Ref MyRole\n      Arn: !GetAtt MyRole.Arn\n")["r"]);
    }

    [Fact]
    public void Functions_follow_3_1_1()
    {
        const string rules = """
            let n = count(Resources.*)
            let up = to_upper(Resources.A.Name)
            let joined = join(Resources.A.List[*], ",")
            let part = regex_replace(Resources.A.Arn, "role", "ROLE")
            let sub = substring(Resources.A.Name, 0, 2)
            let parsed = json_parse(Resources.A.Json)
            rule f {
              %n == 1
              %up == "ABC"
              %joined == "x,y"
              %part == "ROLE"
              %sub == "ab"
              %parsed.k == 1
            }
            """;
        var data = "Resources:\n  A:\n    Name: abc\n    List: [x, y]\n    Arn: 'arn:aws:iam::1:role/MyRole'\n    Json: '{\"k\": 1}'\n";
        Assert.Equal(GuardStatus.Pass, Eval(rules, data)["f"]);
    }

    [Theory]
    [InlineData("rule r {\n  A ==\n}\n", 3, 1)]
    [InlineData("rule r {\n  A exists\n", 3, 1)]
    [InlineData("let x = 'unterminated\n", 1, 9)]
    [InlineData("rule r { A == /(/ }", 1, 15)]
    public void Parse_errors_carry_line_and_column(string text, int line, int column)
    {
        var ex = Assert.Throws<GuardParseException>(() => GuardParser.Parse("bad.guard", text));
        Assert.Equal(new GuardPosition(line, column), ex.Position);
        Assert.StartsWith($"bad.guard:{line}:{column}:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_nesting_and_recursion_are_errors_not_crashes()
    {
        var deep = "let x = " + new string('[', 5000) + new string(']', 5000);
        Assert.Throws<GuardParseException>(() => GuardParser.Parse("deep.guard", deep));
        Assert.Throws<GuardEvaluationException>(() => Eval("rule loop(x) {\n  loop(%x)\n}\nrule r {\n  loop(1)\n}\n", "A: 1"));
    }

    [Fact]
    public void Catastrophic_regexes_finish_quickly()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(GuardRegex.IsMatch("^(a+)+$", new string('a', 5000) + "!"));
        Assert.True(GuardRegex.IsMatch("(?<![A-Z0-9])[A-Z0-9]{20}(?![A-Z0-9])", "key AKIAIOSFODNN7EXAMPLE here"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3));
    }
}
