namespace Scanner.Cli.Tests;

/// <summary>A temporary working directory and an in-process run of <c>iacscan</c> in it, with a console the test controls.</summary>
public class CliHarness : IDisposable
{
    /// <summary>A bucket that is in order except for access logging (so only W35 fires).</summary>
    public const string BucketWithoutLogging = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          DataBucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketEncryption:
                ServerSideEncryptionConfiguration:
                  - ServerSideEncryptionByDefault: {SSEAlgorithm: aws:kms}
          DataBucketPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref DataBucket
              PolicyDocument:
                Statement:
                  - Effect: Deny
                    Principal: "*"
                    Action: "s3:*"
                    Resource: !Sub "arn:${AWS::Partition}:s3:::${DataBucket}/*"
                    Condition: {Bool: {"aws:SecureTransport": "false"}}
        """;

    public const string GroupWithoutEgress = """
        Resources:
          Group:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: x
        """;

    public string Dir { get; } = Directory.CreateTempSubdirectory("iacscan-cli-").FullName;

    public virtual void Dispose()
    {
        // Undo read-only directories a test made, so the temporary tree can be removed.
        foreach (var dir in Directory.EnumerateDirectories(Dir, "*", SearchOption.AllDirectories))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    public string Write(string relative, string content)
    {
        var path = Path.Combine(Dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string P(string relative) => Path.Combine(Dir, relative);

    public (int Exit, string Out, string Err) Run(params string[] args) => RunWith(new Options(), args);

    public (int Exit, string Out, string Err) RunWith(Options options, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(stdout, stderr)
        {
            OpenInput = () => new StringReader(options.Stdin ?? string.Empty),
            IsOutputTerminal = options.Terminal,
            Width = options.Width,
            Environment = name => options.Environment.TryGetValue(name, out var v) ? v : null,
        };
        var exit = CliApplication.Run(args, console, options.WorkingDirectory ?? Dir);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public sealed record Options
    {
        public string? Stdin { get; init; }

        public bool Terminal { get; init; }

        public int? Width { get; init; }

        public string? WorkingDirectory { get; init; }

        public Dictionary<string, string> Environment { get; init; } = [];
    }
}
