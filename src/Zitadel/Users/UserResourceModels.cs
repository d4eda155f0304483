using System.Text;
using Zitadel.Json;

namespace Zitadel.Users;

// Requests and responses of the user metadata, IDP link, PAT and key calls; these small records share one file.

internal sealed record SetUserMetadataRequest(string UserId, IReadOnlyList<MetadataEntry> Metadata);

internal sealed record SetUserMetadataResponse
{
    public DateTimeOffset? SetDate { get; init; }
}

internal sealed record ListUserMetadataRequest
{
    public required string UserId { get; init; }

    public ListQuery? Pagination { get; init; }

    public IReadOnlyList<UserMetadataFilter>? Filters { get; init; }
}

internal sealed record UserMetadataFilter(MetadataKeyFilter KeyFilter);

internal sealed record ListUserMetadataResponse
{
    public PaginationResponse? Pagination { get; init; }

    public IReadOnlyList<UserMetadata> Metadata { get; set; } = [];
}

internal sealed record UserMetadata
{
    public DateTimeOffset? CreationDate { get; init; }

    public DateTimeOffset? ChangeDate { get; init; }

    public string Key { get; set; } = "";

    public byte[] Value { get; set; } = [];

    public string ValueAsString() => Encoding.UTF8.GetString(Value);
}

internal sealed record DeleteUserMetadataRequest(string UserId, IReadOnlyList<string> Keys);

internal sealed record AddIdpLinkRequest(string UserId, IdpLink IdpLink);

internal sealed record ListIdpLinksRequest(string UserId, ListQuery? Query = null);

internal sealed record ListIdpLinksResponse
{
    public ListDetails? Details { get; init; }

    public IReadOnlyList<IdpLink> Result { get; set; } = [];
}

internal sealed record RemoveIdpLinkRequest(string UserId, string IdpId, string LinkedUserId);

internal sealed record AddPersonalAccessTokenRequest(string UserId, DateTimeOffset? ExpirationDate = null);

/// <summary>Carries a credential: <see cref="ToString"/> leaves the token out.</summary>
internal sealed record AddPersonalAccessTokenResponse
{
    public DateTimeOffset? CreationDate { get; init; }

    public string TokenId { get; set; } = "";

    public string Token { get; set; } = "";

    public override string ToString() =>
        $"AddPersonalAccessTokenResponse {{ TokenId = {TokenId}, CreationDate = {CreationDate:O} }}";
}

internal sealed record RemovePersonalAccessTokenRequest(string UserId, string TokenId);

internal sealed record AddKeyRequest(string UserId, DateTimeOffset? ExpirationDate = null, byte[]? PublicKey = null);

/// <summary>Carries a credential (the key-file JSON): <see cref="ToString"/> leaves it out.</summary>
internal sealed record AddKeyResponse
{
    public DateTimeOffset? CreationDate { get; init; }

    public string KeyId { get; set; } = "";

    public byte[] KeyContent { get; set; } = [];

    public override string ToString() =>
        $"AddKeyResponse {{ KeyId = {KeyId}, CreationDate = {CreationDate:O} }}";
}

internal sealed record RemoveKeyRequest(string UserId, string KeyId);
