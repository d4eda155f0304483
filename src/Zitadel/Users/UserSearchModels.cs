using Zitadel.Json;

namespace Zitadel.Users;

// ListUsers request, its query oneof and response; these small records share one file.

internal sealed record ListUsersRequest
{
    public ListQuery? Query { get; init; }

    /// <summary>A <c>USER_FIELD_NAME_*</c> value; ZITADEL's default when null.</summary>
    public string? SortingColumn { get; init; }

    /// <summary>Combined with AND.</summary>
    public IReadOnlyList<UserSearchQuery>? Queries { get; init; }
}

internal sealed record ListUsersResponse
{
    public ListDetails? Details { get; init; }

    public IReadOnlyList<User> Result { get; set; } = [];
}

/// <summary>The <c>SearchQuery</c> oneof: exactly one member is set; build it with the factory methods.</summary>
internal sealed record UserSearchQuery
{
    public UserNameQuery? UserNameQuery { get; init; }

    public EmailQuery? EmailQuery { get; init; }

    public OrganizationIdQuery? OrganizationIdQuery { get; init; }

    public InUserIdsQuery? InUserIdsQuery { get; init; }

    public TypeQuery? TypeQuery { get; init; }

    public MetadataKeyFilter? MetadataKeyFilter { get; init; }

    public MetadataValueFilter? MetadataValueFilter { get; init; }

    public CompositeUserQuery? AndQuery { get; init; }

    public CompositeUserQuery? OrQuery { get; init; }

    public NotUserQuery? NotQuery { get; init; }

    public static UserSearchQuery UserName(string userName, string method = TextQueryMethods.EqualsExact) =>
        new() { UserNameQuery = new(userName, method) };

    public static UserSearchQuery Email(string emailAddress, string method = TextQueryMethods.EqualsExact) =>
        new() { EmailQuery = new(emailAddress, method) };

    public static UserSearchQuery Organization(string organizationId) =>
        new() { OrganizationIdQuery = new(organizationId) };

    public static UserSearchQuery InUserIds(params IReadOnlyList<string> userIds) =>
        new() { InUserIdsQuery = new(userIds) };

    public static UserSearchQuery UserType(string type) => new() { TypeQuery = new(type) };

    public static UserSearchQuery MetadataKey(string key, string method = TextFilterMethods.EqualsExact) =>
        new() { MetadataKeyFilter = new(key, method) };

    public static UserSearchQuery MetadataValue(byte[] value, string method = ByteFilterMethods.EqualsExact) =>
        new() { MetadataValueFilter = new(value, method) };

    public static UserSearchQuery And(params IReadOnlyList<UserSearchQuery> queries) =>
        new() { AndQuery = new(queries) };

    public static UserSearchQuery Or(params IReadOnlyList<UserSearchQuery> queries) =>
        new() { OrQuery = new(queries) };

    public static UserSearchQuery Not(UserSearchQuery query) => new() { NotQuery = new(query) };
}

internal sealed record UserNameQuery(string UserName, string Method);

internal sealed record EmailQuery(string EmailAddress, string Method);

internal sealed record OrganizationIdQuery(string OrganizationId);

internal sealed record InUserIdsQuery(IReadOnlyList<string> UserIds);

internal sealed record TypeQuery(string Type);

/// <summary>Also the shape of <c>ListUserMetadata</c>'s <c>keyFilter</c>.</summary>
internal sealed record MetadataKeyFilter(string Key, string Method);

internal sealed record MetadataValueFilter(byte[] Value, string Method);

internal sealed record CompositeUserQuery(IReadOnlyList<UserSearchQuery> Queries);

internal sealed record NotUserQuery(UserSearchQuery Query);
