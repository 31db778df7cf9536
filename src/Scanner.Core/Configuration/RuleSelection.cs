using Scanner.Core.Diagnostics;

namespace Scanner.Core.Configuration;

/// <summary>
/// Which rules run: a profile (allow list; if present only those ids run, including ones off by default) and a
/// deny list (never run). Rules that are off by default run only when a profile names them.
/// </summary>
public sealed class RuleSelection
{
    public static readonly RuleSelection Default = new(null, null);

    public RuleSelection(IReadOnlySet<string>? profile, IReadOnlySet<string>? denyList)
    {
        Profile = profile;
        DenyList = denyList;
    }

    public IReadOnlySet<string>? Profile { get; }

    public IReadOnlySet<string>? DenyList { get; }

    public bool IsEnabled(RuleDescriptor descriptor)
    {
        if (DenyList is not null && DenyList.Contains(descriptor.Id))
        {
            return false;
        }

        if (Profile is not null)
        {
            // Template diagnostics are never filtered out by a profile: a broken template must surface.
            return Profile.Contains(descriptor.Id) || !descriptor.Kind.IsSelectedByProfile();
        }

        return descriptor.EnabledByDefault;
    }
}
