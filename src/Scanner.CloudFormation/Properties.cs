using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Scanner.CloudFormation.Tests")]
[assembly: InternalsVisibleTo("Scanner.Cli.Tests")]
