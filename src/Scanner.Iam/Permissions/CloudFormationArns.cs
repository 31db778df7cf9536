using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;

namespace Scanner.Iam.Permissions;

/// <summary>What <c>Ref</c> of a resource type returns.</summary>
public enum RefReturns
{
    /// <summary>A name that may hold slashes (a log group, a parameter).</summary>
    Name,

    /// <summary>An id or a name without slash or colon (a bucket, a key id, an API id).</summary>
    Id,

    /// <summary>The resource's ARN.</summary>
    Arn,

    /// <summary>Something else (a queue URL): nothing is assumed about it.</summary>
    Other,
}

/// <summary>The IAM resource type a CloudFormation resource type creates, and what its Ref and ARN attributes return.</summary>
public sealed record CloudFormationArnType(string CloudFormationType, string Service, string ResourceType, RefReturns Ref, IReadOnlyList<string> ArnAttributes);

/// <summary>
/// Resolves <c>Ref X</c>, <c>GetAtt X.Arn</c> and <c>Fn::Sub ${X.Arn}/*</c> in a Resource value by X's CloudFormation
/// type, for the common services, and turns Resource values into <see cref="ArnPattern"/>s.
/// </summary>
public static class CloudFormationArns
{
    /// <summary>CloudFormation type → IAM resource type (a test checks every row against the service reference).</summary>
    public static IReadOnlyList<CloudFormationArnType> Types { get; } =
    [
        new("AWS::S3::Bucket", "s3", "bucket", RefReturns.Id, ["Arn"]),
        new("AWS::SQS::Queue", "sqs", "queue", RefReturns.Other, ["Arn"]),
        new("AWS::SNS::Topic", "sns", "topic", RefReturns.Arn, ["TopicArn"]),
        new("AWS::KMS::Key", "kms", "key", RefReturns.Id, ["Arn"]),
        new("AWS::KMS::ReplicaKey", "kms", "key", RefReturns.Id, ["Arn"]),
        new("AWS::DynamoDB::Table", "dynamodb", "table", RefReturns.Id, ["Arn"]),
        new("AWS::DynamoDB::GlobalTable", "dynamodb", "table", RefReturns.Id, ["Arn"]),
        new("AWS::Serverless::SimpleTable", "dynamodb", "table", RefReturns.Id, []),
        new("AWS::Lambda::Function", "lambda", "function", RefReturns.Id, ["Arn"]),
        new("AWS::Serverless::Function", "lambda", "function", RefReturns.Id, ["Arn"]),
        new("AWS::Lambda::LayerVersion", "lambda", "layerVersion", RefReturns.Arn, ["LayerVersionArn"]),
        new("AWS::Serverless::LayerVersion", "lambda", "layerVersion", RefReturns.Arn, []),
        new("AWS::IAM::Role", "iam", "role", RefReturns.Id, ["Arn"]),
        new("AWS::IAM::User", "iam", "user", RefReturns.Id, ["Arn"]),
        new("AWS::IAM::Group", "iam", "group", RefReturns.Id, ["Arn"]),
        new("AWS::IAM::ManagedPolicy", "iam", "policy", RefReturns.Arn, ["PolicyArn"]),
        new("AWS::IAM::InstanceProfile", "iam", "instance-profile", RefReturns.Id, ["Arn"]),
        new("AWS::SecretsManager::Secret", "secretsmanager", "Secret", RefReturns.Arn, ["Id"]),
        new("AWS::SSM::Parameter", "ssm", "parameter", RefReturns.Name, []),
        new("AWS::Logs::LogGroup", "logs", "log-group", RefReturns.Name, ["Arn"]),
        new("AWS::Kinesis::Stream", "kinesis", "stream", RefReturns.Id, ["Arn"]),
        new("AWS::KinesisFirehose::DeliveryStream", "firehose", "deliverystream", RefReturns.Id, ["Arn"]),
        new("AWS::ECR::Repository", "ecr", "repository", RefReturns.Name, ["Arn"]),
        new("AWS::StepFunctions::StateMachine", "states", "stateMachine", RefReturns.Arn, ["Arn"]),
        new("AWS::Serverless::StateMachine", "states", "stateMachine", RefReturns.Arn, ["Arn"]),
        new("AWS::StepFunctions::Activity", "states", "activity", RefReturns.Arn, []),
        new("AWS::Events::EventBus", "events", "event-bus", RefReturns.Id, ["Arn"]),
        new("AWS::ECS::Cluster", "ecs", "cluster", RefReturns.Id, ["Arn"]),
        new("AWS::ECS::TaskDefinition", "ecs", "task-definition", RefReturns.Arn, ["TaskDefinitionArn"]),
        new("AWS::CodeBuild::Project", "codebuild", "project", RefReturns.Id, ["Arn"]),
        new("AWS::CodeCommit::Repository", "codecommit", "repository", RefReturns.Other, ["Arn"]),
        new("AWS::Cognito::UserPool", "cognito-idp", "userpool", RefReturns.Id, ["Arn"]),
        new("AWS::AppSync::GraphQLApi", "appsync", "graphqlapi", RefReturns.Arn, ["Arn"]),
        new("AWS::OpenSearchService::Domain", "es", "domain", RefReturns.Id, ["Arn", "DomainArn"]),
        new("AWS::Elasticsearch::Domain", "es", "domain", RefReturns.Id, ["Arn", "DomainArn"]),
        new("AWS::RDS::DBInstance", "rds", "db", RefReturns.Id, ["DBInstanceArn"]),
        new("AWS::RDS::DBCluster", "rds", "cluster", RefReturns.Id, ["DBClusterArn"]),
        new("AWS::EFS::FileSystem", "elasticfilesystem", "file-system", RefReturns.Id, ["Arn"]),
        new("AWS::EC2::Instance", "ec2", "instance", RefReturns.Id, []),
        new("AWS::EC2::VPC", "ec2", "vpc", RefReturns.Id, []),
        new("AWS::EC2::SecurityGroup", "ec2", "security-group", RefReturns.Id, []),
        new("AWS::Glue::Database", "glue", "database", RefReturns.Id, []),
        new("AWS::Athena::WorkGroup", "athena", "workgroup", RefReturns.Id, []),
        new("AWS::Batch::JobQueue", "batch", "job-queue", RefReturns.Arn, ["JobQueueArn"]),
        new("AWS::SageMaker::NotebookInstance", "sagemaker", "notebook-instance", RefReturns.Arn, []),
        new("AWS::CloudFormation::Stack", "cloudformation", "stack", RefReturns.Arn, []),
        new("AWS::ApiGateway::RestApi", "execute-api", "execute-api-general", RefReturns.Id, []),
        new("AWS::Serverless::Api", "execute-api", "execute-api-general", RefReturns.Id, []),
    ];

    private static readonly Dictionary<string, CloudFormationArnType> ByType = Types.ToDictionary(t => t.CloudFormationType, StringComparer.Ordinal);

    /// <summary>The row for a CloudFormation type, or null.</summary>
    public static CloudFormationArnType? Of(string cloudFormationType) => ByType.GetValueOrDefault(cloudFormationType);

    /// <summary>The IAM resource type a CloudFormation resource type creates, from the reference.</summary>
    public static IamResourceType? ResourceTypeOf(string cloudFormationType, IamServiceReference reference) =>
        Of(cloudFormationType) is { } row
            ? reference.Service(row.Service)?.ResourceTypes.FirstOrDefault(t => string.Equals(t.Name, row.ResourceType, StringComparison.OrdinalIgnoreCase))
            : null;

    /// <summary>The ARN pattern of a Resource value; literal text keeps its globs, resolved parts become variables.</summary>
    public static ArnPattern Pattern(PolicyValue value, Template template, IamServiceReference reference)
    {
        var builder = new ArnPattern.Builder();
        Append(builder, value.Value, template, reference);
        return builder.Build();
    }

    private static void Append(ArnPattern.Builder builder, Value value, Template template, IamServiceReference reference)
    {
        switch (value)
        {
            case LiteralValue l:
                builder.Literal(l.Text);
                break;
            case CompositeValue c:
                foreach (var part in c.Parts)
                {
                    Append(builder, part, template, reference);
                }

                break;
            case SymbolicValue { Kind: SymbolKind.PseudoParameter } p:
                if (p.Name is "AWS::Partition" or "AWS::Region" or "AWS::AccountId" or "AWS::URLSuffix" or "AWS::StackName")
                {
                    builder.Variable(ArnCharClass.Name, p.Display);
                }
                else
                {
                    builder.Unknown(p.Display);
                }

                break;
            case SymbolicValue { Kind: SymbolKind.ResourceRef } r when template.GetResource(r.Name) is { } resource && Of(resource.Type) is { } row:
                switch (row.Ref)
                {
                    case RefReturns.Id:
                        builder.Variable(ArnCharClass.Name, r.Display);
                        break;
                    case RefReturns.Name:
                        builder.Variable(ArnCharClass.NoColon, r.Display);
                        break;
                    case RefReturns.Arn when ResourceTypeOf(resource.Type, reference) is { } type:
                        builder.Arn(type.Format, r.Display);
                        break;
                    default:
                        builder.Unknown(r.Display);
                        break;
                }

                break;
            case SymbolicValue { Kind: SymbolKind.GetAtt, Attribute: { } attribute } g
                when template.GetResource(g.Name) is { } resource && Of(resource.Type) is { } row
                    && row.ArnAttributes.Contains(attribute, StringComparer.Ordinal) && ResourceTypeOf(resource.Type, reference) is { } type:
                builder.Arn(type.Format, g.Display);
                break;
            default:
                builder.Unknown(value.Display);
                break;
        }
    }
}
