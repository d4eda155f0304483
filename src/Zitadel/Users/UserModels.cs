using System.Text;

namespace Zitadel.Users;

// The user resource and its parts, used in requests and responses; these small records share one file.

/// <summary>A user as <c>GetUserByID</c> and <c>ListUsers</c> return it.</summary>
internal sealed record User
{
    public string UserId { get; set; } = "";

    public Json.ObjectDetails? Details { get; init; }

    /// <summary>One of <see cref="Json.UserStates"/>; empty when ZITADEL omitted the (unspecified) state.</summary>
    public string State { get; set; } = "";

    public string Username { get; set; } = "";

    public IReadOnlyList<string> LoginNames { get; set; } = [];

    public string PreferredLoginName { get; set; } = "";

    public HumanUser? Human { get; init; }

    public MachineUser? Machine { get; init; }
}

internal sealed record HumanUser
{
    public UserProfile? Profile { get; init; }

    public UserEmail? Email { get; init; }

    public UserPhone? Phone { get; init; }
}

internal sealed record MachineUser
{
    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public string AccessTokenType { get; set; } = "";

    public bool HasSecret { get; init; }
}

/// <summary>A human's profile; null members are omitted, which in <c>UpdateUser</c> means "unchanged".</summary>
internal sealed record UserProfile
{
    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    public string? NickName { get; init; }

    public string? DisplayName { get; init; }

    public string? PreferredLanguage { get; init; }
}

internal sealed record UserEmail(string Email, bool IsVerified = false);

internal sealed record UserPhone(string Phone, bool IsVerified = false);

/// <summary>A link to an external identity: <c>UserId</c> is the user's id at the IDP (Entra: the object id).</summary>
internal sealed record IdpLink(string IdpId, string UserId, string UserName);

/// <summary>One metadata entry; the value is bytes (base64 on the wire), usually UTF-8 text.</summary>
internal sealed record MetadataEntry(string Key, byte[] Value)
{
    public static MetadataEntry FromString(string key, string value) => new(key, Encoding.UTF8.GetBytes(value));

    /// <summary>The value decoded as UTF-8.</summary>
    public string ValueAsString() => Encoding.UTF8.GetString(Value);
}
