using System.Runtime.CompilerServices;
using Scanner.CloudFormation.Analysis;
using Scanner.CloudFormation.Evaluation;
using Scanner.CloudFormation.Model;

namespace Scanner.Iam.Permissions;

/// <summary>
/// A principal of the template with every identity policy attached to it: a role, user or group (its inline
/// Policies, the AWS::IAM::Policy / ManagedPolicy / RolePolicy… resources naming it, its ManagedPolicyArns that are
/// policies of the template, for a user also its groups'), a SAM function or state machine that generates its role,
/// an SSO permission set; or a policy of the template attached to no principal of the template (and not a permissions
/// boundary), on its own.
/// </summary>
public sealed class PermissionHolder
{
    internal PermissionHolder(Resource resource, IReadOnlyList<PolicyDocument> documents, IReadOnlyList<PolicyDocument> boundary, bool boundaryUnresolved, bool isStandalonePolicy, IReadOnlyList<Resource>? groups = null)
    {
        Groups = groups ?? [];
        Resource = resource;
        Documents = documents;
        Boundary = boundary;
        BoundaryUnresolved = boundaryUnresolved;
        IsStandalonePolicy = isStandalonePolicy;
    }

    /// <summary>The principal (or, for a standalone policy, the policy resource).</summary>
    public Resource Resource { get; }

    /// <summary>Every identity document that applies to the principal.</summary>
    public IReadOnlyList<PolicyDocument> Documents { get; }

    /// <summary>The permissions boundary's documents, when it is a managed policy of the template.</summary>
    public IReadOnlyList<PolicyDocument> Boundary { get; }

    /// <summary>True when the principal has a permissions boundary that is not a policy of the template (it may allow anything or nothing).</summary>
    public bool BoundaryUnresolved { get; }

    /// <summary>For a user, the groups of the template it is in (their documents are in <see cref="Documents"/>).</summary>
    public IReadOnlyList<Resource> Groups { get; }

    /// <summary>True when the holder is a policy attached to no principal of the template.</summary>
    public bool IsStandalonePolicy { get; }

    public IEnumerable<PolicyStatement> Statements => Documents.SelectMany(d => d.Statements);

    /// <summary>"the role 'AppRole'", "a principal holding the policy 'Shared' (attached to no principal of the template)".</summary>
    public string Describe() => IsStandalonePolicy
        ? $"a principal holding the policy '{Resource.LogicalId}' (attached to no principal of the template)"
        : $"the {KindOf(Resource.Type)} '{Resource.LogicalId}'";

    private static string KindOf(string type) => type switch
    {
        "AWS::IAM::Role" => "role",
        "AWS::IAM::User" => "user",
        "AWS::IAM::Group" => "group",
        "AWS::SSO::PermissionSet" => "permission set",
        _ => type,
    };

    public override string ToString() => Describe();
}

/// <summary>Finds the permission holders of a template, once per template.</summary>
public static class PermissionHolders
{
    private static readonly ConditionalWeakTable<TemplateContext, Index> Indexes = new();

    /// <summary>Every holder of the template, principals first (in resource order), then standalone policies.</summary>
    public static IReadOnlyList<PermissionHolder> Of(TemplateContext context) => Indexes.GetValue(context, c => new Index(c)).Holders;

    /// <summary>The holders a document applies to (a standalone holder of its own when it is attached to none).</summary>
    public static IReadOnlyList<PermissionHolder> HoldersOf(TemplateContext context, PolicyDocument document) =>
        Indexes.GetValue(context, c => new Index(c)).ByDocument.GetValueOrDefault(document) ?? [];

    private sealed class Index
    {
        private static readonly string[] PrincipalTypes = ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group", "AWS::SSO::PermissionSet"];

        public Index(TemplateContext context)
        {
            var template = context.Template;
            var attached = new Dictionary<Resource, List<PolicyDocument>>();
            var attachedAnywhere = new HashSet<PolicyDocument>();
            var principals = context.Resources.Where(r => PrincipalTypes.Contains(r.Type, StringComparer.Ordinal)).ToList();
            foreach (var p in principals)
            {
                attached[p] = context.PoliciesOf(p).Where(d => d.Kind == PolicyKind.Identity).ToList();
                attachedAnywhere.UnionWith(attached[p]);
            }

            void Attach(Resource principal, IEnumerable<PolicyDocument> documents)
            {
                if (attached.TryGetValue(principal, out var list))
                {
                    foreach (var d in documents)
                    {
                        if (!list.Contains(d))
                        {
                            list.Add(d);
                        }

                        attachedAnywhere.Add(d);
                    }
                }
            }

            // Policy resources that name their principals.
            foreach (var policy in context.Resources)
            {
                var documents = policy.Type is "AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy" or "AWS::IAM::RolePolicy" or "AWS::IAM::UserPolicy" or "AWS::IAM::GroupPolicy"
                    ? context.PoliciesOf(policy).Where(d => d.Kind == PolicyKind.Identity).ToList()
                    : null;
                if (documents is null)
                {
                    continue;
                }

                foreach (var (property, type) in new[]
                {
                    ("Roles", "AWS::IAM::Role"), ("Users", "AWS::IAM::User"), ("Groups", "AWS::IAM::Group"),
                    ("RoleName", "AWS::IAM::Role"), ("UserName", "AWS::IAM::User"), ("GroupName", "AWS::IAM::Group"),
                })
                {
                    foreach (var principal in Referenced(context, context.Variants(policy, property + ".*"), type, principals))
                    {
                        Attach(principal, documents);
                    }
                }
            }

            // Managed policies of the template named in ManagedPolicyArns (Ref of a managed policy is its ARN).
            foreach (var p in principals)
            {
                foreach (var policy in Referenced(context, context.Variants(p, "ManagedPolicyArns.*"), "AWS::IAM::ManagedPolicy", context.Resources))
                {
                    Attach(p, context.PoliciesOf(policy).Where(d => d.Kind == PolicyKind.Identity));
                }
            }

            // Users get their groups' policies (Groups of the user, AWS::IAM::UserToGroupAddition).
            var groupsOf = new Dictionary<Resource, HashSet<Resource>>();
            foreach (var user in principals.Where(p => p.Type == "AWS::IAM::User"))
            {
                groupsOf[user] = Referenced(context, context.Variants(user, "Groups.*"), "AWS::IAM::Group", principals).ToHashSet();
            }

            foreach (var addition in context.ResourcesOfType("AWS::IAM::UserToGroupAddition"))
            {
                foreach (var group in Referenced(context, context.Variants(addition, "GroupName"), "AWS::IAM::Group", principals))
                {
                    foreach (var user in Referenced(context, context.Variants(addition, "Users.*"), "AWS::IAM::User", principals))
                    {
                        groupsOf[user].Add(group);
                    }
                }
            }

            var groupDocuments = principals.Where(p => p.Type == "AWS::IAM::Group").ToDictionary(g => g, g => attached[g].ToArray());
            foreach (var (user, groups) in groupsOf)
            {
                foreach (var group in groups)
                {
                    Attach(user, groupDocuments[group]);
                }
            }

            var holders = new List<PermissionHolder>();
            var boundaries = new HashSet<PolicyDocument>();
            foreach (var p in principals)
            {
                var (boundary, unresolved) = BoundaryOf(context, p);
                boundaries.UnionWith(boundary);
                holders.Add(new PermissionHolder(p, attached[p], boundary, unresolved, isStandalonePolicy: false, groupsOf.TryGetValue(p, out var groups) ? [.. groups] : null));
            }

            foreach (var policy in context.Resources.Where(r => r.Type is "AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy"))
            {
                // A permissions boundary grants nothing: it is not a holder of its own.
                var documents = context.PoliciesOf(policy).Where(d => d.Kind == PolicyKind.Identity && !attachedAnywhere.Contains(d) && !boundaries.Contains(d)).ToList();
                if (documents.Count > 0)
                {
                    holders.Add(new PermissionHolder(policy, documents, [], boundaryUnresolved: false, isStandalonePolicy: true));
                }
            }

            Holders = holders;
            ByDocument = holders.SelectMany(h => h.Documents.Select(d => (d, h)))
                .GroupBy(x => x.d)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<PermissionHolder>)g.Select(x => x.h).Distinct().ToArray());
        }

        public IReadOnlyList<PermissionHolder> Holders { get; }

        public Dictionary<PolicyDocument, IReadOnlyList<PermissionHolder>> ByDocument { get; }

        private static (IReadOnlyList<PolicyDocument> Documents, bool Unresolved) BoundaryOf(TemplateContext context, Resource principal)
        {
            var boundary = context.Variants(principal, "PermissionsBoundary").Present().ToList();
            if (boundary.Count == 0)
            {
                return ([], false);
            }

            var policies = Referenced(context, boundary, "AWS::IAM::ManagedPolicy", context.Resources).Distinct().ToList();
            return policies.Count == 0
                ? ([], true)
                : (policies.SelectMany(p => context.PoliciesOf(p)).Where(d => d.Kind == PolicyKind.Identity).ToArray(), false);
        }

        /// <summary>
        /// The resources of <paramref name="type"/> a property refers to: by Ref / GetAtt, or by a literal name equal to
        /// the literal name property (RoleName, UserName, GroupName, ManagedPolicyName) of a resource. Every deployable
        /// variant counts (both branches of an undecided Fn::If, each possible value of a parameter).
        /// </summary>
        private static IEnumerable<Resource> Referenced(TemplateContext context, IEnumerable<Variant> variants, string type, IEnumerable<Resource> candidates)
        {
            var pool = candidates.Where(c => c.Type == type).ToList();
            foreach (var variant in variants.Present())
            {
                switch (variant.Value)
                {
                    case SymbolicValue { Kind: SymbolKind.ResourceRef or SymbolKind.GetAtt } s when pool.FirstOrDefault(c => c.LogicalId == s.Name) is { } r:
                        yield return r;
                        break;
                    case LiteralValue l:
                        foreach (var r in pool.Where(c => NameOf(context, c) is { } name && (name == l.Text || l.Text.EndsWith("/" + name, StringComparison.Ordinal))))
                        {
                            yield return r;
                        }

                        break;
                }
            }
        }

        private static string? NameOf(TemplateContext context, Resource resource)
        {
            var property = resource.Type switch
            {
                "AWS::IAM::Role" => "RoleName",
                "AWS::IAM::User" => "UserName",
                "AWS::IAM::Group" => "GroupName",
                "AWS::IAM::ManagedPolicy" => "ManagedPolicyName",
                _ => null,
            };
            return property is null ? null : context.Variants(resource, property).Literals().FirstOrDefault();
        }
    }
}
