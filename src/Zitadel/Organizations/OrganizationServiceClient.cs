using Zitadel.Transport;

namespace Zitadel.Organizations;

/// <summary>The calls of <c>zitadel.org.v2.OrganizationService</c> that ScimOperator makes.</summary>
/// <remarks>Instance-level calls: no <c>x-zitadel-orgid</c>. <c>ListOrganizations</c> is idempotent;
/// <c>AddOrganization</c> is not (a repeat with a fixed id fails, without one it creates a second org).</remarks>
internal sealed class OrganizationServiceClient(ZitadelConnection connection)
{
    private const string Service = "zitadel.org.v2.OrganizationService";

    private static readonly ZitadelMethod ListOrganizations =
        new(Service, nameof(ListOrganizations), RetrySafety.Idempotent, OrganizationScoped: false);
    private static readonly ZitadelMethod AddOrganization =
        new(Service, nameof(AddOrganization), RetrySafety.NotIdempotent, OrganizationScoped: false);

    /// <summary>Searches organizations; there is no "get" in v2, use <see cref="OrganizationSearchQuery.Id"/>.
    /// </summary>
    public Task<ListOrganizationsResponse> ListOrganizationsAsync(
        ListOrganizationsRequest request, CancellationToken cancellationToken) =>
        connection.CallAsync<ListOrganizationsRequest, ListOrganizationsResponse>(
            ListOrganizations, request, cancellationToken);

    public Task<AddOrganizationResponse> AddOrganizationAsync(
        AddOrganizationRequest request, CancellationToken cancellationToken) =>
        connection.CallAsync<AddOrganizationRequest, AddOrganizationResponse>(
            AddOrganization, request, cancellationToken);
}
