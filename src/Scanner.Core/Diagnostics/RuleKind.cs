namespace Scanner.Core.Diagnostics;

/// <summary>
/// Where a rule comes from. The kind, never the spelling of an id, decides what configuration may do with the
/// rule's findings (suppress them, leave the rule out of a profile) and how reports label them.
/// </summary>
public enum RuleKind
{
    /// <summary>A problem with the template itself (syntax, undeclared references, malformed suppressions): E0000…</summary>
    TemplateDiagnostic,

    /// <summary>One of cfn-nag's rules, under cfn-nag's id (F3, W35), whose first letter is its level.</summary>
    CfnNag,

    /// <summary>A built-in rule of our own that is not a trust-policy rule.</summary>
    BuiltIn,

    /// <summary>A trust-policy rule (TRUST001…).</summary>
    Trust,

    /// <summary>A rule of a Guard rule file given with --rules; its id is the Guard rule name.</summary>
    Guard,
}

/// <summary>What each kind allows: the one place configuration and reports ask.</summary>
public static class RuleKinds
{
    /// <summary>
    /// Whether metadata, configuration or deny-list suppressions apply. Template diagnostics cannot be
    /// suppressed: a broken template or a malformed suppression block must always surface.
    /// </summary>
    public static bool CanBeSuppressed(this RuleKind kind) => kind != RuleKind.TemplateDiagnostic;

    /// <summary>Whether the rule runs only when a profile names it (when a profile is given). Template diagnostics always run.</summary>
    public static bool IsSelectedByProfile(this RuleKind kind) => kind != RuleKind.TemplateDiagnostic;

    /// <summary>Whether the id itself starts with the level's letter (cfn-nag's F3, W35), so reports need not add it.</summary>
    public static bool IdCarriesLevel(this RuleKind kind) => kind == RuleKind.CfnNag;

    /// <summary>The name used in the catalog, JSON and SARIF tags.</summary>
    public static string Name(this RuleKind kind) => kind switch
    {
        RuleKind.TemplateDiagnostic => "template",
        RuleKind.CfnNag => "cfn-nag",
        RuleKind.BuiltIn => "builtin",
        RuleKind.Trust => "trust",
        RuleKind.Guard => "guard",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind a name of <see cref="Name"/> stands for (reading reports back); false for an unknown name.</summary>
    public static bool TryParse(string name, out RuleKind kind)
    {
        foreach (var candidate in Enum.GetValues<RuleKind>())
        {
            if (candidate.Name() == name)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>Whether the message must be a full sentence ending with a period (rules whose text we write).</summary>
    public static bool RequiresSentenceMessage(this RuleKind kind) => kind is RuleKind.CfnNag or RuleKind.BuiltIn;
}
