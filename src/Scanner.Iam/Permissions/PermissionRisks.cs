namespace Scanner.Iam.Permissions;

/// <summary>A way for a principal to gain permissions it was not given: every action listed must be allowed.</summary>
/// <param name="Name">A short name (<c>PassRole to a new Lambda function</c>).</param>
/// <param name="Actions">The actions that together allow it; the first one is where the finding points.</param>
/// <param name="Explanation">How the escalation works, in one sentence.</param>
public sealed record EscalationMethod(string Name, IReadOnlyList<string> Actions, string Explanation);

/// <summary>
/// Risk knowledge as data: the privilege escalation methods published by Rhino Security Labs and the cloudsplaining
/// project, the actions that hand out credentials, and the actions that read data out. A test checks that every
/// action named here exists in the service reference.
/// </summary>
public static class PermissionRisks
{
    public static IReadOnlyList<EscalationMethod> EscalationMethods { get; } =
    [
        new("CreatePolicyVersion", ["iam:CreatePolicyVersion"], "a new default version of a managed policy attached to the principal can allow everything"),
        new("SetDefaultPolicyVersion", ["iam:SetDefaultPolicyVersion"], "an older, broader version of an attached managed policy can be made the default"),
        new("AttachUserPolicy", ["iam:AttachUserPolicy"], "any managed policy (AdministratorAccess) can be attached to a user"),
        new("AttachGroupPolicy", ["iam:AttachGroupPolicy"], "any managed policy can be attached to a group the principal is in"),
        new("AttachRolePolicy", ["iam:AttachRolePolicy"], "any managed policy can be attached to a role the principal can use"),
        new("PutUserPolicy", ["iam:PutUserPolicy"], "an inline policy allowing everything can be written on a user"),
        new("PutGroupPolicy", ["iam:PutGroupPolicy"], "an inline policy allowing everything can be written on a group"),
        new("PutRolePolicy", ["iam:PutRolePolicy"], "an inline policy allowing everything can be written on a role"),
        new("AddUserToGroup", ["iam:AddUserToGroup"], "a user can be added to a more privileged group"),
        new("CreateAccessKey", ["iam:CreateAccessKey"], "access keys can be created for a more privileged user"),
        new("CreateLoginProfile", ["iam:CreateLoginProfile"], "a console password can be set for a more privileged user"),
        new("UpdateLoginProfile", ["iam:UpdateLoginProfile"], "the console password of a more privileged user can be changed"),
        new("UpdateAssumeRolePolicy", ["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"], "the trust policy of a more privileged role can be changed to let the principal assume it"),
        new("PassRole to a new EC2 instance", ["iam:PassRole", "ec2:RunInstances"], "an instance started with a more privileged role exposes that role's credentials"),
        new("PassRole to a new Lambda function", ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "a function created with a more privileged role runs code with its permissions"),
        new("PassRole to a new Lambda function with an event source", ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"], "a function created with a more privileged role can be triggered by an event source"),
        new("UpdateFunctionCode", ["lambda:UpdateFunctionCode"], "the code of an existing function runs with that function's role"),
        new("PassRole to a new Glue development endpoint", ["iam:PassRole", "glue:CreateDevEndpoint"], "a development endpoint created with a more privileged role gives a shell with its credentials"),
        new("UpdateDevEndpoint", ["glue:UpdateDevEndpoint"], "an SSH key can be added to an existing development endpoint that runs with another role"),
        new("PassRole to a new CloudFormation stack", ["iam:PassRole", "cloudformation:CreateStack"], "a stack created with a more privileged service role creates anything that role can"),
        new("PassRole to a new Data Pipeline", ["iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"], "a pipeline run with a more privileged role executes commands with it"),
        new("PassRole to a new CodeBuild project", ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"], "a build run with a more privileged service role executes its buildspec with it"),
        new("PassRole to a new SageMaker notebook", ["iam:PassRole", "sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"], "a notebook created with a more privileged role gives a shell with its credentials"),
        new("PassRole to a new ECS task", ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"], "a task run with a more privileged task role executes code with it"),
    ];

    /// <summary>
    /// Actions that return credentials or secrets usable elsewhere. Token getters bounded by the caller's own
    /// permissions (<c>ecr:GetAuthorizationToken</c>, <c>codeartifact:GetAuthorizationToken</c>) are not listed: a
    /// container or package client needs them and they reveal nothing the caller could not already do.
    /// </summary>
    public static IReadOnlyList<string> CredentialExposureActions { get; } =
    [
        "iam:CreateAccessKey",
        "iam:UpdateAccessKey",
        "iam:CreateLoginProfile",
        "iam:UpdateLoginProfile",
        "iam:CreateServiceSpecificCredential",
        "iam:ResetServiceSpecificCredential",
        "iam:UpdateServiceSpecificCredential",
        "sts:AssumeRole",
        "sts:GetFederationToken",
        "redshift:GetClusterCredentials",
        "redshift:GetClusterCredentialsWithIAM",
        "redshift-serverless:GetCredentials",
        "ec2:GetPasswordData",
        "lightsail:GetInstanceAccessDetails",
        "lightsail:DownloadDefaultKeyPair",
        "lightsail:GetRelationalDatabaseMasterUserPassword",
        "gamelift:GetInstanceAccess",
        "gamelift:RequestUploadCredentials",
        "mediapackage:RotateIngestEndpointCredentials",
        "chime:CreateApiKey",
    ];

    /// <summary>Actions that read data out of the account: object contents, parameters, secret values.</summary>
    public static IReadOnlyList<string> DataExfiltrationActions { get; } =
    [
        "s3:GetObject",
        "s3:GetObjectVersion",
        "ssm:GetParameter",
        "ssm:GetParameters",
        "ssm:GetParametersByPath",
        "secretsmanager:GetSecretValue",
    ];

    public static bool IsCredentialExposure(IamAction action) => CredentialExposureActions.Contains(action.FullName, StringComparer.OrdinalIgnoreCase);

    public static bool IsDataExfiltration(IamAction action) => DataExfiltrationActions.Contains(action.FullName, StringComparer.OrdinalIgnoreCase);
}
