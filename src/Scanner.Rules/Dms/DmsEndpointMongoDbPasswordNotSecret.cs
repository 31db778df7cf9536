using Scanner.Core.Diagnostics;
using Scanner.Rules.Common;

namespace Scanner.Rules.Dms;

/// <summary>F55: the DMS endpoint MongoDB password must not be readable from the template or the console.</summary>
public sealed class DmsEndpointMongoDbPasswordNotSecret : PlaintextSecretPropertyRule
{
    public static readonly RuleDescriptor Rule = Describe(
        "F55", "DMS endpoint MongoDB password", "AWS::DMS::Endpoint", "MongoDbSettings.Password", "DMS", SecuritySeverity.Critical);

    public override RuleDescriptor Descriptor => Rule;

    protected override string ResourceType => "AWS::DMS::Endpoint";

    protected override string PropertyPath => "MongoDbSettings.Password";
}
