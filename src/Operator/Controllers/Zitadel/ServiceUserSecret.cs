using System.Globalization;
using k8s.Models;
using Operator.Api;

namespace Operator.Controllers.Zitadel;

/// <summary>Why the service user's PAT is (re)issued.</summary>
internal enum PatIssue
{
    /// <summary>The Secret holds a current PAT: nothing to do.</summary>
    None,

    /// <summary>No Secret (first issuance, or it was deleted).</summary>
    Missing,

    /// <summary>The Secret has no PAT, or one of another user (the service user was recreated).</summary>
    Invalid,

    /// <summary><c>spec.serviceUser.credentialRotationTrigger</c> changed.</summary>
    Rotation,
}

/// <summary>
/// The Secret <c>&lt;tenant&gt;-scim-zitadel</c> holding the service user's PAT under <c>pat</c>, which only the
/// endpoint mounts. Like the ScimKey's Secret, its provenance is in annotations (user id, token id, rotation trigger,
/// issue time), so decisions read the live Secret and a restart or resync never reissues.
/// </summary>
internal static class ServiceUserSecret
{
    public const string DataKey = "pat";
    public const string UserIdAnnotation = ApiGroup.Prefix + "zitadel-user-id";
    public const string TokenIdAnnotation = ApiGroup.Prefix + "zitadel-token-id";
    public const string TriggerAnnotation = ApiGroup.Prefix + "rotation-trigger";
    public const string IssuedAtAnnotation = ApiGroup.Prefix + "issued-at";

    public static string Name(ScimTenant tenant) => tenant.Metadata.Name + "-scim-zitadel";

    /// <summary>Whether a PAT must be issued for <paramref name="userId"/>, given the live Secret (null: none).</summary>
    public static PatIssue Decide(V1Secret? live, string userId, string? trigger)
    {
        if (live is null)
        {
            return PatIssue.Missing;
        }

        if (Annotation(live, UserIdAnnotation) != userId || TokenId(live) is null ||
            live.Data?.TryGetValue(DataKey, out var pat) != true || pat is not { Length: > 0 })
        {
            return PatIssue.Invalid;
        }

        return (Annotation(live, TriggerAnnotation) ?? "") != (trigger ?? "") ? PatIssue.Rotation : PatIssue.None;
    }

    /// <summary>The ZITADEL token id the Secret's PAT has, from its provenance.</summary>
    public static string? TokenId(V1Secret secret) => Annotation(secret, TokenIdAnnotation);

    /// <summary>The Secret for a freshly issued PAT.</summary>
    public static V1Secret Build(
        ScimTenant tenant, string userId, string tokenId, string pat, string? trigger, DateTimeOffset now)
    {
        var annotations = new Dictionary<string, string>
        {
            [UserIdAnnotation] = userId,
            [TokenIdAnnotation] = tokenId,
            [IssuedAtAnnotation] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(trigger))
        {
            annotations[TriggerAnnotation] = trigger;
        }

        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = "Opaque",
            Metadata = new V1ObjectMeta
            {
                Name = Name(tenant),
                NamespaceProperty = tenant.Metadata.NamespaceProperty,
                Labels = new Dictionary<string, string>
                {
                    [KeyLabels.ManagedBy] = KeyLabels.ManagedByValue,
                    [KeyLabels.Tenant] = tenant.Metadata.Name,
                },
                Annotations = annotations,
                OwnerReferences = [TenantOwner.Reference(tenant)],
            },
            Data = new Dictionary<string, byte[]> { [DataKey] = System.Text.Encoding.UTF8.GetBytes(pat) },
        };
    }

    /// <summary>The ZITADEL user the Secret's PAT belongs to, from its provenance.</summary>
    public static string? UserId(V1Secret? secret) => secret is null ? null : Annotation(secret, UserIdAnnotation);

    private static string? Annotation(V1Secret secret, string name) =>
        secret.Metadata.Annotations?.TryGetValue(name, out var value) == true ? value : null;
}
