using Scanner.Core.Diagnostics;

namespace Scanner.Rules.Trust;

/// <summary>
/// The trust-policy rules' descriptors, one table in id order (TRUST001–TRUST030): what each rule reports, at which
/// severity and why. The analysis of each lives in the class named next to it.
/// </summary>
public static class TrustRules
{
    /// <summary>TRUST001, checked by <see cref="TrustPolicyAllowsAnyPrincipal"/>.</summary>
    public static readonly RuleDescriptor AllowsAnyPrincipal = Create(
        "TRUST001",
        "Wildcard principal without an identity-restricting condition",
        "The role can be assumed by any principal of any AWS account: the wildcard principal has no condition on the caller's organization, account or ARN{0}.",
        SecuritySeverity.Critical,
        "A trust policy whose principal is \"*\" admits every authenticated identity of every account unless a condition pins who the caller is. Conditions that restrict nothing (IfExists, ForAllValues on a missing key, organization wildcards, Null) do not count. The only sound use of \"*\" is together with aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn or aws:userid compared with positive operators.",
        "Name the trusted account or role as the principal, or keep \"*\" and add StringEquals aws:PrincipalOrgID (or ArnEquals aws:PrincipalArn) with your organization or role.",
        [new RuleAlias("checkov", "CKV_AWS_60")]);

    /// <summary>TRUST002, checked by <see cref="TrustPolicyAnyPrincipalGatedByWeakKeys"/>.</summary>
    public static readonly RuleDescriptor AnyPrincipalGatedByWeakKeys = Create(
        "TRUST002",
        "Wildcard principal gated only by caller-controlled or non-identity keys",
        "The wildcard principal is restricted only by {0}, which do not pin the caller's organization, account or ARN, so principals of any account can still assume the role{1}.",
        SecuritySeverity.High,
        "With Principal \"*\", tags, source identity and ExternalId are chosen by the caller's own account, and IP ranges or times say nothing about identity. Only an effective condition on aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn or aws:userid limits who may assume the role.",
        "Add StringEquals aws:PrincipalOrgID (or aws:PrincipalAccount / ArnEquals aws:PrincipalArn) next to the existing conditions, or name the trusted principals explicitly.");

    /// <summary>TRUST003, checked by <see cref="TrustPolicyAllowWithNotPrincipal"/>.</summary>
    public static readonly RuleDescriptor AllowWithNotPrincipal = Create(
        "TRUST003",
        "Trust policy uses NotPrincipal",
        "{0}.",
        SecuritySeverity.Critical,
        "Allow with NotPrincipal lets every principal of every account assume the role except the ones listed. Deny with NotPrincipal is valid but must list the account, the role and each assumed-role session ARN to avoid locking out or letting in the wrong callers.",
        "Use Principal with the identities that may assume the role; express exceptions with a Deny and aws:PrincipalArn conditions.",
        [new RuleAlias("cfn-nag", "F6"), new RuleAlias("parliament", "NOTPRINCIPAL_WITH_ALLOW")],
        findingSeverities: [SecuritySeverity.Low]);

    /// <summary>TRUST004, checked by <see cref="TrustPolicyPartialWildcardPrincipal"/>.</summary>
    public static readonly RuleDescriptor PartialWildcardPrincipal = Create(
        "TRUST004",
        "Partial wildcard in a Principal value",
        "The principal '{0}' contains a wildcard; IAM accepts only \"*\" on its own and rejects this policy. Use an account principal with an ArnLike aws:PrincipalArn condition instead.",
        SecuritySeverity.Medium,
        "Principals do not support patterns such as role/ci-* or arn:aws:iam::*:root: IAM reports an invalid principal and the deployment fails. Patterns belong in conditions.",
        "Name the account (arn:aws:iam::<account>:root) as principal and match the roles with ArnLike aws:PrincipalArn.");

    /// <summary>TRUST005, checked by <see cref="TrustPolicyAccountPrincipalWithoutNarrowing"/>.</summary>
    public static readonly RuleDescriptor AccountPrincipalWithoutNarrowing = Create(
        "TRUST005",
        "Account principal of own or trusted account without narrowing",
        "The principal '{0}' trusts the whole account {1}: any user or role there whose permissions allow sts:AssumeRole can assume this role{2}.",
        SecuritySeverity.Low,
        "An account principal (arn:aws:iam::<account>:root or a bare account id) delegates the decision to the account's identity policies; every administrator with Action \"*\" can assume the role. That is usually more principals than intended.",
        "Add ArnEquals aws:PrincipalArn (or a condition on aws:PrincipalTag/…) naming the roles that need access, or name those roles as principals.",
        [new RuleAlias("checkov", "CKV_AWS_61")]);

    /// <summary>TRUST006, checked by <see cref="TrustPolicyCrossAccountWithoutExternalId"/>.</summary>
    public static readonly RuleDescriptor CrossAccountWithoutExternalId = Create(
        "TRUST006",
        "Third-party cross-account trust without sts:ExternalId",
        "{0}{1}.",
        SecuritySeverity.High,
        "A vendor that assumes roles for many customers can be tricked into using its access against your role if the trust does not require the ExternalId you agreed with it (the confused-deputy problem). Accounts that are neither the stack's nor configured as trusted are treated as third parties; accounts that cannot be resolved are reported as unverifiable.",
        "Add StringEquals sts:ExternalId with the id agreed with the third party, restrict to your organization with aws:PrincipalOrgID, or list the account with --trusted-accounts.");

    /// <summary>TRUST007, checked by <see cref="TrustPolicyIneffectiveExternalId"/>.</summary>
    public static readonly RuleDescriptor IneffectiveExternalId = Create(
        "TRUST007",
        "Ineffective sts:ExternalId condition",
        "The sts:ExternalId condition does not bind the caller to an id: {0}.",
        SecuritySeverity.Medium,
        "ExternalId protects against the confused deputy only when compared exactly: IfExists is true when the caller omits the id, wildcards and negated operators match ids the caller picks, Null only checks presence, and set operators treat a missing id as a match.",
        "Use StringEquals sts:ExternalId with the exact id agreed with the third party.");

    /// <summary>TRUST008, checked by <see cref="TrustPolicyBroadPrincipalArnPattern"/>.</summary>
    public static readonly RuleDescriptor BroadPrincipalArnPattern = Create(
        "TRUST008",
        "Over-broad aws:PrincipalArn or aws:PrincipalAccount pattern",
        "The pattern '{0}' of '{1}' matches principals of any account; role and user names are not unique across accounts, so anyone can create a matching principal.",
        SecuritySeverity.High,
        "A role named Deployer can be created in any account. A PrincipalArn pattern must pin the account field, and aws:PrincipalAccount must not be a wildcard.",
        "Put the account id in the pattern (arn:aws:iam::111122223333:role/Deployer) or add StringEquals aws:PrincipalOrgID.");

    /// <summary>TRUST009, checked by <see cref="TrustPolicyWildcardAction"/>.</summary>
    public static readonly RuleDescriptor WildcardAction = Create(
        "TRUST009",
        "Wildcard action in trust policy",
        "The action '{0}' allows more than the principal needs, including sts:TagSession, sts:SetSourceIdentity and every AssumeRoleWith* path.",
        SecuritySeverity.Medium,
        "sts:* (or *) lets the caller choose session tags and source identity, which downstream ABAC policies trust, and opens every federation path. Trust policies should list the exact actions.",
        "List the actions explicitly, usually sts:AssumeRole (or AssumeRoleWithSAML / AssumeRoleWithWebIdentity).",
        [new RuleAlias("cfn-nag", "F2"), new RuleAlias("checkov", "CKV2_AWS_68")],
        findingSeverities: [SecuritySeverity.High]);

    /// <summary>TRUST010, checked by <see cref="TrustPolicyAllowWithNotAction"/>.</summary>
    public static readonly RuleDescriptor AllowWithNotAction = Create(
        "TRUST010",
        "Trust policy allows with NotAction",
        "Allow with NotAction grants every STS action except the listed ones, including session tagging and actions added later.",
        SecuritySeverity.High,
        "NotAction in an Allow is an open-ended grant: every current and future action not listed is allowed, such as sts:TagSession or sts:SetSourceIdentity.",
        "Replace NotAction with Action listing the actions the principal needs.",
        [new RuleAlias("cfn-nag", "W14")]);

    /// <summary>TRUST011, checked by <see cref="TrustPolicyNonTrustElement"/>.</summary>
    public static readonly RuleDescriptor NonTrustElement = Create(
        "TRUST011",
        "Resource element or non-trust action in a trust policy",
        "{0}.",
        SecuritySeverity.Medium,
        "A trust policy may only contain the STS actions that assume a role or decorate the session, and no Resource element: IAM rejects a trust policy with Resource, and permissions such as s3:GetObject do nothing there. This is usually an identity policy pasted into AssumeRolePolicyDocument.",
        "Move permissions to Policies or a managed policy, and keep only sts:AssumeRole* / sts:TagSession / sts:SetSourceIdentity / sts:SetContext in the trust policy.");

    /// <summary>TRUST012, checked by <see cref="TrustPolicyPrincipalActionMismatch"/>.</summary>
    public static readonly RuleDescriptor PrincipalActionMismatch = Create(
        "TRUST012",
        "Principal type does not match the action or condition keys",
        "{0}.",
        SecuritySeverity.Low,
        "SAML providers assume roles only with sts:AssumeRoleWithSAML, OIDC and web identity providers only with sts:AssumeRoleWithWebIdentity, and AWS or service principals only with sts:AssumeRole. A key specific to one kind of principal can never be satisfied by another kind in the same statement: SAML:aud exists only in SAML federation, and sts:ExternalId is sent by AWS principals and by the services documented to pass one (Firehose, Cognito user pools' SMS role, Redshift; Scanner.Iam.ServicePrincipalFacts names the sources). Such trust never works and hides the trust that does.",
        "Split the statement per principal kind and give each the action and condition keys of its kind.");

    /// <summary>TRUST013, checked by <see cref="TrustPolicySamlWithoutAudience"/>.</summary>
    public static readonly RuleDescriptor SamlWithoutAudience = Create(
        "TRUST013",
        "SAML federation without SAML:aud",
        "The SAML provider '{0}' is trusted without a SAML:aud condition, so an assertion issued for another service provider of the same IdP can be replayed here{1}.",
        SecuritySeverity.Medium,
        "SAML:aud is the recipient URL of the assertion. Requiring https://signin.aws.amazon.com/saml (or the regional sign-in endpoint) ensures the IdP issued it for AWS rather than for another application that trusts the same IdP.",
        "Add StringEquals SAML:aud: https://signin.aws.amazon.com/saml.");

    /// <summary>TRUST014, checked by <see cref="TrustPolicyWebIdentityWithoutAudience"/>.</summary>
    public static readonly RuleDescriptor WebIdentityWithoutAudience = Create(
        "TRUST014",
        "Web identity federation without audience condition",
        "{0}.",
        SecuritySeverity.Critical,
        "Built-in identity providers (Cognito, Google, Facebook, Login with Amazon) have no client list in IAM: the audience condition is the only thing that ties the token to your application, without it any identity pool or app in any account qualifies. For IAM OIDC providers STS already requires the token audience to be in the provider's ClientIdList, so a missing <issuer>:aud matters when that list has several clients or cannot be seen in the template. Cognito roles should also require the authenticated amr.",
        "Add StringEquals on the provider's audience key (cognito-identity.amazonaws.com:aud with the identity pool id, accounts.google.com:aud, graph.facebook.com:app_id, www.amazon.com:app_id, or <issuer>:aud), and for Cognito ForAnyValue:StringLike cognito-identity.amazonaws.com:amr = authenticated.",
        findingSeverities: [SecuritySeverity.Low, SecuritySeverity.Medium]);

    /// <summary>TRUST015, checked by <see cref="TrustPolicyCiOidcWithoutSubject"/>.</summary>
    public static readonly RuleDescriptor CiOidcWithoutSubject = Create(
        "TRUST015",
        "Multi-tenant CI OIDC provider without sub condition",
        "The CI identity provider '{0}' is trusted without a '{0}:sub' condition, so a workflow of any repository of any customer of that CI service can assume the role{1}.",
        SecuritySeverity.Critical,
        "GitHub Actions, GitLab, Terraform Cloud, CircleCI, Bitbucket and Buildkite issue tokens for all their customers from one issuer. The audience (e.g. sts.amazonaws.com) is the same for everyone, so only the sub claim says which repository or project the token belongs to.",
        "Add a StringEquals (or StringLike) condition on <issuer>:sub naming your repository and branch or environment, e.g. repo:acme/deploy:environment:prod.",
        [new RuleAlias("checkov", "CKV_AWS_358")],
        findingSeverities: [SecuritySeverity.Medium]);

    /// <summary>TRUST016, checked by <see cref="TrustPolicyBroadOidcSubject"/>.</summary>
    public static readonly RuleDescriptor BroadOidcSubject = Create(
        "TRUST016",
        "Over-broad OIDC sub pattern",
        "The '{0}' value '{1}' {2}.",
        SecuritySeverity.Medium,
        "The sub claim of CI tokens is repo:<owner>/<repo>:<context> (GitHub) or project_path:<group>/<project>:… (GitLab). A wildcard in the owner admits other owners (repo:acme* matches acme-evil/x), a pattern without the repository admits any repository with the same environment or ref, owner/* admits every repository of the organization and owner/repo:* admits every branch and pull request.",
        "Pin owner and repository and, where possible, the branch or environment: repo:acme/deploy:environment:prod or repo:acme/deploy:ref:refs/heads/main.",
        [new RuleAlias("checkov", "CKV_AWS_358")],
        findingSeverities: [SecuritySeverity.Low, SecuritySeverity.High, SecuritySeverity.Critical]);

    /// <summary>TRUST017, checked by <see cref="TrustPolicyWildcardWithoutLikeOperator"/>.</summary>
    public static readonly RuleDescriptor WildcardWithoutLikeOperator = Create(
        "TRUST017",
        "Wildcard under a non-Like operator",
        "The value '{0}' of '{1}' contains a wildcard, but '{2}' compares it literally: {3}.",
        SecuritySeverity.Low,
        "Only StringLike and ArnLike (and their negations) treat * and ? as wildcards. Under StringEquals or ArnEquals they are ordinary characters, so an Allow never matches (and gets \"fixed\" with something broader) and a Deny guard never fires.",
        "Use StringLike/ArnLike for patterns, or remove the wildcard.",
        findingSeverities: [SecuritySeverity.Medium]);

    /// <summary>TRUST018, checked by <see cref="TrustPolicyEksOidcWithoutServiceAccount"/>.</summary>
    public static readonly RuleDescriptor EksOidcWithoutServiceAccount = Create(
        "TRUST018",
        "EKS OIDC trust without a service-account sub",
        "{0}.",
        SecuritySeverity.High,
        "With IAM roles for service accounts, the cluster's OIDC issuer signs tokens for every service account. Without a sub condition naming system:serviceaccount:<namespace>:<name>, every pod in the cluster can assume the role.",
        "Add StringEquals <issuer>:sub = system:serviceaccount:<namespace>:<service-account> (and <issuer>:aud = sts.amazonaws.com).",
        findingSeverities: [SecuritySeverity.Medium]);

    /// <summary>TRUST019, checked by <see cref="TrustPolicyForAllValuesVacuous"/>.</summary>
    public static readonly RuleDescriptor ForAllValuesVacuous = Create(
        "TRUST019",
        "ForAllValues condition that is true when the key is absent",
        "The condition does not restrict anything: {0}, so callers without it (e.g. principals outside any organization) match.",
        SecuritySeverity.High,
        "ForAllValues asks whether every value of the request's key is in the list, which is vacuously true when the request has no such key. On single-valued keys it should not be used at all; on multi-valued keys it needs a Null: {key: \"false\"} companion to require the key.",
        "Use the operator without ForAllValues for single-valued keys (StringEquals aws:PrincipalOrgID), or add Null: {<key>: \"false\"} for multi-valued keys.",
        [new RuleAlias("parliament", "SINGLE_VALUE_CONDITION_TOO_PERMISSIVE")]);

    /// <summary>TRUST020, checked by <see cref="TrustPolicyIfExistsOrNullAsRestriction"/>.</summary>
    public static readonly RuleDescriptor IfExistsOrNullAsRestriction = Create(
        "TRUST020",
        "IfExists or Null used as a restriction in Allow",
        "The condition on '{0}' does not restrict anything: {1}.",
        SecuritySeverity.High,
        "…IfExists operators are true when the request has no such key, so principals outside any organization, callers that omit an id and tokens without a claim all match. Null: \"false\" only checks that the key is present. Bool aws:MultiFactorAuthPresent \"false\" matches only sessions that report no MFA, not those without the key.",
        "Use the operator without IfExists (StringEquals aws:PrincipalOrgID) and compare values, not presence.",
        [new RuleAlias("parliament", "BAD_PATTERN_FOR_MFA")]);

    /// <summary>TRUST021, checked by <see cref="TrustPolicyWildcardOrganization"/>.</summary>
    public static readonly RuleDescriptor WildcardOrganization = Create(
        "TRUST021",
        "Organization condition with a wildcard value",
        "The pattern '{0}' of '{1}' matches principals of any organization, not only yours.",
        SecuritySeverity.High,
        "Anyone can create an AWS organization. aws:PrincipalOrgID compared with o-* or *, or aws:PrincipalOrgPaths starting with o-*/, admits members of every organization; a path under your own organization id (o-a1b2c3d4e5/*) is fine.",
        "Compare aws:PrincipalOrgID with your organization id using StringEquals, or give aws:PrincipalOrgPaths a path that starts with your organization id.");

    /// <summary>TRUST022, checked by <see cref="TrustPolicyOrgDenyBlocksServices"/>.</summary>
    public static readonly RuleDescriptor OrgDenyBlocksServices = Create(
        "TRUST022",
        "Organization perimeter Deny without the AWS-service exception",
        "This Deny on '{0}' also denies the service principals the policy trusts, because AWS services carry no organization id; add BoolIfExists aws:PrincipalIsAWSService: \"false\".",
        SecuritySeverity.Low,
        "A Deny with StringNotEquals aws:PrincipalOrgID is true for callers without an organization id, which includes AWS services assuming the role. Unless the Deny exempts services, the Allow for the service principal never works.",
        "Add BoolIfExists: {aws:PrincipalIsAWSService: \"false\"} to the Deny statement.");

    /// <summary>TRUST023, checked by <see cref="TrustPolicyUnconstrainedTagSession"/>.</summary>
    public static readonly RuleDescriptor UnconstrainedTagSession = Create(
        "TRUST023",
        "sts:TagSession without tag constraints",
        "'{0}' lets the caller set any session tags, which become aws:PrincipalTag values downstream{1}.",
        SecuritySeverity.Medium,
        "Session tags become aws:PrincipalTag/<key> for everything the session does, and transitive tags survive role chaining. Without aws:RequestTag values or a ForAllValues aws:TagKeys list, the caller can give itself any tag that an attribute-based policy checks.",
        "Constrain the tags: StringEquals aws:RequestTag/<key> with the allowed values and ForAllValues:StringEquals aws:TagKeys with the allowed keys (and sts:TransitiveTagKeys when chaining).",
        findingSeverities: [SecuritySeverity.High]);

    /// <summary>TRUST024, checked by <see cref="TrustPolicyUnconstrainedSourceIdentity"/>.</summary>
    public static readonly RuleDescriptor UnconstrainedSourceIdentity = Create(
        "TRUST024",
        "sts:SetSourceIdentity without an sts:SourceIdentity constraint",
        "'{0}' lets the caller set any source identity, which persists through role chaining and into CloudTrail{1}.",
        SecuritySeverity.Medium,
        "The source identity is set once and cannot be changed by later sessions; policies keyed on aws:SourceIdentity and audits rely on it. Unconstrained, a caller can claim to be someone else.",
        "Add StringEquals sts:SourceIdentity: ${aws:username} (written ${!aws:username} inside Fn::Sub), with Version 2012-10-17.");

    /// <summary>TRUST025, checked by <see cref="TrustPolicyServiceWithoutSourceScope"/>.</summary>
    public static readonly RuleDescriptor ServiceWithoutSourceScope = Create(
        "TRUST025",
        "Service principal without source account or ARN condition",
        "The service '{0}' is trusted without aws:SourceAccount, aws:SourceArn or aws:SourceOrgID, so the service can be made to use this role on behalf of another account's resources{1}.",
        SecuritySeverity.Low,
        "A service acting for many customers can be asked by another account to use your role (cross-service confused deputy). The rule covers the services whose documentation gives their role trust aws:SourceAccount/aws:SourceArn conditions (Scanner.Iam.ServicePrincipalFacts lists each with its AWS documentation page); adding the keys for a service that does not send them breaks the trust.",
        "Add StringEquals aws:SourceAccount with this account (and ArnLike aws:SourceArn with the schedule, rule or pipe ARN).",
        [new RuleAlias("checkov", "CKV_AWS_364")]);

    /// <summary>TRUST026, checked by <see cref="TrustPolicyMalformedPrincipal"/>.</summary>
    public static readonly RuleDescriptor MalformedPrincipal = Create(
        "TRUST026",
        "Malformed principal value",
        "{0}; IAM rejects the trust policy.",
        SecuritySeverity.Low,
        "IAM validates principals when the role is created: groups are not principals, Ref of a role gives its name rather than its ARN, service principals have the form <name>.amazonaws.com, Federated takes a SAML/OIDC provider ARN or a built-in identity provider, and empty principals or unknown principal types are rejected. The deployment fails.",
        "Use Fn::GetAtt <Role>.Arn for roles in the template, account or role ARNs for AWS principals, and provider ARNs for Federated.",
        [new RuleAlias("parliament", "UNKNOWN_PRINCIPAL")]);

    /// <summary>TRUST027, checked by <see cref="TrustPolicySpecificRoleArnPrincipal"/>.</summary>
    public static readonly RuleDescriptor SpecificRoleArnPrincipal = Create(
        "TRUST027",
        "Specific role or user ARN in Principal",
        "The principal '{0}' is stored by IAM as the unique id of that {1}: if it is deleted and recreated, the trust silently stops matching, and it must exist when this role is deployed.",
        SecuritySeverity.Low,
        "IAM replaces a role or user ARN in a trust policy with the principal's unique id (AROA…/AIDA…). Recreating the principal breaks the trust without any visible change, and deploying fails with \"Invalid principal\" when it does not exist yet. An account principal with ArnEquals aws:PrincipalArn compares the ARN as a string instead.",
        "Use the account as principal and ArnEquals aws:PrincipalArn with the role ARN, or reference a role of this template with Fn::GetAtt.",
        enabledByDefault: false);

    /// <summary>TRUST028, checked by <see cref="TrustPolicyIneffectiveIpCondition"/>.</summary>
    public static readonly RuleDescriptor IneffectiveIpCondition = Create(
        "TRUST028",
        "IP condition that restricts nothing or the wrong thing",
        "{0}.",
        SecuritySeverity.Low,
        "aws:SourceIp 0.0.0.0/0 or ::/0 matches every caller. Calls through VPC endpoints carry aws:VpcSourceIp, not a private aws:SourceIp, so private ranges never match. Calls made by AWS services do not come from your network, and NotIpAddress in an Allow admits every address but a few.",
        "Compare aws:SourceIp with your public egress ranges, or aws:VpcSourceIp/aws:SourceVpce for private networks; drop IP conditions for service principals.");

    /// <summary>TRUST029, checked by <see cref="TrustPolicyLongSessionDuration"/>.</summary>
    public static readonly RuleDescriptor LongSessionDuration = Create(
        "TRUST029",
        "MaxSessionDuration does not fit the trusted principals",
        "{0}.",
        SecuritySeverity.Low,
        "Sessions obtained by role chaining are capped at one hour, so a MaxSessionDuration above 3600 on a role trusted only by roles has no effect, and requests for a longer DurationSeconds fail. Twelve-hour sessions for federated or external principals keep credentials valid long after access should end.",
        "Keep MaxSessionDuration at 3600 for roles assumed by other roles, and as short as practical for federated or external principals.");

    /// <summary>TRUST030, checked by <see cref="TrustPolicyStructurallyInvalid"/>.</summary>
    public static readonly RuleDescriptor StructurallyInvalid = Create(
        "TRUST030",
        "Structurally invalid trust document",
        "{0}",
        SecuritySeverity.Medium,
        "IAM rejects trust documents with a missing Statement, Effect or Principal, an Effect other than Allow/Deny, Principal and NotPrincipal (or Action and NotAction) together, duplicate or non-alphanumeric Sids, unknown elements, unparsable JSON, or more than 2048 characters (the default quota). Without Version 2012-10-17 (no Version, or 2008-10-17) policy variables such as ${aws:username} are literal text: that is reported where the document uses them, since only then does the Version change what it means. Duplicate keys and documents that cannot be resolved statically are reported at LOW.",
        "Fix the document's structure; use Version 2012-10-17 where the document uses policy variables.",
        [new RuleAlias("cfn-lint", "E3530"), new RuleAlias("parliament", "MALFORMED")],
        findingSeverities: [SecuritySeverity.Low]);

    private const string Category = "IAM trust policy";

    /// <summary>
    /// A trust rule descriptor: the level follows the catalog severity (HIGH and above fail the build) and never
    /// varies; <paramref name="findingSeverities"/> lists the other severities a tiered rule may rate a finding at.
    /// </summary>
    private static RuleDescriptor Create(string id, string title, string message, SecuritySeverity severity, string description, string remediation, IEnumerable<RuleAlias>? aliases = null, bool enabledByDefault = true, IEnumerable<SecuritySeverity>? findingSeverities = null) =>
        RuleDescriptor.Create(id, title, message, LevelOf(severity), severity, Category, description, remediation, aliases,
            ["AWS::IAM::Role"], kind: RuleKind.Trust, enabledByDefault: enabledByDefault, findingSeverities: findingSeverities,
            arguments: [TrustRuleSupport.TrustedAccountsDeclaration]);

    private static RuleLevel LevelOf(SecuritySeverity severity) => severity >= SecuritySeverity.High ? RuleLevel.Failure : RuleLevel.Warning;
}
