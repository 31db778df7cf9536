using System.Text.Json;
using Scanner.Iam.Permissions;

namespace Scanner.Cli.Tests;

/// <summary>The IAM permission rules from the command line: declared actions, the data version in rules and SARIF.</summary>
public sealed class IamCliTests : IDisposable
{
    private const string PolicyWithNewActions = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Policy:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: [s3:GetObject, s3:BrandNewAction, newsvc:DoThing]
                    Resource: "arn:aws:s3:::reports-bucket/*"
                    Condition:
                      StringEquals: {"s3:brandNewKey": "x"}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("iacscan-iam-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = CliApplication.Run(args, stdout, stderr, _dir);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Actions_and_keys_newer_than_the_data_are_declared_with_rule_arguments()
    {
        File.WriteAllText(Path.Combine(_dir, "policy.yaml"), PolicyWithNewActions);
        var (_, before, _) = Run("scan", "policy.yaml", "--fail-on", "none");
        Assert.Contains("IAM001 [Policy] 's3:BrandNewAction' is not an action of s3", before, StringComparison.Ordinal);
        Assert.Contains("IAM001 [Policy] 'newsvc:DoThing' is not an IAM action", before, StringComparison.Ordinal);
        Assert.Contains("IAM003 [Policy] 's3:brandNewKey' is not a condition key", before, StringComparison.Ordinal);

        var (_, after, err) = Run("scan", "policy.yaml", "--fail-on", "none", "--rule-arguments", "iam_extra_actions=s3:BrandNewAction,newsvc:*", "--rule-arguments", "iam_extra_condition_keys=s3:brandNewKey");
        Assert.Equal(string.Empty, err);
        Assert.DoesNotContain("IAM001", after, StringComparison.Ordinal);
        Assert.DoesNotContain("IAM003", after, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_and_sarif_name_the_iam_data_version()
    {
        var version = IamServiceReference.EmbeddedVersion;
        Assert.Equal(IamServiceReference.Default.Version, version);
        var (_, rules, _) = Run("rules");
        Assert.Contains($"IAM service reference: {version}", rules, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(_dir, "policy.yaml"), PolicyWithNewActions);
        var (_, sarif, _) = Run("scan", "policy.yaml", "--format", "sarif", "--fail-on", "none");
        using var doc = JsonDocument.Parse(sarif);
        var driver = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");
        Assert.Equal(version.ToString(), driver.GetProperty("properties").GetProperty("dataVersions").GetProperty("IAM service reference").GetString());
    }
}
