using Scanner.Core.Text;

namespace Scanner.Core.Diagnostics;

/// <summary>
/// Text edits that repair a finding, computed from the syntax tree of the file the finding is in. Offered only where
/// the repair is certainly right; <see cref="RecreatesResource"/> says when applying it to a stack that already exists
/// makes CloudFormation replace the resource (a new, empty one: its data is not carried over).
/// </summary>
public sealed record CodeFix(string Description, IReadOnlyList<TextEdit> Edits)
{
    public bool RecreatesResource { get; init; }
}
