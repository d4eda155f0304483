using Zitadel.Json;
using Zitadel.Transport;

namespace Zitadel.Administrators;

/// <summary>The calls of <c>zitadel.internal_permission.v2.InternalPermissionService</c> (Connect only).</summary>
/// <remarks>Idempotent: update (replaces the roles), delete (ZITADEL answers success when it is gone), list.
/// Not idempotent: create (a repeat answers 409).</remarks>
internal sealed class AdministratorServiceClient(ZitadelConnection connection)
{
    private const string Service = "zitadel.internal_permission.v2.InternalPermissionService";

    private static readonly ZitadelMethod CreateAdministrator =
        new(Service, nameof(CreateAdministrator), RetrySafety.NotIdempotent);
    private static readonly ZitadelMethod UpdateAdministrator =
        new(Service, nameof(UpdateAdministrator), RetrySafety.Idempotent);
    private static readonly ZitadelMethod DeleteAdministrator =
        new(Service, nameof(DeleteAdministrator), RetrySafety.Idempotent);
    private static readonly ZitadelMethod ListAdministrators =
        new(Service, nameof(ListAdministrators), RetrySafety.Idempotent);

    public Task<CreationDateResponse> CreateAdministratorAsync(
        AdministratorRequest request, CancellationToken cancellationToken) =>
        connection.CallAsync<AdministratorRequest, CreationDateResponse>(
            CreateAdministrator, request, request.Resource.OrganizationId, cancellationToken);

    /// <summary>Replaces the administrator's roles on the resource.</summary>
    public Task<ChangeDateResponse> UpdateAdministratorAsync(
        AdministratorRequest request, CancellationToken cancellationToken) =>
        connection.CallAsync<AdministratorRequest, ChangeDateResponse>(
            UpdateAdministrator, request, request.Resource.OrganizationId, cancellationToken);

    public Task<DeletionDateResponse> DeleteAdministratorAsync(
        string userId, AdministratorResource resource, CancellationToken cancellationToken) =>
        connection.CallAsync<DeleteAdministratorRequest, DeletionDateResponse>(
            DeleteAdministrator, new(userId, resource), resource.OrganizationId, cancellationToken);

    public Task<ListAdministratorsResponse> ListAdministratorsAsync(
        FilteredListRequest<AdministratorSearchFilter> request, CancellationToken cancellationToken) =>
        connection.CallAsync<FilteredListRequest<AdministratorSearchFilter>, ListAdministratorsResponse>(
            ListAdministrators, request, cancellationToken);
}
