using System.CommandLine;
using System.Text.RegularExpressions;
using Scanner.Core.Configuration;

namespace Scanner.Cli;

/// <summary>
/// <c>--trusted-accounts 111122223333,444455556666</c>: accounts the trust rules treat like the stack's own
/// (TRUST005 narrows them, TRUST006 does not call them third parties). Passed to the rules as the rule argument
/// <c>trusted-accounts</c>, which can also be given with <c>--rule-arguments "trusted-accounts=111122223333;444455556666"</c>.
/// </summary>
internal static partial class TrustOptions
{
    public const string ArgumentKey = "trusted-accounts";

    public static Option<string[]> CreateOption() => new("--trusted-accounts")
    {
        HelpName = "IDS",
        Description = "AWS account ids (comma-separated, repeatable) that trust policies may trust like the stack's own account.",
    };

    /// <summary>Adds the accounts to the rule arguments (merged with any given there); rejects ids that are not 12 digits.</summary>
    public static RuleArguments Apply(RuleArguments arguments, string[]? values)
    {
        var accounts = (values ?? [])
            .SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        if (accounts.Count == 0)
        {
            return arguments;
        }

        if (accounts.FirstOrDefault(a => !AccountId().IsMatch(a)) is { } bad)
        {
            throw new UsageException($"--trusted-accounts: '{bad}' is not a 12-digit AWS account id");
        }

        var merged = new Dictionary<string, string>(arguments.Values, StringComparer.OrdinalIgnoreCase);
        var existing = merged.TryGetValue(ArgumentKey, out var e) ? e.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries) : [];
        merged[ArgumentKey] = string.Join(';', existing.Concat(accounts).Distinct(StringComparer.Ordinal));
        return new RuleArguments(merged);
    }

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountId();
}
