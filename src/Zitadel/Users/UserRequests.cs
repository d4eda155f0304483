using Zitadel.Json;

namespace Zitadel.Users;

// Requests and responses of the user lifecycle calls (CreateUser … DeleteUser); these small records share one file.

internal sealed record CreateUserRequest
{
    public required string OrganizationId { get; init; }

    /// <summary>A caller-chosen id; ZITADEL generates one when null.</summary>
    public string? UserId { get; init; }

    /// <summary>Defaults to the email for humans when null.</summary>
    public string? Username { get; init; }

    public IReadOnlyList<MetadataEntry>? Metadata { get; init; }

    public CreateHumanUser? Human { get; init; }

    public CreateMachineUser? Machine { get; init; }
}

internal sealed record CreateHumanUser
{
    public required UserProfile Profile { get; init; }

    public required UserEmail Email { get; init; }

    public UserPhone? Phone { get; init; }

    public IReadOnlyList<IdpLink>? IdpLinks { get; init; }
}

internal sealed record CreateMachineUser
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>One of <see cref="AccessTokenTypes"/>; ZITADEL's default (bearer) when null.</summary>
    public string? AccessTokenType { get; init; }
}

internal sealed record CreateUserResponse
{
    public string Id { get; set; } = "";

    public DateTimeOffset? CreationDate { get; init; }
}

/// <summary>The request of the calls that take only a user id (get, deactivate, reactivate, delete).</summary>
internal sealed record UserIdRequest(string UserId);

internal sealed record GetUserByIdResponse
{
    public ObjectDetails? Details { get; init; }

    public User? User { get; init; }
}

/// <summary>A partial update: every null member is omitted and stays unchanged.</summary>
internal sealed record UpdateUserRequest
{
    public required string UserId { get; init; }

    public string? Username { get; init; }

    /// <summary>Sets these keys; an empty value deletes its key.</summary>
    public IReadOnlyList<MetadataEntry>? Metadata { get; init; }

    public UpdateHumanUser? Human { get; init; }
}

internal sealed record UpdateHumanUser
{
    public UserProfile? Profile { get; init; }

    public UserEmail? Email { get; init; }

    public UserPhone? Phone { get; init; }
}

