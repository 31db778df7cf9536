using Scanner.Tests;

namespace Scanner.Reporting.Tests;

/// <summary>Compares output with a checked-in file; UPDATE_GOLDENS=1 rewrites the file instead.</summary>
internal static class Golden
{
    public const string UpdateCommand = "UPDATE_GOLDENS=1 dotnet test tests/Scanner.Reporting.Tests --filter FullyQualifiedName~GoldenTests";

    public static string Directory => Path.Combine(TestPaths.RepoRoot, "tests", "Scanner.Reporting.Tests", "Golden");

    public static void Match(string name, string actual)
    {
        var path = Path.Combine(Directory, name);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDENS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing. Create it with: {UpdateCommand}");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected != actual)
        {
            var expectedLines = expected.Split('\n');
            var actualLines = actual.Split('\n');
            var first = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length)).FirstOrDefault(i => expectedLines[i] != actualLines[i], Math.Min(expectedLines.Length, actualLines.Length));
            Assert.Fail(
                $"{name} differs from the golden file at line {first + 1}:\n" +
                $"  expected: {(first < expectedLines.Length ? expectedLines[first] : "(end of file)")}\n" +
                $"  actual:   {(first < actualLines.Length ? actualLines[first] : "(end of file)")}\n" +
                $"If the change is intended, rewrite the goldens with: {UpdateCommand}");
        }
    }
}
