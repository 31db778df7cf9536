using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Scanner.CloudFormation.Evaluation;

namespace Scanner.Rules.Ec2;

/// <summary>CIDR, port and protocol readings shared by the security-group and network-ACL rules.</summary>
internal static class NetworkValues
{
    public const string AnyIpv4 = "0.0.0.0/0";

    /// <summary>A literal IPv4 CIDR that covers every address.</summary>
    public static bool IsWholeIpv4(string cidr) => cidr.Trim() == AnyIpv4;

    /// <summary>A literal IPv6 CIDR with prefix length 0 (::/0 however it is written).</summary>
    public static bool IsWholeIpv6(string cidr) => TryParseIpv6(cidr, out var prefix) && prefix == 0;

    /// <summary>An IPv4 CIDR that is not a single host (/32).</summary>
    public static bool IsIpv4Range(string cidr) => !cidr.Trim().EndsWith("/32", StringComparison.Ordinal);

    /// <summary>An IPv6 CIDR that is not a single host (/128). A bare address is a single host.</summary>
    public static bool IsIpv6Range(string cidr) => TryParseIpv6(cidr, out var prefix) ? prefix != 128 : cidr.Contains('/', StringComparison.Ordinal) && !cidr.Trim().EndsWith("/128", StringComparison.Ordinal);

    private static bool TryParseIpv6(string cidr, out int prefix)
    {
        prefix = 128;
        var text = cidr.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var address = slash >= 0 ? text[..slash] : text;
        if (slash >= 0 && !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix))
        {
            return false;
        }

        return IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 && prefix is >= 0 and <= 128;
    }

    /// <summary>A loopback-only CIDR (127.0.0.0/8 or narrower, ::1/128): the usual way to write "no egress at all".</summary>
    public static bool IsLoopback(string cidr)
    {
        var text = cidr.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var address = slash >= 0 ? text[..slash] : text;
        var prefix = 0;
        if (slash >= 0 && !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix))
        {
            return false;
        }

        if (!IPAddress.TryParse(address, out var ip))
        {
            return false;
        }

        return ip.AddressFamily == AddressFamily.InterNetwork
            ? IPAddress.IsLoopback(ip) && (slash < 0 || prefix >= 8)
            : ip.Equals(IPAddress.IPv6Loopback) && (slash < 0 || prefix == 128);
    }

    /// <summary>
    /// A comparable reading of a port or protocol variant: the number for a literal (so 80 and "80" agree), the
    /// rendering of the expression otherwise, and the empty string when absent.
    /// </summary>
    public static string Key(Variant variant)
    {
        if (variant.IsAbsent)
        {
            return string.Empty;
        }

        return variant.AsInteger is { } number ? number.ToString(CultureInfo.InvariantCulture) : variant.AsString?.Trim() ?? variant.Value.Display;
    }

    /// <summary>IpProtocol -1 (every protocol, every port); "-1" and -1 alike.</summary>
    public static bool IsAllProtocols(string protocol) => protocol.Trim() is "-1";
}
