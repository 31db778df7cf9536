using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Scanner.Tests;

namespace Scanner.Reporting.Tests;

/// <summary>Runs when tests/tools/install-sarif-multitool.sh has installed the validators into .tools/.</summary>
public sealed class SarifToolFactAttribute : FactAttribute
{
    public SarifToolFactAttribute(string tool)
    {
        var path = tool == "multitool" ? SarifValidationTests.MultitoolPath : SarifValidationTests.AjvPath;
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Skip = $"{path} is absent: run tests/tools/install-sarif-multitool.sh to install the SARIF validators.";
        }
        else if (tool == "multitool" && !File.Exists(SarifValidationTests.GithubConfig))
        {
            Skip = $"{SarifValidationTests.GithubConfig} is absent (../shared is present in CI).";
        }
        else if (tool == "schema" && SarifValidationTests.SchemaPath is null)
        {
            Skip = "The SARIF 2.1.0 schema of the Sarif.Sdk package was not found in the NuGet package folder.";
        }
    }
}

public sealed class SarifValidationTests
{
    public static string MultitoolPath => Path.Combine(TestPaths.RepoRoot, ".tools", "sarif-multitool", "package", "Sarif.Multitool");

    public static string AjvPath => Path.Combine(TestPaths.RepoRoot, ".tools", "ajv", "node_modules", "ajv");

    /// <summary>sarif-sdk's policies/github.config.xml: enables the GH rules and makes SARIF2007 an error.</summary>
    public static string GithubConfig => Path.Combine(TestPaths.Shared, "tools", "sarif-github.config.xml");

    /// <summary>Schemata/sarif-2.1.0.json inside the Sarif.Sdk package the build restored.</summary>
    public static string? SchemaPath
    {
        get
        {
            var roots = new[]
            {
                typeof(SarifValidationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value,
                Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
                Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            };
            return roots.Where(r => !string.IsNullOrEmpty(r))
                .Select(r => Path.Combine(r!, "sarif.sdk", "5.8.0", "Schemata", "sarif-2.1.0.json"))
                .FirstOrDefault(File.Exists);
        }
    }

    private static string WriteSample(string directory)
    {
        var path = Path.Combine(directory, "sample.sarif");
        AtomicFile.Write(path, w => new SarifReportWriter().Write(SampleScan.Create(), w, SampleScan.Options));
        return path;
    }

    [SarifToolFact("multitool")]
    public void Multitool_with_the_GitHub_rules_reports_no_errors()
    {
        using var temp = new TempDirectory();
        var sarif = WriteSample(temp.Path);
        var output = Path.Combine(temp.Path, "validation.sarif");
        var (exit, stdout) = Run(
            MultitoolPath,
            ["validate", sarif, "-o", output, "--log", "ForceOverwrite", "--config", GithubConfig, "--rule-kind", "Sarif;Ghas", "--level", "Error;Warning;Note"]);

        // The Multitool exits 0 even when it reports errors, so the verdict comes from its output log.
        Assert.True(exit == 0 && File.Exists(output), $"Multitool failed (exit {exit}):\n{stdout}");
        var results = JsonNode.Parse(File.ReadAllText(output))!["runs"]![0]!["results"]?.AsArray() ?? [];
        var errors = results.Where(r => (string?)r!["level"] == "error")
            .Select(r => $"{r!["ruleId"]}: {r["message"]?["text"] ?? r["message"]?["id"]}")
            .ToList();
        Assert.True(errors.Count == 0, "Multitool errors:\n" + string.Join("\n", errors) + "\n" + stdout);
    }

    [SarifToolFact("schema")]
    public void Log_is_valid_against_the_SARIF_json_schema()
    {
        using var temp = new TempDirectory();
        var sarif = WriteSample(temp.Path);
        var script = Path.Combine(temp.Path, "validate.cjs");
        File.WriteAllText(script, """
            const Ajv2020 = require(process.argv[2] + "/dist/2020.js").default;
            const addFormats = require(process.argv[2] + "-formats").default;
            const fs = require("fs");
            const schema = JSON.parse(fs.readFileSync(process.argv[3], "utf8").replace(/^\uFEFF/, ""));
            delete schema.$id;
            const ajv = new Ajv2020({ allErrors: true, strict: false });
            addFormats(ajv);
            const validate = ajv.compile(schema);
            const data = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
            if (!validate(data)) { console.log(JSON.stringify(validate.errors, null, 1)); process.exit(1); }
            console.log("VALID");
            """);
        var (exit, stdout) = Run("node", [script, AjvPath, SchemaPath!, sarif]);
        Assert.True(exit == 0 && stdout.Contains("VALID", StringComparison.Ordinal), $"Schema validation failed (exit {exit}):\n{stdout}");
    }

    private static (int Exit, string Output) Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), $"{file} did not finish within 2 minutes");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}

internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "iacscan-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
