using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Scanner.Reporting.Tests;

public sealed class JUnitTests
{
    private static XDocument Parse(Core.Engine.ScanResult result) =>
        XDocument.Parse(SampleScan.Render(new JUnitReportWriter(), result));

    internal static void AssertValidJUnit(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Schemas", "junit.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} {e.Exception?.LineNumber}:{e.Exception?.LinePosition} {e.Message}");
        using (var reader = XmlReader.Create(new StringReader(xml), settings))
        {
            while (reader.Read())
            {
            }
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors));

        // The counts CodeBuild shows come from the attributes; they must agree with the elements.
        var document = XDocument.Parse(xml);
        foreach (var suite in document.Descendants("testsuite"))
        {
            var cases = suite.Elements("testcase").ToList();
            Assert.Equal(cases.Count, (int)suite.Attribute("tests")!);
            Assert.Equal(cases.Count(c => c.Element("failure") is not null), (int)suite.Attribute("failures")!);
            Assert.Equal(cases.Count(c => c.Element("error") is not null), (int)suite.Attribute("errors")!);
            Assert.Equal(cases.Count(c => c.Element("skipped") is not null), (int)suite.Attribute("skipped")!);
        }

        var root = document.Root!;
        Assert.Equal(document.Descendants("testcase").Count(), (int)root.Attribute("tests")!);
        Assert.Equal(document.Descendants("failure").Count(), (int)root.Attribute("failures")!);
    }

    [Fact]
    public void Report_is_valid_JUnit()
    {
        AssertValidJUnit(SampleScan.Render(new JUnitReportWriter(), SampleScan.Create()));
    }

    [Fact]
    public void Schema_rejects_a_testcase_without_a_name()
    {
        var bad = "<testsuites><testsuite name=\"t\" tests=\"1\"><testcase classname=\"c\" /></testsuite></testsuites>";
        Assert.ThrowsAny<Exception>(() => AssertValidJUnit(bad));
    }

    [Fact]
    public void One_suite_per_template_and_one_failed_case_per_finding_named_like_cfn_nag()
    {
        var document = Parse(SampleScan.Create());
        var suites = document.Root!.Elements("testsuite").ToList();
        Assert.Equal(["templates/app.yaml", "templates/broken.yaml", "templates/clean.yaml"], suites.Select(s => (string)s.Attribute("name")!));

        var app = suites[0].Elements("testcase").ToList();
        var f3 = app.Single(c => (string)c.Attribute("name")! == "F3 MyRole");
        Assert.Equal("templates/app.yaml", (string)f3.Attribute("classname")!);
        Assert.StartsWith("12:9: ", (string)f3.Element("failure")!.Attribute("message")!, StringComparison.Ordinal);
        Assert.Contains("templates/app.yaml:12:9", f3.Element("failure")!.Value, StringComparison.Ordinal);
        Assert.NotNull(app.Single(c => (string)c.Attribute("name")! == "W35 Bucket").Element("failure"));
    }

    [Fact]
    public void Suppressed_findings_are_skipped_and_quiet_rules_pass()
    {
        var suites = Parse(SampleScan.Create()).Root!.Elements("testsuite").ToList();
        var skipped = suites[0].Elements("testcase").Single(c => (string)c.Attribute("name")! == "W9 WebGroup").Element("skipped");
        Assert.Contains("Public web tier behind a WAF.", (string)skipped!.Attribute("message")!, StringComparison.Ordinal);

        // clean.yaml: every rule except the template diagnostics is a passed case.
        var clean = suites[2].Elements("testcase").ToList();
        Assert.Equal(["F3 IAM role policy allows every action", "W35 S3 bucket has no access logging", "W41 S3 bucket does not declare default encryption", "W9 Security group ingress CIDR is wider than one host"], clean.Select(c => (string)c.Attribute("name")!));
        Assert.All(clean, c => Assert.False(c.HasElements));
    }

    [Fact]
    public void Unparsable_templates_are_errors_without_passing_cases()
    {
        var broken = Parse(SampleScan.Create()).Root!.Elements("testsuite").ElementAt(1);
        var only = Assert.Single(broken.Elements("testcase"));
        Assert.Equal("3:5: Mapping values are not allowed here.", (string)only.Element("error")!.Attribute("message")!);
    }
}
