using System.Text.Json.Nodes;

namespace Scanner.Cli.Tests;

/// <summary><c>iacscan transform</c>: the template after the SAM transform, as the rules see it.</summary>
public sealed class TransformCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("iacscan-transform-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Exit, string Out, string Err) Run(string template, params string[] args)
    {
        File.WriteAllText(Path.Combine(_dir, "t.yaml"), template);
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        return (CliApplication.Run(["transform", "t.yaml", .. args], stdout, stderr, _dir), stdout.ToString(), stderr.ToString());
    }

    private const string Function = """
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            Timeout: 30
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.b
              Runtime: python3.12
              InlineCode: x
              Policies: [S3ReadPolicy: {BucketName: data}]
        """;

    [Fact]
    public void Json_output_holds_the_generated_resources_in_sams_order_with_globals_applied()
    {
        var (exit, stdout, stderr) = Run(Function, "--format", "json");
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        var document = JsonNode.Parse(stdout)!.AsObject();
        Assert.False(document.ContainsKey("Globals"));
        Assert.False(document.ContainsKey("Transform"));
        var resources = document["Resources"]!.AsObject();
        Assert.Equal(["Fn", "FnRole"], resources.Select(r => r.Key));
        Assert.Equal(30, resources["Fn"]!["Properties"]!["Timeout"]!.GetValue<int>());
        Assert.Equal("FnRolePolicy0", resources["FnRole"]!["Properties"]!["Policies"]![0]!["PolicyName"]!.GetValue<string>());
    }

    [Fact]
    public void Yaml_output_uses_short_form_intrinsics()
    {
        var (exit, stdout, _) = Run(Function);
        Assert.Equal(0, exit);
        Assert.Contains("Role: !GetAtt FnRole.Arn", stdout, StringComparison.Ordinal);
        Assert.Contains("Version: '2012-10-17'", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void What_sam_rejects_is_reported_on_stderr_with_its_position_and_exit_code_1()
    {
        var (exit, stdout, stderr) = Run("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties: {Handler: a.b, InlineCode: x}
            """);
        Assert.Equal(1, exit);
        Assert.Contains("t.yaml:3:3: failure E3001 SAM: Resource with id [Fn] is invalid. Runtime and Handler needs to be present", stderr, StringComparison.Ordinal);
        Assert.Contains("Type: AWS::Serverless::Function", stdout, StringComparison.Ordinal); // kept as written
    }

    [Fact]
    public void A_missing_file_is_a_usage_error()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, CliApplication.Run(["transform", "absent.yaml"], new StringWriter(), stderr, _dir));
        Assert.Contains("absent.yaml", stderr.ToString(), StringComparison.Ordinal);
    }
}
