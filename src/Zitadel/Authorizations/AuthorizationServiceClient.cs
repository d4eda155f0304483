using Zitadel.Json;
using Zitadel.Transport;

namespace Zitadel.Authorizations;

/// <summary>The calls of <c>zitadel.authorization.v2.AuthorizationService</c> (Connect only).</summary>
/// <remarks>Idempotent: <c>UpdateAuthorization</c> (replaces the set), <c>DeleteAuthorization</c> (ZITADEL answers
/// success when it is gone), <c>ListAuthorizations</c>. Not idempotent: <c>CreateAuthorization</c> (a repeat
/// answers 409).</remarks>
internal sealed class AuthorizationServiceClient(ZitadelConnection connection)
{
    private const string Service = "zitadel.authorization.v2.AuthorizationService";

    private static readonly ZitadelMethod CreateAuthorization =
        new(Service, nameof(CreateAuthorization), RetrySafety.NotIdempotent);
    private static readonly ZitadelMethod UpdateAuthorization =
        new(Service, nameof(UpdateAuthorization), RetrySafety.Idempotent);
    private static readonly ZitadelMethod DeleteAuthorization =
        new(Service, nameof(DeleteAuthorization), RetrySafety.Idempotent);
    private static readonly ZitadelMethod ListAuthorizations =
        new(Service, nameof(ListAuthorizations), RetrySafety.Idempotent);

    public Task<CreateAuthorizationResponse> CreateAuthorizationAsync(
        CreateAuthorizationRequest request, CancellationToken cancellationToken) =>
        connection.CallAsync<CreateAuthorizationRequest, CreateAuthorizationResponse>(
            CreateAuthorization, request, request.OrganizationId, cancellationToken);

    /// <summary>Replaces the role set; keys not listed are revoked.</summary>
    public Task<ChangeDateResponse> UpdateAuthorizationAsync(
        string id, IReadOnlyList<string> roleKeys, CancellationToken cancellationToken) =>
        connection.CallAsync<UpdateAuthorizationRequest, ChangeDateResponse>(
            UpdateAuthorization, new(id, roleKeys), cancellationToken);

    public Task<DeletionDateResponse> DeleteAuthorizationAsync(string id, CancellationToken cancellationToken) =>
        connection.CallAsync<DeleteAuthorizationRequest, DeletionDateResponse>(
            DeleteAuthorization, new(id), cancellationToken);

    public Task<ListAuthorizationsResponse> ListAuthorizationsAsync(
        FilteredListRequest<AuthorizationSearchFilter> request, CancellationToken cancellationToken) =>
        connection.CallAsync<FilteredListRequest<AuthorizationSearchFilter>, ListAuthorizationsResponse>(
            ListAuthorizations, request, cancellationToken);
}
