namespace Scanner.CloudFormation.Evaluation;

/// <summary>Values given from outside the template: --parameter-values, --condition-values, pseudo parameters.</summary>
public sealed record EvaluationSettings
{
    public static readonly EvaluationSettings Default = new();

    public IReadOnlyDictionary<string, string> ParameterValues { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, bool> ConditionValues { get; init; } = new Dictionary<string, bool>();

    /// <summary>
    /// True when the values describe one deployment (a --parameter-values file was given): parameters it does not
    /// list then take their Default, as CloudFormation does. Without it a parameter may take any value (its Default
    /// being one possibility), so conditions that depend on it are undecided.
    /// </summary>
    public bool DefaultsAreValues { get; init; }

    /// <summary>
    /// What a condition that neither --condition-values nor the parameter values decide is taken to be. By default
    /// (<see cref="UndecidedConditions.Both"/>) both truth values are possible and every branch is analysed;
    /// <see cref="UndecidedConditions.True"/> is cfn-nag's reading (it assumes every such condition holds).
    /// </summary>
    public UndecidedConditions UndecidedConditions { get; init; } = UndecidedConditions.Both;

    /// <summary>Known pseudo parameter values, e.g. <c>AWS::Region</c>. Unlisted ones stay symbolic.</summary>
    public IReadOnlyDictionary<string, string> PseudoParameterValues { get; init; } = new Dictionary<string, string>();
}

/// <summary>How conditions that the given values do not decide are read (<c>--undecided-conditions</c>).</summary>
public enum UndecidedConditions
{
    /// <summary>Either truth value is possible: both branches of an Fn::If are analysed, each finding names its condition.</summary>
    Both,

    /// <summary>Every undecided condition holds (cfn-nag's behaviour).</summary>
    True,

    /// <summary>No undecided condition holds.</summary>
    False,
}
