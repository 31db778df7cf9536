using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using Scanner.Tests;

namespace Scanner.Cli.Tests;

/// <summary>The iacscan .NET tool: packed from the build the tests run on, installed from a local folder, run.</summary>
public sealed class PackageTests : CliHarness
{
    private static (int Exit, string Output) Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(600_000), $"dotnet {string.Join(' ', arguments)} did not finish");
        return (process.ExitCode, output + error.Result);
    }

    private static string Run(string executable, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000));
        return output + error.Result;
    }

    [Fact]
    public void The_tool_package_installs_from_a_local_folder_and_runs()
    {
        // The configuration the tests were built in: pack that build rather than compile everything again.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var packages = Directory.CreateDirectory(P("packages")).FullName;
        var (exit, output) = Dotnet(TestPaths.RepoRoot, "pack", "src/Scanner.Cli", "--no-build", "-c", configuration, "-o", packages);
        Assert.True(exit == 0, output);
        var package = Assert.Single(Directory.GetFiles(packages, "*.nupkg"));
        var name = Path.GetFileNameWithoutExtension(package);
        Assert.StartsWith("iacscan.", name, StringComparison.Ordinal);
        var version = name["iacscan.".Length..];

        // A .NET tool whose command is iacscan.
        using (var zip = ZipFile.OpenRead(package))
        {
            var settings = XDocument.Load(zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
            Assert.Equal("iacscan", settings.Descendants("Command").Single().Attribute("Name")!.Value);
            var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            Assert.Contains(nuspec.Descendants(), e => e.Name.LocalName == "packageType" && e.Attribute("name")?.Value == "DotnetTool");
        }

        // Installed the way users (and pre-commit) install it: from that folder only.
        Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        var tools = P("tools");
        (exit, output) = Dotnet(Dir, "tool", "install", "--tool-path", tools, "--configfile", P("nuget.config"), "iacscan", "--version", version);
        Assert.True(exit == 0, output);

        var iacscan = Path.Combine(tools, OperatingSystem.IsWindows() ? "iacscan.exe" : "iacscan");
        Assert.StartsWith(version, Run(iacscan, Dir, "--version").Trim(), StringComparison.Ordinal);
        Write("stack.yaml", BucketWithoutLogging);
        Assert.Contains("stack.yaml:4:11: warning W35 [DataBucket]", Run(iacscan, Dir, "scan", "stack.yaml"), StringComparison.Ordinal);
    }

    /// <summary>build/GitVersion.targets on repositories with and without tags (no compilation: the target alone).</summary>
    [Theory]
    [InlineData(new string[0], "0.0.0")]
    [InlineData(new[] { "tag v1.2.3" }, "1.2.3")]
    [InlineData(new[] { "tag v1.2.3", "commit", "commit" }, "1.2.4-dev.2")]
    [InlineData(new[] { "tag v2.0.0-rc.1" }, "2.0.0-rc.1")]
    [InlineData(new[] { "tag v1.0.0", "commit", "tag v1.1.0" }, "1.1.0")]
    public void The_version_comes_from_git_tags(string[] steps, string expected)
    {
        Git("init", "-q");
        Git("commit", "-q", "--allow-empty", "-m", "first");
        foreach (var step in steps)
        {
            if (step.StartsWith("tag ", StringComparison.Ordinal))
            {
                Git("tag", step[4..]);
            }
            else
            {
                Git("commit", "-q", "--allow-empty", "-m", "next");
            }
        }

        Write("probe.proj", $"""
            <Project>
              <Import Project="{Path.Combine(TestPaths.RepoRoot, "build", "GitVersion.targets")}" />
            </Project>
            """);
        var (exit, output) = Dotnet(Dir, "msbuild", "probe.proj", "-nologo", "-t:IacscanGitVersion", "-getProperty:Version");
        Assert.True(exit == 0, output);
        Assert.Equal(expected, output.Trim());
    }

    private void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000));
        Assert.True(process.ExitCode == 0, error.Result);
    }
}
