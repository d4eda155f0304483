using Zitadel.Json;
using Zitadel.Transport;

namespace Zitadel.Users;

/// <summary>The calls of <c>zitadel.user.v2.UserService</c> that ScimOperator makes.</summary>
/// <remarks>
/// Retry safety per call (see <see cref="RetrySafety"/>):
/// reads, <c>UpdateUser</c> and <c>SetUserMetadata</c> (same values again are a no-op), and deletes/removes (a repeat
/// finds nothing left to remove; it may answer 404, which callers treat as done) are idempotent.
/// Creates and adds are not: a repeat answers 409 (user, IDP link) or mints a second PAT or key.
/// <c>DeactivateUser</c>/<c>ReactivateUser</c> are not either: a repeat of a call that did execute fails with
/// 400 failed_precondition, so after a lost answer the caller re-reads the state instead.
/// </remarks>
internal sealed class UserServiceClient(ZitadelConnection connection)
{
    private const string Service = "zitadel.user.v2.UserService";

    private static readonly ZitadelMethod CreateUser = new(Service, nameof(CreateUser), RetrySafety.NotIdempotent);
    private static readonly ZitadelMethod GetUserByID = new(Service, nameof(GetUserByID), RetrySafety.Idempotent);
    private static readonly ZitadelMethod ListUsers = new(Service, nameof(ListUsers), RetrySafety.Idempotent);
    private static readonly ZitadelMethod UpdateUser = new(Service, nameof(UpdateUser), RetrySafety.Idempotent);
    private static readonly ZitadelMethod DeactivateUser = new(Service, nameof(DeactivateUser), RetrySafety.NotIdempotent);
    private static readonly ZitadelMethod ReactivateUser = new(Service, nameof(ReactivateUser), RetrySafety.NotIdempotent);
    private static readonly ZitadelMethod DeleteUser = new(Service, nameof(DeleteUser), RetrySafety.Idempotent);
    private static readonly ZitadelMethod SetUserMetadata = new(Service, nameof(SetUserMetadata), RetrySafety.Idempotent);
    private static readonly ZitadelMethod ListUserMetadata = new(Service, nameof(ListUserMetadata), RetrySafety.Idempotent);
    private static readonly ZitadelMethod DeleteUserMetadata =
        new(Service, nameof(DeleteUserMetadata), RetrySafety.Idempotent);
    private static readonly ZitadelMethod AddIDPLink = new(Service, nameof(AddIDPLink), RetrySafety.NotIdempotent);
    private static readonly ZitadelMethod ListIDPLinks = new(Service, nameof(ListIDPLinks), RetrySafety.Idempotent);
    private static readonly ZitadelMethod RemoveIDPLink = new(Service, nameof(RemoveIDPLink), RetrySafety.Idempotent);
    private static readonly ZitadelMethod AddPersonalAccessToken =
        new(Service, nameof(AddPersonalAccessToken), RetrySafety.NotIdempotent);
    private static readonly ZitadelMethod RemovePersonalAccessToken =
        new(Service, nameof(RemovePersonalAccessToken), RetrySafety.Idempotent);
    private static readonly ZitadelMethod AddKey = new(Service, nameof(AddKey), RetrySafety.NotIdempotent);
    private static readonly ZitadelMethod RemoveKey = new(Service, nameof(RemoveKey), RetrySafety.Idempotent);

    /// <summary>Creates a user; a taken username fails with 409 <c>V3-DKcYh</c>, a taken id with 400.</summary>
    public Task<CreateUserResponse> CreateUserAsync(CreateUserRequest request, CancellationToken cancellationToken) =>
        connection.CallAsync<CreateUserRequest, CreateUserResponse>(
            CreateUser, request, request.OrganizationId, cancellationToken);

    /// <summary>Reads one user; consistent right after a write (ZITADEL triggers the projection).</summary>
    public Task<GetUserByIdResponse> GetUserByIdAsync(string userId, CancellationToken cancellationToken) =>
        connection.CallAsync<UserIdRequest, GetUserByIdResponse>(GetUserByID, new(userId), cancellationToken);

    /// <summary>Searches users; may lag behind recent writes (§11.3).</summary>
    public Task<ListUsersResponse> ListUsersAsync(ListUsersRequest request, CancellationToken cancellationToken) =>
        connection.CallAsync<ListUsersRequest, ListUsersResponse>(ListUsers, request, cancellationToken);

    public Task<ChangeDateResponse> UpdateUserAsync(UpdateUserRequest request, CancellationToken cancellationToken) =>
        connection.CallAsync<UpdateUserRequest, ChangeDateResponse>(UpdateUser, request, cancellationToken);

    public Task<DetailsResponse> DeactivateUserAsync(string userId, CancellationToken cancellationToken) =>
        connection.CallAsync<UserIdRequest, DetailsResponse>(DeactivateUser, new(userId), cancellationToken);

    public Task<DetailsResponse> ReactivateUserAsync(string userId, CancellationToken cancellationToken) =>
        connection.CallAsync<UserIdRequest, DetailsResponse>(ReactivateUser, new(userId), cancellationToken);

    public Task<DetailsResponse> DeleteUserAsync(string userId, CancellationToken cancellationToken) =>
        connection.CallAsync<UserIdRequest, DetailsResponse>(DeleteUser, new(userId), cancellationToken);

    /// <summary>Overwrites the given keys; an empty value deletes its key.</summary>
    public Task<SetUserMetadataResponse> SetUserMetadataAsync(
        string userId, IReadOnlyList<MetadataEntry> metadata, CancellationToken cancellationToken) =>
        connection.CallAsync<SetUserMetadataRequest, SetUserMetadataResponse>(SetUserMetadata, new(userId, metadata), cancellationToken);

    public Task<ListUserMetadataResponse> ListUserMetadataAsync(
        ListUserMetadataRequest request, CancellationToken cancellationToken) =>
        connection.CallAsync<ListUserMetadataRequest, ListUserMetadataResponse>(ListUserMetadata, request, cancellationToken);

    public Task<DeletionDateResponse> DeleteUserMetadataAsync(
        string userId, IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        connection.CallAsync<DeleteUserMetadataRequest, DeletionDateResponse>(
            DeleteUserMetadata, new(userId, keys), cancellationToken);

    public Task<DetailsResponse> AddIdpLinkAsync(string userId, IdpLink link, CancellationToken cancellationToken) =>
        connection.CallAsync<AddIdpLinkRequest, DetailsResponse>(AddIDPLink, new(userId, link), cancellationToken);

    public Task<ListIdpLinksResponse> ListIdpLinksAsync(
        string userId, ListQuery? query, CancellationToken cancellationToken) =>
        connection.CallAsync<ListIdpLinksRequest, ListIdpLinksResponse>(ListIDPLinks, new(userId, query), cancellationToken);

    public Task<DetailsResponse> RemoveIdpLinkAsync(
        string userId, string idpId, string linkedUserId, CancellationToken cancellationToken) =>
        connection.CallAsync<RemoveIdpLinkRequest, DetailsResponse>(
            RemoveIDPLink, new(userId, idpId, linkedUserId), cancellationToken);

    /// <summary>Mints a PAT for a machine user; the token is returned only this once.</summary>
    public Task<AddPersonalAccessTokenResponse> AddPersonalAccessTokenAsync(
        string userId, DateTimeOffset? expirationDate, CancellationToken cancellationToken) =>
        connection.CallAsync<AddPersonalAccessTokenRequest, AddPersonalAccessTokenResponse>(
            AddPersonalAccessToken, new(userId, expirationDate), cancellationToken);

    public Task<DetailsResponse> RemovePersonalAccessTokenAsync(
        string userId, string tokenId, CancellationToken cancellationToken) =>
        connection.CallAsync<RemovePersonalAccessTokenRequest, DetailsResponse>(
            RemovePersonalAccessToken, new(userId, tokenId), cancellationToken);

    /// <summary>Adds a machine key; without a public key the answer carries the key-file JSON (base64).</summary>
    public Task<AddKeyResponse> AddKeyAsync(AddKeyRequest request, CancellationToken cancellationToken) =>
        connection.CallAsync<AddKeyRequest, AddKeyResponse>(AddKey, request, cancellationToken);

    public Task<DetailsResponse> RemoveKeyAsync(string userId, string keyId, CancellationToken cancellationToken) =>
        connection.CallAsync<RemoveKeyRequest, DetailsResponse>(RemoveKey, new(userId, keyId), cancellationToken);
}
