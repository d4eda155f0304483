using AdministratorKey = (string UserId, Emulators.Zitadel.State.AdministratorResource Resource, string ResourceId);

namespace Emulators.Zitadel.State;

/// <summary>
/// The in-memory instance. Handlers run under <see cref="Gate"/>; tests read it through the snapshot properties,
/// which take the same lock.
/// </summary>
internal sealed class EmulatorState(TimeProvider clock, bool userLoginMustBeDomain)
{
    private readonly Dictionary<string, string> _userNames = new(StringComparer.OrdinalIgnoreCase);
    private long _lagTicks;
    private long _nextId = 300_000_000_000_000_000;

    public Lock Gate { get; } = new();

    public TimeProvider Clock { get; } = clock;

    /// <summary>§5.6: when true, usernames are unique per org and login names are <c>username@domain</c>.</summary>
    public bool UserLoginMustBeDomain { get; } = userLoginMustBeDomain;

    /// <summary>The instance-wide event sequence: the sequence of the latest change.</summary>
    public long Sequence { get; private set; }

    /// <summary>How long a write stays invisible to List* calls (§11.3); zero means lists read their writes.</summary>
    public TimeSpan ProjectionLag
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _lagTicks));
        set => Interlocked.Exchange(ref _lagTicks, value.Ticks);
    }

    public VersionedTable<string, OrganizationRecord> Orgs { get; } = new();

    public VersionedTable<string, UserRecord> UserTable { get; } = new();

    public VersionedTable<(string UserId, string Key), MetadataRecord> MetadataTable { get; } = new();

    public VersionedTable<string, IdpRecord> Idps { get; } = new();

    public VersionedTable<(string IdpId, string ExternalUserId), IdpLinkRecord> IdpLinkTable { get; } = new();

    public VersionedTable<string, ProjectRecord> ProjectTable { get; } = new();

    public VersionedTable<(string ProjectId, string Key), ProjectRoleRecord> RoleTable { get; } = new();

    public VersionedTable<string, AuthorizationRecord> AuthorizationTable { get; } = new();

    public VersionedTable<AdministratorKey, AdministratorRecord> AdministratorTable { get; } = new();

    public VersionedTable<string, CredentialRecord> Credentials { get; } = new();

    public VersionedTable<(string UserId, string KeyId), KeyRecord> Keys { get; } = new();

    public IReadOnlyList<OrganizationRecord> Organizations => Snapshot(Orgs);

    public IReadOnlyList<UserRecord> Users => Snapshot(UserTable);

    public IReadOnlyList<MetadataRecord> Metadata => Snapshot(MetadataTable);

    public IReadOnlyList<IdpLinkRecord> IdpLinks => Snapshot(IdpLinkTable);

    public IReadOnlyList<ProjectRecord> Projects => Snapshot(ProjectTable);

    public IReadOnlyList<ProjectRoleRecord> ProjectRoles => Snapshot(RoleTable);

    public IReadOnlyList<AuthorizationRecord> Authorizations => Snapshot(AuthorizationTable);

    public IReadOnlyList<AdministratorRecord> Administrators => Snapshot(AdministratorTable);

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>The moment List* calls read as of, or null when there is no lag.</summary>
    public DateTimeOffset? ListCutoff => ProjectionLag > TimeSpan.Zero ? Now - ProjectionLag : null;

    /// <summary>A new ~18-digit numeric id, as ZITADEL's snowflake ids look.</summary>
    public string NewId() =>
        Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts a change: advances the instance sequence and forgets versions no list can see.</summary>
    public long NextSequence()
    {
        var cutoff = ListCutoff ?? Now;
        Orgs.Prune(cutoff);
        UserTable.Prune(cutoff);
        MetadataTable.Prune(cutoff);
        IdpLinkTable.Prune(cutoff);
        ProjectTable.Prune(cutoff);
        RoleTable.Prune(cutoff);
        AuthorizationTable.Prune(cutoff);
        AdministratorTable.Prune(cutoff);
        return ++Sequence;
    }

    public bool IsUserNameTaken(string userName, string organizationId, string? exceptUserId) =>
        _userNames.TryGetValue(UniqueName(userName, organizationId), out var owner) && owner != exceptUserId;

    /// <summary>The login name: the username, or <c>username@primary domain</c> with org-scoped usernames.</summary>
    public string LoginName(UserRecord user) =>
        UserLoginMustBeDomain && Orgs.Get(user.OrganizationId) is { } org
            ? $"{user.UserName}@{org.PrimaryDomain}"
            : user.UserName;

    /// <summary>Writes a user and keeps the case-insensitive, instance-wide username index in step.</summary>
    public void PutUser(UserRecord user)
    {
        if (UserTable.Get(user.Id) is { } previous)
        {
            _userNames.Remove(UniqueName(previous.UserName, previous.OrganizationId));
        }

        _userNames[UniqueName(user.UserName, user.OrganizationId)] = user.Id;
        UserTable.Put(user.Id, user, user.ChangeDate);
    }

    public void RemoveUser(string userId, DateTimeOffset at)
    {
        if (UserTable.Get(userId) is { } previous)
        {
            _userNames.Remove(UniqueName(previous.UserName, previous.OrganizationId));
            UserTable.Remove(userId, at);
        }
    }

    /// <summary>The username unique constraint: instance-wide, or per org with org-scoped usernames.</summary>
    private string UniqueName(string userName, string organizationId) =>
        UserLoginMustBeDomain ? $"{organizationId}/{userName}" : userName;

    private List<T> Snapshot<TKey, T>(VersionedTable<TKey, T> table)
        where TKey : notnull
        where T : class
    {
        lock (Gate)
        {
            return table.Current.ToList();
        }
    }
}
