namespace ScimEndpoint.Storage.Zitadel;

/// <summary>
/// What differs between two records, so an update sends only the changed parts: two requests that change different
/// attributes of one user never undo each other, although ZITADEL offers no conditional update.
/// </summary>
internal sealed record ZitadelUserChanges
{
    /// <summary>The new username, or null when unchanged.</summary>
    public string? Username { get; init; }

    /// <summary>Whether any profile field changed; the whole profile is then sent.</summary>
    public bool Profile { get; init; }

    public bool Email { get; init; }

    /// <summary>Whether the phone changed; the new record's phone may be null, which removes it.</summary>
    public bool Phone { get; init; }

    /// <summary>The new state, or null when unchanged.</summary>
    public bool? Active { get; init; }

    public IReadOnlyDictionary<string, string> MetadataSet { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> MetadataDelete { get; init; } = [];

    /// <summary>Whether anything besides the state changed (the state has calls of its own).</summary>
    public bool HasUpdate =>
        Username is not null || Profile || Email || Phone || MetadataSet.Count > 0 || MetadataDelete.Count > 0;

    public static ZitadelUserChanges Between(ZitadelUserRecord before, ZitadelUserRecord after) => new()
    {
        Username = string.Equals(before.Username, after.Username, StringComparison.Ordinal) ? null : after.Username,
        Profile = before.GivenName != after.GivenName || before.FamilyName != after.FamilyName
            || before.DisplayName != after.DisplayName || before.NickName != after.NickName
            || before.PreferredLanguage != after.PreferredLanguage,
        Email = before.Email != after.Email || before.EmailVerified != after.EmailVerified,
        Phone = before.Phone != after.Phone,
        Active = before.Active == after.Active ? null : after.Active,
        MetadataSet = after.Metadata
            .Where(entry => !before.Metadata.TryGetValue(entry.Key, out var old) || old != entry.Value)
            .ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal),
        MetadataDelete = before.Metadata.Keys.Where(key => !after.Metadata.ContainsKey(key)).Order(StringComparer.Ordinal).ToList(),
    };
}
