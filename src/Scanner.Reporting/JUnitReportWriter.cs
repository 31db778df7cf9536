using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Scanner.Core.Diagnostics;
using Scanner.Core.Engine;

namespace Scanner.Reporting;

/// <summary>
/// JUnit XML for CodeBuild report groups: one testsuite per template; each finding is a failed test case named
/// like cfn-nag output ("F3 MyRole"), each rule that stayed quiet on the template is a passed one, so the report
/// group's pass rate tracks the templates' health. Suppressed findings are skipped, baseline ones left out; unparsable
/// templates are errors.
/// </summary>
public sealed class JUnitReportWriter : IReportWriter
{
    public string Format => "junit";

    public void Write(ScanResult result, TextWriter writer, ReportOptions options)
    {
        var document = Build(result, options);
        // The declaration is written by hand: XmlWriter would name the TextWriter's encoding (UTF-16 for a
        // StringWriter), while report files are always UTF-8 (AtomicFile).
        writer.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", OmitXmlDeclaration = true };
        using (var xml = XmlWriter.Create(writer, settings))
        {
            document.Save(xml);
        }

        writer.WriteLine();
    }

    public static XDocument Build(ScanResult result, ReportOptions options)
    {
        var suites = new List<XElement>();
        foreach (var file in result.Files)
        {
            suites.Add(BuildSuite(file, result, options));
        }

        if (result.Errors.Count > 0)
        {
            // Configuration problems (e.g. a rule file that does not load) belong to no template.
            var cases = result.Errors.Select((e, i) => new XElement(
                "testcase",
                new XAttribute("classname", "iacscan"),
                new XAttribute("name", $"configuration error {i + 1}"),
                new XAttribute("time", "0"),
                new XElement("error", new XAttribute("message", e), new XAttribute("type", "configuration"), e))).ToList();
            suites.Add(Suite("iacscan configuration", cases));
        }

        var root = new XElement(
            "testsuites",
            new XAttribute("name", result.Shard is { } shard ? $"iacscan shard {shard}" : "iacscan"),
            new XAttribute("tests", Sum(suites, "tests")),
            new XAttribute("failures", Sum(suites, "failures")),
            new XAttribute("errors", Sum(suites, "errors")),
            new XAttribute("skipped", Sum(suites, "skipped")),
            new XAttribute("time", "0"),
            suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    private static XElement BuildSuite(FileResult file, ScanResult result, ReportOptions options)
    {
        var path = ReportFacts.DisplayPath(file.Path, options);
        var cases = new List<XElement>();
        // Findings the baseline holds are not test cases (the build tracks new ones), nor are their rules passing ones.
        foreach (var finding in file.Findings.Where(f => !f.Baseline))
        {
            cases.Add(FindingCase(finding, path));
        }

        if (!file.ParseFailed)
        {
            var fired = file.Findings.Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal);
            foreach (var rule in result.Rules.Where(r => !fired.Contains(r.Id) && r.Kind != RuleKind.TemplateDiagnostic))
            {
                cases.Add(new XElement(
                    "testcase",
                    new XAttribute("classname", path),
                    new XAttribute("name", $"{RuleLabel(rule.Id, rule.Level, rule.Kind)} {rule.Title}"),
                    new XAttribute("file", path),
                    new XAttribute("time", "0")));
            }
        }

        return Suite(path, cases);
    }

    private static XElement FindingCase(Finding finding, string path)
    {
        var line = ReportFacts.Line(finding);
        var column = ReportFacts.Column(finding);
        var element = new XElement(
            "testcase",
            new XAttribute("classname", path),
            new XAttribute("name", CaseName(finding)),
            new XAttribute("file", path),
            new XAttribute("line", line.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("time", "0"));

        var where = $"{path}:{line}:{column}";
        var body = string.Join(
            "\n",
            new[]
            {
                finding.Message,
                $"Rule: {finding.RuleId} ({ReportFacts.LevelName(finding.Level)}, severity {finding.Severity.ToString().ToUpperInvariant()})",
                finding.LogicalId is null ? null : $"Resource: {finding.LogicalId}{(finding.ResourceType is null ? string.Empty : $" ({finding.ResourceType})")}",
                string.IsNullOrEmpty(finding.Path) ? null : $"Path: {finding.Path}",
                $"Location: {where}",
            }.Where(l => l is not null));

        if (finding.Suppressed)
        {
            var reason = string.IsNullOrWhiteSpace(finding.SuppressionReason) ? "no reason given" : finding.SuppressionReason;
            element.Add(new XElement("skipped", new XAttribute("message", $"suppressed: {reason}")));
        }
        else if (finding.RuleId == ReportFacts.ParseErrorId)
        {
            element.Add(new XElement("error", new XAttribute("message", $"{line}:{column}: {finding.Message}"), new XAttribute("type", finding.RuleId), body));
        }
        else
        {
            element.Add(new XElement(
                "failure",
                new XAttribute("message", $"{line}:{column}: {finding.Message}"),
                new XAttribute("type", ReportFacts.LevelName(finding.Level)),
                body));
        }

        return element;
    }

    /// <summary>cfn-nag style: level letter, the id without its own letter, then the resource: "F3 MyRole", "W35 Bucket".</summary>
    public static string CaseName(Finding finding)
    {
        var name = RuleLabel(finding.RuleId, finding.Level, finding.Kind);
        return finding.LogicalId is null ? name : $"{name} {finding.LogicalId}";
    }

    /// <summary>cfn-nag ids already start with their level's letter (F3, W35); other ids get it in front ("W IAM001").</summary>
    private static string RuleLabel(string id, RuleLevel level, RuleKind kind) =>
        kind.IdCarriesLevel() ? id : $"{ReportFacts.LevelLetter(level)} {id}";

    private static XElement Suite(string name, List<XElement> cases) => new(
        "testsuite",
        new XAttribute("name", name),
        new XAttribute("tests", cases.Count),
        new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
        new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
        new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
        new XAttribute("time", "0"),
        cases);

    private static int Sum(IEnumerable<XElement> suites, string attribute) =>
        suites.Sum(s => int.Parse(s.Attribute(attribute)!.Value, CultureInfo.InvariantCulture));
}
