using System.Globalization;
using k8s.Models;
using Operator.Api;

namespace Operator.Keys;

/// <summary>
/// The provenance a ScimKey's Secret carries in annotations: which key issued it, the token's id and SHA-256, when
/// it was issued and expires, its revision and rotation trigger, and the previous token during a rotation's grace
/// period. Policy decisions read these from the live Secret, so a restart or resync never reissues a token.
/// </summary>
internal sealed record IssuedToken(
    string KeyUid,
    string TokenId,
    string Sha256,
    DateTimeOffset IssuedAt,
    DateTimeOffset? ExpiresAt,
    long Revision,
    string? RotationTrigger,
    PreviousToken? Previous)
{
    public const string KeyUidAnnotation = ApiGroup.Prefix + "key-uid";
    public const string TokenIdAnnotation = ApiGroup.Prefix + "token-id";
    public const string Sha256Annotation = ApiGroup.Prefix + "token-sha256";
    public const string IssuedAtAnnotation = ApiGroup.Prefix + "issued-at";
    public const string ExpiresAtAnnotation = ApiGroup.Prefix + "expires-at";
    public const string RevisionAnnotation = ApiGroup.Prefix + "revision";
    public const string RotationTriggerAnnotation = ApiGroup.Prefix + "rotation-trigger";
    public const string PreviousTokenIdAnnotation = ApiGroup.Prefix + "previous-token-id";
    public const string PreviousSha256Annotation = ApiGroup.Prefix + "previous-token-sha256";
    public const string PreviousValidUntilAnnotation = ApiGroup.Prefix + "previous-valid-until";

    public static readonly IReadOnlyList<string> Annotations =
    [
        KeyUidAnnotation, TokenIdAnnotation, Sha256Annotation, IssuedAtAnnotation, ExpiresAtAnnotation,
        RevisionAnnotation, RotationTriggerAnnotation, PreviousTokenIdAnnotation, PreviousSha256Annotation,
        PreviousValidUntilAnnotation,
    ];

    /// <summary>The key-set id of a token: <c>&lt;key name&gt;.&lt;token id&gt;</c>.</summary>
    public static string KeySetId(string keyName, string tokenId) => keyName + "." + tokenId;

    /// <summary>Reads the provenance; null when any required annotation is missing or malformed.</summary>
    public static IssuedToken? Read(V1Secret secret)
    {
        var a = secret.Metadata?.Annotations;
        if (a is null ||
            !a.TryGetValue(KeyUidAnnotation, out var uid) || string.IsNullOrEmpty(uid) ||
            !a.TryGetValue(TokenIdAnnotation, out var tokenId) || !IsTokenId(tokenId) ||
            !a.TryGetValue(Sha256Annotation, out var sha) || !IsSha256(sha) ||
            !a.TryGetValue(IssuedAtAnnotation, out var issuedText) || !Instant.TryParse(issuedText, out var issuedAt) ||
            !a.TryGetValue(RevisionAnnotation, out var revisionText) ||
            !long.TryParse(revisionText, NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
        {
            return null;
        }

        DateTimeOffset? expiresAt = null;
        if (a.TryGetValue(ExpiresAtAnnotation, out var expiresText) && !string.IsNullOrEmpty(expiresText))
        {
            if (!Instant.TryParse(expiresText, out var parsed))
            {
                return null;
            }

            expiresAt = parsed;
        }

        PreviousToken? previous = null;
        if (a.TryGetValue(PreviousTokenIdAnnotation, out var previousId) && IsTokenId(previousId) &&
            a.TryGetValue(PreviousSha256Annotation, out var previousSha) && IsSha256(previousSha) &&
            a.TryGetValue(PreviousValidUntilAnnotation, out var untilText) && Instant.TryParse(untilText, out var until))
        {
            previous = new PreviousToken(previousId, previousSha, until);
        }

        a.TryGetValue(RotationTriggerAnnotation, out var trigger);
        return new IssuedToken(uid, tokenId, sha, issuedAt, expiresAt, revision,
            string.IsNullOrEmpty(trigger) ? null : trigger, previous);
    }

    /// <summary>Writes the provenance into <paramref name="annotations"/>, removing stale optional entries.</summary>
    public void Write(IDictionary<string, string> annotations)
    {
        annotations[KeyUidAnnotation] = KeyUid;
        annotations[TokenIdAnnotation] = TokenId;
        annotations[Sha256Annotation] = Sha256;
        annotations[IssuedAtAnnotation] = Instant.Format(IssuedAt);
        annotations[RevisionAnnotation] = Revision.ToString(CultureInfo.InvariantCulture);
        SetOrRemove(annotations, ExpiresAtAnnotation, ExpiresAt is { } e ? Instant.Format(e) : null);
        SetOrRemove(annotations, RotationTriggerAnnotation, RotationTrigger);
        SetOrRemove(annotations, PreviousTokenIdAnnotation, Previous?.TokenId);
        SetOrRemove(annotations, PreviousSha256Annotation, Previous?.Sha256);
        SetOrRemove(annotations, PreviousValidUntilAnnotation,
            Previous is { } p ? Instant.Format(p.ValidUntil) : null);
    }

    private static void SetOrRemove(IDictionary<string, string> annotations, string key, string? value)
    {
        if (value is null)
        {
            annotations.Remove(key);
        }
        else
        {
            annotations[key] = value;
        }
    }

    private static bool IsTokenId(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'z');

    private static bool IsSha256(string? value) =>
        value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}

/// <summary>The token a rotation replaced, accepted until <paramref name="ValidUntil"/>.</summary>
internal sealed record PreviousToken(string TokenId, string Sha256, DateTimeOffset ValidUntil);
