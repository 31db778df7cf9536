using Scanner.Core.Diagnostics;

namespace Scanner.CloudFormation.Analysis;

/// <summary>
/// Offers repairs for findings after the rules ran: the host hands it each template's findings, and it returns them
/// with a <see cref="Finding.Fix"/> where a repair is certainly right. Rules stay unaware of fixes.
/// </summary>
public interface IFixProvider
{
    /// <summary>Whether findings of <paramref name="ruleId"/> can ever carry a fix.</summary>
    bool IsFixable(string ruleId);

    /// <summary>The findings, in the same order, those with a repair carrying it.</summary>
    IReadOnlyList<Finding> AttachFixes(TemplateContext context, IReadOnlyList<Finding> findings);
}
