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

    /// <summary>Known pseudo parameter values, e.g. <c>AWS::Region</c>. Unlisted ones stay symbolic.</summary>
    public IReadOnlyDictionary<string, string> PseudoParameterValues { get; init; } = new Dictionary<string, string>();
}
