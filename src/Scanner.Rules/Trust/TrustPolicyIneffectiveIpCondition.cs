using System.Net;
using Scanner.Core.Diagnostics;
using Scanner.Iam;

namespace Scanner.Rules.Trust;

/// <summary>TRUST028: IP conditions that allow everything, can never match, or apply to callers that have no such IP.</summary>
public sealed class TrustPolicyIneffectiveIpCondition() : TrustPolicyRule(TrustRules.IneffectiveIpCondition)
{
    protected override void Analyze(TrustPolicyScope scope)
    {
        foreach (var s in scope.Allows)
        {
            foreach (var c in s.Clauses.Where(c => c.Operator.Family == ConditionFamily.IpAddress && c.KeyIs(ConditionKeys.SourceIp)))
            {
                if (c.Operator.IsNegated)
                {
                    Report(scope, c.Scenario, c.KeyNode, null, $"NotIpAddress in an Allow admits callers from every address except the listed ranges");
                    continue;
                }

                if (TrustRuleSupport.OnlyServices(s))
                {
                    Report(scope, c.Scenario, c.KeyNode, null, "The statement trusts only service principals, whose calls do not come from your addresses, so aws:SourceIp never matches them");
                    continue;
                }

                foreach (var v in c.Values.Where(v => v.Literal is not null))
                {
                    if (v.Literal is "0.0.0.0/0" or "::/0")
                    {
                        Report(scope, c.Scenario, c.KeyNode, null, $"The range '{v.Literal}' matches every address, so the condition restricts nothing");
                    }
                    else if (IsPrivate(v.Literal!))
                    {
                        Report(scope, c.Scenario, c.KeyNode, null, $"The private range '{v.Literal}' never matches aws:SourceIp (calls through VPC endpoints carry aws:VpcSourceIp)");
                    }
                }
            }
        }
    }

    private static bool IsPrivate(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(slash < 0 ? cidr : cidr[..slash], out var ip))
        {
            return false;
        }

        var b = ip.GetAddressBytes();
        return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
            : (b[0] & 0xFE) == 0xFC;
    }
}
