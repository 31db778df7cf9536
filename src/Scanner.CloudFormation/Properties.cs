using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Scanner.CloudFormation.Tests")]
