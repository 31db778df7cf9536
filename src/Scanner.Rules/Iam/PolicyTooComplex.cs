using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;
using Scanner.Iam;

namespace Scanner.Rules.Iam;

/// <summary>
/// W76: an IAM policy (a standalone policy, or one inline policy of a role) whose complexity metric reaches the
/// threshold. The threshold is the rule argument <c>spcm_threshold</c> (default 25).
/// </summary>
public sealed class PolicyTooComplex : Rule
{
    public const string ThresholdArgument = "spcm_threshold";

    public const int DefaultThreshold = 25;

    public static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "W76",
        "IAM policy document is too complex to review",
        "IAM policy document has a complexity score (SPCM) of {0}, at or above the threshold of {1}.",
        RuleLevel.Warning,
        SecuritySeverity.Low,
        "IAM",
        "Stelligent's policy complexity metric adds up statements, Deny and Not* elements, services mixed in one statement and conditions. A high score means reviewers are likely to misread what the policy allows.",
        "Split the policy into smaller statements, one service per statement, and drop conditions that do not restrict anything. Raise the threshold with --rule-arguments spcm_threshold=N if the policy is intentionally complex.",
        resourceTypes: ["AWS::IAM::Policy", "AWS::IAM::Role"],
        kind: RuleKind.CfnNag,
        arguments: [new RuleArgument(ThresholdArgument, RuleArgumentKind.Integer, "Complexity score at which a policy is reported.") { DefaultValue = "25" }]);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistrationContext context)
    {
        var threshold = context.Arguments.GetInt(ThresholdArgument, DefaultThreshold);
        context.RegisterPolicyAction(c => Analyze(c, threshold), PolicyKind.Identity, "AWS::IAM::Policy", "AWS::IAM::Role");
    }

    private static void Analyze(PolicyContext context, int threshold)
    {
        var score = PolicyComplexity.Of(context.Document);
        if (score >= threshold)
        {
            context.Report(Rule, context.Document.Node, score, threshold);
        }
    }
}
