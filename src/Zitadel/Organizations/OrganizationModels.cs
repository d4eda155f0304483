using Zitadel.Json;

namespace Zitadel.Organizations;

// Requests and responses of zitadel.org.v2.OrganizationService; these small records share one file.

internal sealed record ListOrganizationsRequest
{
    public ListQuery? Query { get; init; }

    public IReadOnlyList<OrganizationSearchQuery>? Queries { get; init; }
}

/// <summary>The query oneof: exactly one member is set.</summary>
internal sealed record OrganizationSearchQuery
{
    public OrgIdQuery? IdQuery { get; init; }

    public OrgNameQuery? NameQuery { get; init; }

    public static OrganizationSearchQuery Id(string id) => new() { IdQuery = new(id) };

    public static OrganizationSearchQuery Name(string name, string method = TextQueryMethods.EqualsExact) =>
        new() { NameQuery = new(name, method) };
}

internal sealed record OrgIdQuery(string Id);

internal sealed record OrgNameQuery(string Name, string Method);

internal sealed record ListOrganizationsResponse
{
    public ListDetails? Details { get; init; }

    public IReadOnlyList<Organization> Result { get; set; } = [];
}

internal sealed record Organization
{
    public string Id { get; set; } = "";

    public ObjectDetails? Details { get; init; }

    /// <summary><c>ORGANIZATION_STATE_ACTIVE|INACTIVE|REMOVED</c>.</summary>
    public string State { get; set; } = "";

    public string Name { get; set; } = "";

    public string PrimaryDomain { get; set; } = "";
}

internal sealed record AddOrganizationRequest(string Name, string? OrganizationId = null);

internal sealed record AddOrganizationResponse
{
    public ObjectDetails? Details { get; init; }

    public string OrganizationId { get; set; } = "";
}
