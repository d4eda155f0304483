using System.Text;
using k8s.Models;
using Operator.Api;
using Operator.Keys;
using Operator.Runtime;

namespace Operator.Controllers;

/// <summary>What the ScimKey controller must do to the Secret.</summary>
internal enum SecretAction
{
    None,
    Create,
    Update,
}

/// <summary>An event the controller records for a decision; its note never holds a token.</summary>
internal sealed record KeyEvent(bool Warning, string Reason, string Action, string Note);

/// <summary>The outcome of <see cref="KeyPolicy.Decide"/>.</summary>
internal sealed record KeyDecision(
    SecretAction Action,
    V1Secret? Secret,
    ScimKeyStatus Status,
    IReadOnlyList<KeyEvent> Events,
    TimeSpan? RequeueAfter);

/// <summary>
/// The ScimKey policy, as a pure function of the key, its tenant, the live Secret and the time. Like cert-manager's
/// issuing policy it reads the live Secret's provenance, never a cache of its own, so a restart, a resync or a lost
/// status write never reissues a token. A token is (re)issued only when:
/// the Secret does not exist (first issuance, or it was deleted: a Warning says Entra must be updated);
/// the Secret's token no longer matches its recorded SHA-256 (edited by hand: the same Warning);
/// or <c>spec.rotation.trigger</c> differs from the trigger the current token answers (a requested rotation, after
/// which the previous token stays valid for the grace period).
/// </summary>
internal static class KeyPolicy
{
    public const string TokenDataKey = "token";
    public const string TenantUrlDataKey = "tenantUrl";

    public static string SecretName(ScimKey key) =>
        string.IsNullOrWhiteSpace(key.Spec.SecretName) ? key.Metadata.Name + "-scim-token" : key.Spec.SecretName;

    /// <param name="key">The ScimKey.</param>
    /// <param name="tenant">Its ScimTenant, or null when it does not exist.</param>
    /// <param name="live">The Secret named <see cref="SecretName"/>, or null when it does not exist.</param>
    /// <param name="now">The current time.</param>
    /// <param name="expiryWarning">How long before expiry an ExpiringSoon Warning is recorded.</param>
    /// <param name="newToken">Creates a token; called only when one is issued.</param>
    public static KeyDecision Decide(
        ScimKey key, ScimTenant? tenant, V1Secret? live, DateTimeOffset now, TimeSpan expiryWarning,
        Func<string> newToken)
    {
        var status = key.Status?.DeepClone() ?? new ScimKeyStatus();
        status.Conditions ??= [];
        status.ObservedGeneration = key.Metadata.Generation;
        var secretName = SecretName(key);

        var errors = KeySpecValidator.Validate(key.Spec);
        if (errors.Count > 0)
        {
            var message = string.Join("; ", errors);
            SetReady(status, key, "False", "InvalidSpec", message, now);
            return new KeyDecision(SecretAction.None, null, status,
                [new KeyEvent(true, "InvalidSpec", "Validate", message)], null);
        }

        if (tenant is null || tenant.Metadata.DeletionTimestamp is not null)
        {
            SetReady(status, key, "False", "TenantNotFound",
                $"ScimTenant '{key.Spec.TenantRef.Name}' does not exist in namespace '{key.Metadata.NamespaceProperty}'; " +
                "the key is issued when it appears", now);
            return new KeyDecision(SecretAction.None, null, status, [], null);
        }

        if (live is not null && !IsControlledBy(live, key))
        {
            SetReady(status, key, "False", "SecretConflict",
                $"Secret '{secretName}' exists and is not owned by this ScimKey; it is never overwritten. " +
                "Delete it or set spec.secretName", now);
            return new KeyDecision(SecretAction.None, null, status,
                [new KeyEvent(true, "SecretConflict", "Issue", $"Secret '{secretName}' is owned by something else")],
                null);
        }

        var events = new List<KeyEvent>();
        var current = live is null ? null : IssuedToken.Read(live);
        var liveToken = live?.Data is { } data && data.TryGetValue(TokenDataKey, out var bytes)
            ? Encoding.UTF8.GetString(bytes)
            : null;
        var intact = current is not null && current.KeyUid == key.Metadata.Uid && liveToken is not null &&
            string.Equals(ScimToken.Sha256Hex(liveToken), current.Sha256, StringComparison.Ordinal);
        var trigger = key.Spec.Rotation?.Trigger;
        var revision = Math.Max(current?.Revision ?? 0, key.Status?.Revision ?? 0);

        // Issuance instants are whole seconds, as the Secret's provenance records them: the status written now is then
        // exactly what the next pass computes from the Secret, so it is written once.
        var issuedAt = Instant.Truncate(now);
        string token;
        IssuedToken issued;
        if (!intact)
        {
            token = newToken();
            issued = new IssuedToken(key.Metadata.Uid, ScimToken.CreateId(), ScimToken.Sha256Hex(token), issuedAt, null,
                revision + 1, trigger, null);
            // A first issuance is the expected outcome of creating the key and is reported on its status (Ready,
            // reason Issued, with the token id) without an Event: one API call fewer per key, which matters for a
            // burst of keys. What a person must act on (a reissue, a rotation, an expiry, a conflict) gets an Event.
            if (revision > 0)
            {
                events.Add(new KeyEvent(true, "SecretReissued", "Issue",
                    live is null
                        ? $"Secret '{secretName}' was deleted; issued a new token {issued.TokenId}. " +
                          "Update the Secret Token in Entra: the old token no longer works"
                        : $"Secret '{secretName}' held a token that does not match its recorded hash; issued a new " +
                          $"token {issued.TokenId}. Update the Secret Token in Entra"));
            }
        }
        else if (trigger is not null && !string.Equals(trigger, current!.RotationTrigger, StringComparison.Ordinal))
        {
            token = newToken();
            var grace = KeySpecValidator.GracePeriod(key.Spec);
            var validUntil = issuedAt + grace;
            if (current.ExpiresAt is { } oldExpiry && oldExpiry < validUntil)
            {
                validUntil = oldExpiry;
            }

            var previous = validUntil > now ? new PreviousToken(current.TokenId, current.Sha256, validUntil) : null;
            issued = new IssuedToken(key.Metadata.Uid, ScimToken.CreateId(), ScimToken.Sha256Hex(token), issuedAt, null,
                revision + 1, trigger, previous);
            events.Add(new KeyEvent(false, "Rotated", "Rotate",
                $"Issued token {issued.TokenId}; the previous token {current.TokenId} is accepted until " +
                $"{Instant.Format(validUntil)}. Paste the new token into Entra"));
        }
        else
        {
            token = liveToken!;
            var previous = current!.Previous is { } p && p.ValidUntil > now ? p : null;
            issued = current with { Previous = previous };
        }

        issued = issued with { ExpiresAt = ExpiryOf(key.Spec, issued.IssuedAt) };
        var desired = BuildSecret(key, secretName, token, TenantUrls.Compute(tenant), issued);
        var action = live is null ? SecretAction.Create : NeedsUpdate(live, desired) ? SecretAction.Update : SecretAction.None;
        if (action == SecretAction.Update)
        {
            desired.Metadata.ResourceVersion = live!.Metadata.ResourceVersion;
            desired.Metadata.Uid = live.Metadata.Uid;
            MergeForeignMetadata(live, desired);
        }

        status.SecretName = secretName;
        status.TokenId = issued.TokenId;
        status.Fingerprint = ScimToken.Fingerprint(issued.Sha256);
        status.IssuedAt = issued.IssuedAt.UtcDateTime;
        status.ExpiresAt = issued.ExpiresAt?.UtcDateTime;
        status.Revision = issued.Revision;
        status.RotationTrigger = issued.RotationTrigger;
        status.PreviousTokenId = issued.Previous?.TokenId;
        status.PreviousTokenValidUntil = issued.Previous?.ValidUntil.UtcDateTime;

        var deadlines = new List<DateTimeOffset>();
        if (issued.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            SetReady(status, key, "False", "Expired",
                $"Token {issued.TokenId} expired at {Instant.Format(expiresAt)}; the endpoint refuses it. Change " +
                "spec.rotation.trigger (with a later expiry) to issue a new one", now);
            if (key.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Reason != "Expired")
            {
                events.Add(new KeyEvent(true, "Expired", "Expire",
                    $"Token {issued.TokenId} expired; Entra's provisioning job will fail until a new token is pasted"));
            }
        }
        else
        {
            if (issued.ExpiresAt is { } expiry)
            {
                deadlines.Add(expiry);
                if (expiry - now <= expiryWarning)
                {
                    events.Add(new KeyEvent(true, "ExpiringSoon", "Expire",
                        $"Token {issued.TokenId} expires at {Instant.Format(expiry)}; rotate it and update Entra " +
                        "before then, or Entra quarantines the provisioning job"));
                }
                else
                {
                    deadlines.Add(expiry - expiryWarning);
                }
            }

            if (issued.Previous is { } previous)
            {
                deadlines.Add(previous.ValidUntil);
                SetReady(status, key, "True", "Rotating",
                    $"Token {issued.TokenId} is issued; the previous token {previous.TokenId} is accepted until " +
                    Instant.Format(previous.ValidUntil), now);
            }
            else
            {
                SetReady(status, key, "True", "Issued", $"Token {issued.TokenId} is issued into Secret '{secretName}'", now);
            }
        }

        var next = deadlines.Where(d => d > now).Select(d => d - now).DefaultIfEmpty().Min();
        return new KeyDecision(action, desired, status, events, next > TimeSpan.Zero ? next + TimeSpan.FromSeconds(1) : null);
    }

    /// <summary>When a token issued at <paramref name="issuedAt"/> expires under <paramref name="spec"/>.</summary>
    public static DateTimeOffset? ExpiryOf(ScimKeySpec spec, DateTimeOffset issuedAt)
    {
        if (spec.ExpiresAt is { } at)
        {
            return Instant.Truncate(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)));
        }

        return GoDuration.TryParse(spec.ExpiresAfter, out var lifetime) ? Instant.Truncate(issuedAt + lifetime) : null;
    }

    public static bool IsControlledBy(V1Secret secret, ScimKey key) =>
        secret.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == key.Metadata.Uid &&
            o.Kind == ScimKey.KindName) == true;

    private static V1Secret BuildSecret(ScimKey key, string name, string token, string tenantUrl, IssuedToken issued)
    {
        var labels = new Dictionary<string, string>(key.Spec.SecretTemplate?.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [KeyLabels.ManagedBy] = KeyLabels.ManagedByValue,
            [KeyLabels.Tenant] = key.Spec.TenantRef.Name,
            [KeyLabels.Key] = key.Metadata.Name,
        };
        var annotations = new Dictionary<string, string>(key.Spec.SecretTemplate?.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        issued.Write(annotations);
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = "Opaque",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = key.Metadata.NamespaceProperty,
                Labels = labels,
                Annotations = annotations,
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = ApiGroup.ApiVersion, Kind = ScimKey.KindName, Name = key.Metadata.Name,
                        Uid = key.Metadata.Uid, Controller = true, BlockOwnerDeletion = true,
                    },
                ],
            },
            Data = new Dictionary<string, byte[]>(StringComparer.Ordinal)
            {
                [TokenDataKey] = Encoding.UTF8.GetBytes(token),
                [TenantUrlDataKey] = Encoding.UTF8.GetBytes(tenantUrl),
            },
        };
    }

    /// <summary>True when the live Secret lacks anything the desired one enforces.</summary>
    private static bool NeedsUpdate(V1Secret live, V1Secret desired)
    {
        if (live.Type != desired.Type || !SameData(live.Data, desired.Data))
        {
            return true;
        }

        var liveLabels = live.Metadata.Labels ?? new Dictionary<string, string>();
        var liveAnnotations = live.Metadata.Annotations ?? new Dictionary<string, string>();
        if (desired.Metadata.Labels.Any(l => !liveLabels.TryGetValue(l.Key, out var v) || v != l.Value) ||
            desired.Metadata.Annotations.Any(a => !liveAnnotations.TryGetValue(a.Key, out var v) || v != a.Value))
        {
            return true;
        }

        // Provenance annotations that are no longer wanted (e.g. a previous token past its grace period).
        return IssuedToken.Annotations.Any(a => liveAnnotations.ContainsKey(a) && !desired.Metadata.Annotations.ContainsKey(a));
    }

    /// <summary>Keeps labels, annotations and owners others added to the Secret; the operator's own values win.</summary>
    private static void MergeForeignMetadata(V1Secret live, V1Secret desired)
    {
        foreach (var (k, v) in live.Metadata.Labels ?? new Dictionary<string, string>())
        {
            desired.Metadata.Labels.TryAdd(k, v);
        }

        foreach (var (k, v) in live.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            if (!IssuedToken.Annotations.Contains(k))
            {
                desired.Metadata.Annotations.TryAdd(k, v);
            }
        }

        foreach (var owner in live.Metadata.OwnerReferences ?? [])
        {
            if (owner.Controller != true)
            {
                desired.Metadata.OwnerReferences.Add(owner);
            }
        }

        desired.Metadata.Finalizers = live.Metadata.Finalizers;
    }

    private static bool SameData(IDictionary<string, byte[]>? a, IDictionary<string, byte[]>? b)
    {
        a ??= new Dictionary<string, byte[]>();
        b ??= new Dictionary<string, byte[]>();
        return a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var other) && e.Value.AsSpan().SequenceEqual(other));
    }

    private static void SetReady(ScimKeyStatus status, ScimKey key, string value, string reason, string message, DateTimeOffset now)
    {
        status.Conditions ??= [];
        Conditions.Set(status.Conditions, "Ready", value, reason, message, key.Metadata.Generation, now.UtcDateTime);
    }
}
