using Operator.Api;
using Operator.Keys;

namespace Operator.Controllers;

/// <summary>The ScimKey rules, checked again in the controller (see <see cref="TenantSpecValidator"/>).</summary>
internal static class KeySpecValidator
{
    /// <summary>Labels the operator owns on an issued Secret; a secretTemplate may not set them.</summary>
    public static readonly IReadOnlyList<string> ReservedLabels = [KeyLabels.ManagedBy, KeyLabels.Tenant, KeyLabels.Key];

    public static IReadOnlyList<string> Validate(ScimKeySpec spec)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(spec.TenantRef?.Name))
        {
            errors.Add("spec.tenantRef.name: required");
        }

        if (spec.ExpiresAfter is not null && spec.ExpiresAt is not null)
        {
            errors.Add("spec: set at most one of expiresAfter and expiresAt");
        }

        if (spec.ExpiresAfter is { } after && (!GoDuration.TryParse(after, out var lifetime) || lifetime <= TimeSpan.Zero))
        {
            errors.Add($"spec.expiresAfter: '{after}' is not a positive duration such as 2160h");
        }

        if (spec.Rotation?.GracePeriod is { } grace && !GoDuration.TryParse(grace, out _))
        {
            errors.Add($"spec.rotation.gracePeriod: '{grace}' is not a duration such as 24h");
        }

        foreach (var reserved in ReservedLabels)
        {
            if (spec.SecretTemplate?.Labels?.ContainsKey(reserved) == true)
            {
                errors.Add($"spec.secretTemplate.labels: '{reserved}' is set by the operator");
            }
        }

        foreach (var annotation in spec.SecretTemplate?.Annotations?.Keys ?? [])
        {
            if (annotation.StartsWith(ApiGroup.Prefix, StringComparison.Ordinal))
            {
                errors.Add($"spec.secretTemplate.annotations: '{annotation}' is in the operator's prefix {ApiGroup.Prefix}");
            }
        }

        return errors;
    }

    public static TimeSpan GracePeriod(ScimKeySpec spec) =>
        GoDuration.TryParse(spec.Rotation?.GracePeriod, out var grace) ? grace : TimeSpan.FromHours(24);
}

/// <summary>Labels on everything the operator issues.</summary>
internal static class KeyLabels
{
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "scim-operator";
    public const string Tenant = ApiGroup.Prefix + "tenant";
    public const string Key = ApiGroup.Prefix + "key";

    /// <summary>The label selector of the operator's Secret informer.</summary>
    public const string Selector = ManagedBy + "=" + ManagedByValue;
}
