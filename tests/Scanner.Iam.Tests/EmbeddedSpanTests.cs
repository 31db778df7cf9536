namespace Scanner.Iam.Tests;

public sealed class EmbeddedSpanTests
{
    private static (PolicyPrincipal Principal, string Text) FirstPrincipal(string documentYaml)
    {
        var text = "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: " + documentYaml + "\n";
        var doc = PolicyReaderTests.Load(text).Documents.Single();
        return (doc.Statements.Single().Principals.Single(), text);
    }

    [Fact]
    public void Yaml_double_quoted_string_with_escapes_maps_exactly()
    {
        var (p, text) = FirstPrincipal("\"{\\\"Statement\\\": {\\\"Effect\\\": \\\"Allow\\\", \\\"Principal\\\": {\\\"Service\\\": \\\"ec2.amazonaws.com\\\"}, \\\"Action\\\": \\\"sts:AssumeRole\\\"}}\"");
        Assert.Equal(PrincipalKind.Service, p.Kind);
        Assert.StartsWith("\\\"ec2.amazonaws.com\\\"", text[p.Value.Node.Span.Start..], StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_single_quoted_string_maps_exactly()
    {
        var (p, text) = FirstPrincipal("'{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}, \"Action\": \"sts:AssumeRole\"}}'");
        Assert.Equal(PrincipalKind.Account, p.Kind);
        Assert.StartsWith("\"arn:aws:iam::111122223333:root\"", text[p.Value.Node.Span.Start..], StringComparison.Ordinal);
    }

    [Fact]
    public void Folded_string_falls_back_inside_the_scalar()
    {
        var (p, text) = FirstPrincipal(">\n        {\"Statement\": {\"Effect\": \"Allow\",\n        \"Principal\": \"*\", \"Action\": \"sts:AssumeRole\"}}");
        Assert.True(p.IsEveryone);
        var start = text.IndexOf('>', StringComparison.Ordinal);
        Assert.InRange(p.Value.Node.Span.Start, start, text.Length);
    }
}
