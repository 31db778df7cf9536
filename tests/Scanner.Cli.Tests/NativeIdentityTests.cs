using System.Diagnostics;
using Scanner.Reporting;
using Scanner.Tests;

namespace Scanner.Cli.Tests;

/// <summary>
/// The native AOT <c>iacscan</c> and the JIT build give byte-identical reports (every format the build knows, each
/// written with <c>--output FORMAT=FILE</c>), rule lists and Guard outputs on the fixtures and the cfn-nag corpus.
/// The native binary is published once per test run by <see cref="NativeBinary"/> (or taken from IACSCAN_NATIVE).
/// </summary>
public sealed class NativeIdentityTests(NativeBinary native) : IClassFixture<NativeBinary>
{
    /// <summary>Report timestamps (ASFF CreatedAt/UpdatedAt) come from SOURCE_DATE_EPOCH in both runs.</summary>
    private const string Epoch = "1767225600";

    private static readonly string[] AsffFacts = ["--repo", "acme/templates", "--branch", "main", "--aws-account-id", "111122223333", "--region", "eu-west-1"];

    [NativeFact]
    public void Scan_reports_on_the_fixtures_are_identical() => CompareScan(TestPaths.Fixtures, ".");

    [NativeCorpusFact]
    public void Scan_reports_on_the_cfn_nag_corpus_are_identical() => CompareScan(Path.Combine(TestPaths.Corpus, "cfn-nag"), "templates");

    [NativeFact]
    public void Rule_lists_are_identical()
    {
        foreach (var format in new[] { "text", "markdown", "json" })
        {
            var (jit, aot) = RunBoth(TestPaths.RepoRoot, "rules", "--format", format);
            Assert.Equal(jit.Stdout, aot.Stdout);
            Assert.Contains("W35", aot.Stdout, StringComparison.Ordinal);
        }
    }

    [NativeFact]
    public void Guard_outputs_are_identical()
    {
        var guard = Path.Combine(TestPaths.Fixtures, "guard");
        foreach (var output in new[] { "json", "yaml", "junit", "sarif", "single-line-summary" })
        {
            var (jit, aot) = RunBoth(guard, "guard", "validate", "-r", "rules", "-d", "templates", "-o", output, "-z", "-S", "all");
            Assert.Equal((jit.Exit, jit.Stdout, jit.Stderr), (aot.Exit, aot.Stdout, aot.Stderr));
            Assert.Equal(19, aot.Exit);
        }

        var (jitTest, aotTest) = RunBoth(guard, "guard", "test", "-d", "rules");
        Assert.Equal((jitTest.Exit, jitTest.Stdout), (aotTest.Exit, aotTest.Stdout));
        var (jitBad, aotBad) = RunBoth(guard, "guard", "validate", "-r", "malformed", "-d", "templates");
        Assert.Equal((jitBad.Exit, jitBad.Stderr), (aotBad.Exit, aotBad.Stderr));
    }

    private void CompareScan(string cwd, string target)
    {
        // Reports of a failed comparison stay in this directory for inspection (the message names it).
        var root = Directory.CreateTempSubdirectory("iacscan-identity-").FullName;
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, run) in new[] { ("jit", (Func<string[], Result>)(a => Run(native.Jit, cwd, a))), ("aot", a => Run(native.Aot, cwd, a)) })
        {
            var dir = Path.Combine(root, name);
            Directory.CreateDirectory(dir);
            var args = new List<string> { "scan", target, "--fail-on", "none", "--sarif-max-results", "0", "--rules", Path.Combine(TestPaths.Fixtures, "guard", "rules") };
            args.AddRange(AsffFacts);
            foreach (var format in ReportWriters.Formats)
            {
                args.Add("--output");
                args.Add($"{format}={Path.Combine(dir, "report." + format)}");
            }

            var result = run([.. args]);
            Assert.True(result.Exit == 0, $"{name} exited {result.Exit}: {result.Stderr}");
            outputs[name + ":stdout"] = result.Stdout;
        }

        Assert.Equal(outputs["jit:stdout"], outputs["aot:stdout"]);
        var jitFiles = Files(Path.Combine(root, "jit"));
        var aotFiles = Files(Path.Combine(root, "aot"));
        Assert.Equal(jitFiles.Keys, aotFiles.Keys);
        Assert.All(ReportWriters.Formats, f => Assert.Contains("report." + f, jitFiles.Keys));
        Assert.Contains("\"CreatedAt\": \"2026-01-01T00:00:00.000Z\"", System.Text.Encoding.UTF8.GetString(aotFiles["report.asff"]), StringComparison.Ordinal);
        foreach (var (file, bytes) in jitFiles)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(aotFiles[file]), $"{file} differs between the JIT and the native build (kept in {root})");
            Assert.True(bytes.Length > 100, $"{file} is nearly empty");
        }

        Directory.Delete(root, recursive: true);
    }

    private static SortedDictionary<string, byte[]> Files(string dir) =>
        new(Directory.EnumerateFiles(dir).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes), StringComparer.Ordinal);

    private (Result Jit, Result Aot) RunBoth(string cwd, params string[] args) =>
        (Run(native.Jit, cwd, args), Run(native.Aot, cwd, args));

    private static Result Run(string[] command, string cwd, string[] args)
    {
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = cwd,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var a in command.Skip(1).Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["SOURCE_DATE_EPOCH"] = Epoch;
        foreach (var name in new[] { "CODEBUILD_SOURCE_REPO_URL", "CODEBUILD_WEBHOOK_HEAD_REF", "CODEBUILD_BUILD_ARN", "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    private sealed record Result(int Exit, string Stdout, string Stderr);
}

/// <summary>
/// The two builds compared: the JIT <c>iacscan.dll</c> next to this test assembly, and the native binary, published
/// from src/Scanner.Cli into artifacts/native (MSBuild skips the native compilation when nothing changed), or the one
/// IACSCAN_NATIVE names. A failed publish (an AOT or trim warning is an error) fails the tests with its log.
/// </summary>
public sealed class NativeBinary
{
    private readonly Lazy<string> _aot = new(Publish);

    public string[] Jit { get; } = ["dotnet", Path.Combine(AppContext.BaseDirectory, "iacscan.dll")];

    public string[] Aot => [_aot.Value];

    private static string Publish()
    {
        if (Environment.GetEnvironmentVariable("IACSCAN_NATIVE") is { Length: > 0 } given)
        {
            return File.Exists(given) ? Path.GetFullPath(given) : throw new FileNotFoundException($"IACSCAN_NATIVE names no file: {given}");
        }

        var artifacts = Path.Combine(TestPaths.RepoRoot, "artifacts", "native");
        var output = Path.Combine(artifacts, "publish");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = TestPaths.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "publish", Path.Combine("src", "Scanner.Cli", "Scanner.Cli.csproj"), "-c", "Release", "--artifacts-path", artifacts, "-o", output, "-nologo", "-clp:ErrorsOnly;Summary" })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var binary = Path.Combine(output, "iacscan");
        if (process.ExitCode != 0 || !File.Exists(binary))
        {
            throw new InvalidOperationException($"dotnet publish of the native iacscan failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }

        return binary;
    }
}

/// <summary>Needs a native toolchain (the AOT compiler links with clang or gcc); skipped with the reason where there is none.</summary>
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute()
    {
        Skip = NativeToolchain.MissingReason;
    }
}

/// <summary>A <see cref="NativeFactAttribute"/> that also needs ../shared/corpus.</summary>
public sealed class NativeCorpusFactAttribute : FactAttribute
{
    public NativeCorpusFactAttribute()
    {
        Skip = NativeToolchain.MissingReason ?? (TestPaths.HasCorpus ? null : TestPaths.NoCorpusReason);
    }
}

internal static class NativeToolchain
{
    /// <summary>Why the native binary cannot be built here, or null when it can (or IACSCAN_NATIVE gives one).</summary>
    public static string? MissingReason { get; } = Find();

    private static string? Find()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("IACSCAN_NATIVE")))
        {
            return null;
        }

        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            return "the native AOT identity test runs on linux-x64 (the published target); set IACSCAN_NATIVE to a native binary to run it elsewhere.";
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var linkers = new[] { "clang", "gcc" }.Concat(Enumerable.Range(14, 8).Select(v => $"clang-{v}"));
        return linkers.Any(l => path.Any(d => File.Exists(Path.Combine(d, l))))
            ? null
            : "no C toolchain (clang or gcc) on PATH to link the native AOT binary; install clang to run the identity test.";
    }
}
