using Scanner.Core.Configuration;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Core.Text;

namespace Scanner.Core.Tests;

public sealed class EngineTests
{
    private sealed class Recorder(string id, params string[] keys) : Rule
    {
        public List<string> Seen { get; } = [];

        public override RuleDescriptor Descriptor { get; } = RuleDescriptor.Create(id, "Test rule " + id, "Something happened.", RuleLevel.Warning, SecuritySeverity.Low, "Test");

        public override void Initialize(RuleRegistrationContext context) => context.Register<string>(keys, s =>
        {
            if (s == "boom")
            {
                throw new InvalidOperationException("boom");
            }

            Seen.Add(s);
        });
    }

    [Fact]
    public void Dispatch_matches_exact_keys_prefix_wildcards_and_star()
    {
        var exact = new Recorder("T1", "AWS::S3::Bucket");
        var prefix = new Recorder("T2", "AWS::IAM::*");
        var all = new Recorder("T3", "*");
        var registry = RuleRegistry.Build([exact, prefix, all]);
        foreach (var key in new[] { "AWS::S3::Bucket", "AWS::IAM::Role", "AWS::SQS::Queue" })
        {
            registry.Dispatch(key, key, (_, _) => { });
        }

        Assert.Equal(["AWS::S3::Bucket"], exact.Seen);
        Assert.Equal(["AWS::IAM::Role"], prefix.Seen);
        Assert.Equal(3, all.Seen.Count);
    }

    [Fact]
    public void A_throwing_rule_is_reported_and_the_others_still_run()
    {
        var failing = new Recorder("T1", "*");
        var other = new Recorder("T2", "*");
        var registry = RuleRegistry.Build([failing, other]);
        var errors = new List<string>();
        registry.Dispatch("k", "boom", (a, ex) => errors.Add(a.RuleName + ":" + ex.Message));
        Assert.Equal(["T1:boom", "T2:boom"], errors);
    }

    [Fact]
    public void Profile_deny_list_and_default_off_rules_select_what_runs()
    {
        var on = new Recorder("T1", "*");
        var denied = new Recorder("T2", "*");
        var registry = RuleRegistry.Build([on, denied], new RuleSelection(null, new HashSet<string> { "T2" }));
        Assert.True(registry.IsEnabled("T1"));
        Assert.False(registry.IsEnabled("T2"));
        Assert.False(registry.HasActions<int>());

        var offByDefault = RuleDescriptor.Create("T9", "Off", "Off.", RuleLevel.Warning, SecuritySeverity.Low, "Test", enabledByDefault: false);
        Assert.False(RuleSelection.Default.IsEnabled(offByDefault));
        Assert.True(new RuleSelection(new HashSet<string> { "T9" }, null).IsEnabled(offByDefault));
        Assert.False(new RuleSelection(new HashSet<string> { "T9" }, new HashSet<string> { "T9" }).IsEnabled(offByDefault));
    }

    [Fact]
    public void Descriptor_factory_rejects_malformed_descriptors()
    {
        Assert.Throws<ArgumentException>(() => RuleDescriptor.Create("bad id", "T", "M.", RuleLevel.Warning, SecuritySeverity.Low, "C"));
        Assert.Throws<ArgumentException>(() => RuleDescriptor.Create("W1", "Ends with period.", "M.", RuleLevel.Warning, SecuritySeverity.Low, "C"));
        Assert.Throws<ArgumentException>(() => RuleDescriptor.Create("W1", "T", "no period", RuleLevel.Warning, SecuritySeverity.Low, "C"));
        Assert.Null(RuleDescriptor.Create("W1", "T", "M {0}.", RuleLevel.Warning, SecuritySeverity.Low, "C").HelpUri);
    }

    [Fact]
    public void Findings_sort_by_file_line_column_rule()
    {
        Finding F(string file, int line, int col, string rule) => new()
        {
            RuleId = rule,
            Kind = RuleKind.CfnNag,
            Level = RuleLevel.Warning,
            Severity = SecuritySeverity.Low,
            Message = "m",
            FilePath = file,
            Span = new SourceSpan(line, col, line, col + 1),
        };
        var list = new List<Finding> { F("b", 1, 1, "W1"), F("a", 2, 1, "W1"), F("a", 1, 5, "W2"), F("a", 1, 5, "F1"), F("a", 1, 2, "W9") };
        list.Sort(Finding.Order);
        Assert.Equal(["a:1:2:W9", "a:1:5:F1", "a:1:5:W2", "a:2:1:W1", "b:1:1:W1"], list.Select(f => $"{f.FilePath}:{f.Span.StartLine}:{f.Span.StartColumn}:{f.RuleId}"));
    }

    [Fact]
    public void Source_text_maps_offsets_to_lines_and_columns()
    {
        var text = new SourceText("x", "ab\ncd\r\nef");
        Assert.Equal((1, 1), text.GetPosition(0));
        Assert.Equal((2, 2), text.GetPosition(4));
        Assert.Equal((3, 1), text.GetPosition(7));
        Assert.Equal(7, text.GetOffset(3, 1));
        Assert.Equal("cd", text.GetLine(2));
    }

    [Fact]
    public void Rule_arguments_parse_pairs_and_reject_malformed_ones()
    {
        var args = RuleArguments.Parse(["spcm_threshold=30", "a=1,b=2"], out var error);
        Assert.Null(error);
        Assert.Equal(30, args.GetInt("spcm_threshold", 25));
        Assert.Equal("2", args.Get("b"));
        RuleArguments.Parse(["nonsense"], out error);
        Assert.NotNull(error);
    }

    [Fact]
    public void Rule_argument_lists_keep_their_commas()
    {
        var args = RuleArguments.Parse(["iam_extra_actions=svc:A,svc:B,x=1", "trusted-accounts=111122223333"], out var error);
        Assert.Null(error);
        Assert.Equal("svc:A,svc:B", args.Get("iam_extra_actions"));
        Assert.Equal("1", args.Get("x"));
        Assert.Equal("111122223333", args.Get("trusted-accounts"));
    }
}
