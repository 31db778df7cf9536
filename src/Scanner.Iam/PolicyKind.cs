namespace Scanner.Iam;

/// <summary>What a policy document governs, which decides the rules that apply to it.</summary>
public enum PolicyKind
{
    /// <summary>A role's trust policy (who may assume it): AssumeRolePolicyDocument.</summary>
    Trust,

    /// <summary>Permissions attached to an identity (role, user, group, managed policy).</summary>
    Identity,

    /// <summary>A policy attached to a resource (bucket, queue, topic, key, …) naming principals.</summary>
    Resource,
}

/// <summary>How the document is written in the template.</summary>
public enum PolicyEncoding
{
    /// <summary>A YAML/JSON object in the template.</summary>
    Object,

    /// <summary>A JSON document written as a string scalar.</summary>
    JsonString,

    /// <summary>A JSON document built by <c>Fn::Sub</c>.</summary>
    SubString,

    /// <summary>A JSON document built by <c>Fn::Join</c>.</summary>
    JoinString,

    /// <summary>Not written as a document: built from resource properties (e.g. AWS::Lambda::Permission).</summary>
    Synthesized,
}

public enum PolicyEffect
{
    /// <summary>Effect is missing.</summary>
    Missing,
    Allow,
    Deny,

    /// <summary>Effect is present but not "Allow"/"Deny" (or not a literal).</summary>
    Invalid,
}
