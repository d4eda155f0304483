using k8s.Models;
using Operator.Api;
using Operator.Keys;

namespace Operator.Controllers;

/// <summary>A tenant's key set and when it next changes by itself (an expiry or a grace period ending).</summary>
internal sealed record KeySetComputation(IReadOnlyList<KeySetEntry> Entries, DateTimeOffset? NextChange);

/// <summary>
/// Which tokens a tenant accepts: for each ScimKey that names the tenant, the token recorded on the Secret that key
/// controls, unless expired, plus a rotated-out token until its grace period ends. A Secret counts only when its
/// controller reference is that ScimKey's uid and its provenance parses, so a Secret someone labels by hand cannot
/// add a token. Only hashes are read; the key set never holds a token.
/// </summary>
internal static class KeySetPolicy
{
    public static string SecretName(ScimTenant tenant) => SecretName(tenant.Metadata.Name);

    public static string SecretName(string tenantName) => tenantName + "-scim-keyset";

    public static KeySetComputation Compute(
        ScimTenant tenant, IEnumerable<ScimKey> keys, Func<string, V1Secret?> secretByName, DateTimeOffset now)
    {
        var entries = new List<KeySetEntry>();
        DateTimeOffset? next = null;
        void Deadline(DateTimeOffset at)
        {
            if (at > now && (next is null || at < next))
            {
                next = at;
            }
        }

        foreach (var key in keys)
        {
            if (key.Spec.TenantRef.Name != tenant.Metadata.Name || key.Metadata.DeletionTimestamp is not null ||
                KeySpecValidator.Validate(key.Spec).Count > 0)
            {
                continue;
            }

            var secret = secretByName(KeyPolicy.SecretName(key));
            if (secret is null || !KeyPolicy.IsControlledBy(secret, key) || IssuedToken.Read(secret) is not { } issued ||
                issued.KeyUid != key.Metadata.Uid)
            {
                continue;
            }

            // The expiry the key's spec gives now wins over the annotation, so shortening it takes effect at once.
            var expiresAt = KeyPolicy.ExpiryOf(key.Spec, issued.IssuedAt);
            if (expiresAt is null || expiresAt > now)
            {
                entries.Add(new KeySetEntry(IssuedToken.KeySetId(key.Metadata.Name, issued.TokenId), issued.Sha256, expiresAt));
                if (expiresAt is { } e)
                {
                    Deadline(e);
                }
            }

            if (issued.Previous is { } previous && previous.ValidUntil > now)
            {
                entries.Add(new KeySetEntry(IssuedToken.KeySetId(key.Metadata.Name, previous.TokenId), previous.Sha256,
                    previous.ValidUntil));
                Deadline(previous.ValidUntil);
            }
        }

        return new KeySetComputation(entries, next);
    }
}
