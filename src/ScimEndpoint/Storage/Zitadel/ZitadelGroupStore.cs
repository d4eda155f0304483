using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Filtering;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;
using Zitadel;
using Zitadel.Authorizations;
using Zitadel.Json;
using Zitadel.Projects;
using Zitadel.Users;

namespace ScimEndpoint.Storage.Zitadel;

/// <summary>
/// SCIM groups as roles of the tenant's project (docs/zitadel-mapping.md): the group id is the role key
/// (<c>scim.&lt;slug of the first displayName&gt;</c>), the display name the role's, the externalId rides in the role's
/// <c>group</c> field, and members are the tenant users whose authorization on the project holds the role.
/// </summary>
/// <remarks>
/// ZITADEL keeps one authorization per user and project, and <c>UpdateAuthorization</c> replaces its role set, so
/// changes to one user's roles are serialized in this process, and across replicas with
/// <see cref="MembershipCoordination.ProjectRoleLock"/> (docs/zitadel-mapping.md).
/// </remarks>
internal sealed class ZitadelGroupStore(ZitadelClient client, ZitadelStoreOptions options, ProjectAuthorizations authorizations)
{
    internal const string KeyPrefix = "scim.";
    private const uint PageLimit = 1000;

    private string ProjectId => authorizations.ProjectId;

    public async Task<JsonObject?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!id.StartsWith(KeyPrefix, StringComparison.Ordinal) || await FindRoleAsync(id, cancellationToken) is not { } role)
        {
            return null;
        }

        return ToScim(role, await GrantsOfRoleAsync(id, cancellationToken));
    }

    /// <summary>
    /// Lists the SCIM roles of the project (one call, at most 1,000 groups), then filters, sorts and pages here; each
    /// group on the page costs one call per started thousand members unless the query excludes them.
    /// </summary>
    public async Task<StoreQueryResult> QueryAsync(StoreQuery query, CancellationToken cancellationToken)
    {
        var roles = await ListRolesAsync(ProjectRoleSearchFilter.Key(KeyPrefix, TextFilterMethods.StartsWith), cancellationToken);
        var type = ScimSchemas.GroupType;
        var filterNeedsMembers = MentionsMembers(query.Filter);
        var groups = new List<JsonObject>(roles.Count);
        foreach (var role in roles)
        {
            var group = ToScim(role, filterNeedsMembers ? await GrantsOfRoleAsync(role.Key, cancellationToken) : []);
            if (query.Filter is null || FilterEvaluator.Matches(type, group, query.Filter))
            {
                groups.Add(group);
            }
        }

        IEnumerable<JsonObject> ordered = query.SortBy is not null && type.Resolve(query.SortBy) is { } sortBy
            ? groups.Order(new SortComparer(sortBy, query.Descending))
            : groups.OrderBy(g => (string?)g["meta"]!["created"], StringComparer.Ordinal);
        var page = ordered.Skip(query.StartIndex - 1).Take(query.Count).ToList();
        if (query.IncludeMembers && !filterNeedsMembers)
        {
            var byKey = roles.ToDictionary(r => r.Key, StringComparer.Ordinal);
            for (var i = 0; i < page.Count; i++)
            {
                var role = byKey[(string)page[i]["id"]!];
                page[i] = ToScim(role, await GrantsOfRoleAsync(role.Key, cancellationToken));
            }
        }

        return new StoreQueryResult(groups.Count, page);
    }

    public async Task<JsonObject> CreateAsync(JsonObject resource, CancellationToken cancellationToken)
    {
        var displayName = (string)resource["displayName"]!;
        var externalId = (string?)resource["externalId"];
        await EnsureNameFreeAsync(displayName, exceptKey: null, cancellationToken);
        var key = KeyPrefix + Slug(displayName);
        try
        {
            await AddRoleAsync(key, displayName, externalId, cancellationToken);
        }
        catch (ZitadelException error) when (error.IsAlreadyExists)
        {
            // The slug belongs to a group that was renamed since: this one gets a suffix (keys never change).
            key = $"{key}.{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4))}";
            await CallAsync(() => AddRoleAsync(key, displayName, externalId, cancellationToken), "displayName");
        }
        catch (ZitadelException error)
        {
            throw ZitadelErrors.ToScim(error, "displayName");
        }

        await ChangeMembersAsync(key, MemberIds(resource), [], roleKnown: true, cancellationToken);
        return await GetAsync(key, cancellationToken)
            ?? throw new ScimException(503, null, "ZITADEL has not yet made the new group readable; retry.") { RetryAfter = TimeSpan.FromSeconds(1) };
    }

    public async Task<JsonObject> ReplaceAsync(JsonObject current, JsonObject replacement, CancellationToken cancellationToken)
    {
        var key = ResourceMeta.Id(current)!;
        var displayName = (string)replacement["displayName"]!;
        var externalId = (string?)replacement["externalId"];
        if (displayName != (string?)current["displayName"] || externalId != (string?)current["externalId"])
        {
            if (!string.Equals(displayName, (string?)current["displayName"], StringComparison.OrdinalIgnoreCase))
            {
                await EnsureNameFreeAsync(displayName, key, cancellationToken);
            }

            await CallAsync(
                () => client.Projects.UpdateProjectRoleAsync(
                    new UpdateProjectRoleRequest(ProjectId, key, displayName, Tag(externalId)), cancellationToken),
                "displayName");
        }

        var before = MemberIds(current);
        var after = MemberIds(replacement);
        await ChangeMembersAsync(key, after.Except(before).ToList(), before.Except(after).ToList(), roleKnown: true, cancellationToken);
        return await GetAsync(key, cancellationToken) ?? throw ScimErrors.NotFound("Group", key);
    }

    /// <summary>
    /// A member-only PATCH (every Entra form): one call to read the users' authorizations and one write per changed
    /// user, k + 1 calls for k members (see <see cref="ChangeMembersAsync(string, List{string}, List{string}, bool, CancellationToken)"/>).
    /// </summary>
    public Task<bool> ChangeMembersAsync(
        string id, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove, CancellationToken cancellationToken) =>
        id.StartsWith(KeyPrefix, StringComparison.Ordinal)
            ? ChangeMembersAsync(id, add.Distinct(StringComparer.Ordinal).ToList(), remove.Distinct(StringComparer.Ordinal).ToList(), roleKnown: false, cancellationToken)
            : Task.FromResult(false);

    /// <summary>Removing the role also removes it from every authorization (zitadel-api.md §7.1).</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!id.StartsWith(KeyPrefix, StringComparison.Ordinal) || await FindRoleAsync(id, cancellationToken) is null)
        {
            return false;
        }

        try
        {
            await client.Projects.RemoveProjectRoleAsync(ProjectId, id, cancellationToken);
        }
        catch (ZitadelException error) when (error.IsNotFound)
        {
            // It existed a moment ago: a retried remove whose first answer was lost, or a concurrent delete.
        }
        catch (ZitadelException error)
        {
            throw ZitadelErrors.ToScim(error, "id");
        }

        return true;
    }

    /// <summary>
    /// Adds and removes the role for these users under their locks: one call to read their authorizations, then one
    /// write per user whose set changes. Returns false when the group does not exist.
    /// </summary>
    /// <remarks>
    /// <para>The group is not read first. ZITADEL checks on its write side that every role key of a write exists
    /// (zitadel-api.md §15.7), and adds are written first, so when the role is gone the first add fails before anything
    /// was applied; only then, or when no write and no listed authorization showed the role, is it looked up (404).</para>
    /// <para>New members must be users of the tenant's organisation (otherwise a token holder could grant the tenant's
    /// roles to users of other organisations); ZITADEL itself accepts an authorization for a user of any organisation.
    /// Users this process has already seen there (<see cref="KnownTenantUsers"/>, which the authorization read fills
    /// with every listed user of the tenant) are not checked again; the others cost one <c>ListUsers</c>, before any
    /// write.</para>
    /// <para>When ZITADEL refuses a write half-way (a member deleted meanwhile: 404, then a 400 to the client), the writes
    /// already made are undone (<see cref="ProjectAuthorizations.UndoAsync"/>), so the PATCH is not left half-applied.
    /// A transient failure is left to the client's retry, which converges.</para>
    /// </remarks>
    private async Task<bool> ChangeMembersAsync(
        string key, List<string> add, List<string> remove, bool roleKnown, CancellationToken cancellationToken)
    {
        if (add.Count == 0 && remove.Count == 0)
        {
            return roleKnown || await FindRoleAsync(key, cancellationToken) is not null;
        }

        await using var held = await authorizations.LockAsync(add.Concat(remove), cancellationToken);
        var grants = await authorizations.ListForUsersAsync([.. add, .. remove], cancellationToken);
        if (add.Where(user => !authorizations.KnownUsers.Contains(user)).ToList() is { Count: > 0 } unknown)
        {
            await CheckTenantUsersAsync(unknown, cancellationToken);
        }

        var roleSeen = roleKnown || grants.Values.Any(g => g.Roles.Any(r => r.Key == key));
        held.EnsureFresh();
        bool Owned(string roleKey) => roleKey == key;
        var written = new List<AuthorizationWrite>();
        var writing = "";
        try
        {
            foreach (var user in add)
            {
                writing = user;
                if (await authorizations.WriteAsync(user, grants.GetValueOrDefault(user), Owned, [key], cancellationToken) is { } write)
                {
                    written.Add(write);
                    roleSeen = true; // ZITADEL accepted the key.
                }
            }

            foreach (var user in remove.Where(grants.ContainsKey))
            {
                writing = user;
                if (await authorizations.WriteAsync(user, grants[user], Owned, [], cancellationToken) is { } write)
                {
                    written.Add(write);
                }
            }
        }
        catch (ZitadelException error)
        {
            if (error.StatusCode is >= 400 and < 500 and not 429)
            {
                // ZITADEL refused the write, so it was not applied: take back the others. After a transient failure the
                // write may have been applied without an answer, and the client's retry converges instead.
                await authorizations.UndoAsync(written);
            }

            if (!roleSeen && (error.IsFailedPrecondition || error.IsNotFound) && await FindRoleAsync(key, cancellationToken) is null)
            {
                return false;
            }

            if (error.IsNotFound && !grants.ContainsKey(writing))
            {
                authorizations.KnownUsers.Remove(writing);
                throw NotATenantUser(writing);
            }

            throw ZitadelErrors.ToScim(error, "members");
        }

        return roleSeen || await FindRoleAsync(key, cancellationToken) is not null;
    }

    /// <summary>One <c>ListUsers</c> per started thousand ids (ZITADEL's largest page, §11.2).</summary>
    private async Task CheckTenantUsersAsync(List<string> userIds, CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in userIds.Chunk((int)PageLimit))
        {
            var found = await CallAsync(
                () => client.Users.ListUsersAsync(
                    new ListUsersRequest
                    {
                        Query = new ListQuery { Limit = (uint)chunk.Length },
                        Queries = [UserSearchQuery.Organization(options.OrganizationId), UserSearchQuery.InUserIds(chunk)],
                    },
                    cancellationToken),
                "members");
            known.UnionWith(found.Result.Select(u => u.UserId));
        }

        if (userIds.FirstOrDefault(id => !known.Contains(id)) is { } stranger)
        {
            throw NotATenantUser(stranger);
        }

        foreach (var id in known)
        {
            authorizations.KnownUsers.Add(id);
        }
    }

    private static ScimException NotATenantUser(string userId) => ScimErrors.InvalidValue(
        $"Member '{ScimErrors.Shorten(userId)}' is not a user of this tenant; ZITADEL groups hold the tenant's users only.");

    private async Task EnsureNameFreeAsync(string displayName, string? exceptKey, CancellationToken cancellationToken)
    {
        var holders = await ListRolesAsync(ProjectRoleSearchFilter.DisplayName(displayName, TextFilterMethods.EqualsIgnoreCase), cancellationToken);
        if (holders.Any(r => r.Key.StartsWith(KeyPrefix, StringComparison.Ordinal) && r.Key != exceptKey))
        {
            throw ScimErrors.Uniqueness("displayName");
        }
    }

    private Task<CreationDateResponse> AddRoleAsync(string key, string displayName, string? externalId, CancellationToken cancellationToken) =>
        client.Projects.AddProjectRoleAsync(new AddProjectRoleRequest(ProjectId, key, displayName, Tag(externalId)), cancellationToken);

    private async Task<ProjectRole?> FindRoleAsync(string key, CancellationToken cancellationToken) =>
        (await ListRolesAsync(ProjectRoleSearchFilter.Key(key), cancellationToken)).FirstOrDefault(r => r.Key == key);

    private async Task<IReadOnlyList<ProjectRole>> ListRolesAsync(ProjectRoleSearchFilter filter, CancellationToken cancellationToken)
    {
        var response = await CallAsync(
            () => client.Projects.ListProjectRolesAsync(
                new ListProjectRolesRequest { ProjectId = ProjectId, Pagination = new ListQuery { Limit = PageLimit, Asc = true }, Filters = [filter] },
                cancellationToken),
            "displayName");
        if ((response.Pagination?.TotalResult ?? 0) > PageLimit)
        {
            throw ScimErrors.TooMany($"The project has more than {PageLimit} SCIM groups; narrow the query.");
        }

        return response.ProjectRoles;
    }

    private Task<IReadOnlyList<Authorization>> GrantsOfRoleAsync(string key, CancellationToken cancellationToken) =>
        authorizations.ListAsync(AuthorizationSearchFilter.Role(key), cancellationToken);

    private static JsonObject ToScim(ProjectRole role, IReadOnlyList<Authorization> grants)
    {
        var created = role.CreationDate ?? DateTimeOffset.UnixEpoch;
        var members = grants.Where(g => g.User is not null && g.Roles.Any(r => r.Key == role.Key)).ToList();
        var changed = members.Select(g => g.ChangeDate ?? created).Append(role.ChangeDate ?? created).Max();
        var group = new JsonObject { ["id"] = role.Key, ["displayName"] = role.DisplayName };
        if (ExternalId(role.Group) is { } externalId)
        {
            group["externalId"] = externalId;
        }

        if (members.Count > 0)
        {
            group["members"] = new JsonArray(members
                .OrderBy(g => g.User!.Id, StringComparer.Ordinal)
                .Select(g => (JsonNode)new JsonObject { ["value"] = g.User!.Id, ["type"] = "User" })
                .ToArray());
        }

        group["meta"] = new ZitadelResourceDetails(created, changed, changed.UtcTicks).ToMeta(ScimSchemas.GroupType.Name);
        return ResourceNormalizer.Finish(ScimSchemas.GroupType, group);
    }

    private static List<string> MemberIds(JsonObject group)
    {
        var ids = new List<string>();
        foreach (var member in group["members"] as JsonArray ?? [])
        {
            if ((string?)member?["type"] is { } type && !type.Equals("User", StringComparison.OrdinalIgnoreCase))
            {
                throw ScimErrors.InvalidValue("ZITADEL groups hold users only; nested groups are not supported.");
            }

            if ((string?)member?["value"] is { } id)
            {
                ids.Add(id);
            }
        }

        return ids.Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool MentionsMembers(FilterNode? filter) => filter switch
    {
        null => false,
        AndFilter both => MentionsMembers(both.Left) || MentionsMembers(both.Right),
        OrFilter either => MentionsMembers(either.Left) || MentionsMembers(either.Right),
        NotFilter negated => MentionsMembers(negated.Inner),
        CompareFilter compare => compare.Path.Name.Equals("members", StringComparison.OrdinalIgnoreCase),
        PresentFilter present => present.Path.Name.Equals("members", StringComparison.OrdinalIgnoreCase),
        ValuePathFilter valuePath => valuePath.Path.Name.Equals("members", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>
    /// The role's <c>group</c> field: the configured role group (<c>scim</c> by default), or
    /// <c>&lt;role group&gt;:&lt;externalId&gt;</c>.
    /// </summary>
    private string Tag(string? externalId) =>
        externalId is null ? options.GroupRoleGroup : $"{options.GroupRoleGroup}:{externalId}";

    /// <summary>What follows the first ':', whatever the role group was when the role was written (it has no ':').</summary>
    private static string? ExternalId(string tag) =>
        tag.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? tag[(colon + 1)..] : null;

    /// <summary>Lower-case letters, digits and dashes, at most 60 characters: readable in tokens.</summary>
    internal static string Slug(string displayName)
    {
        var slug = new StringBuilder(Math.Min(displayName.Length, 60));
        foreach (var c in displayName.ToLowerInvariant())
        {
            if (slug.Length == 60)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        return text.Length > 0 ? text : Convert.ToHexStringLower(Encoding.UTF8.GetBytes(displayName).AsSpan(0, Math.Min(8, displayName.Length)))
            .ToString(CultureInfo.InvariantCulture);
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call, string attribute)
    {
        try
        {
            return await call();
        }
        catch (ZitadelException error)
        {
            throw ZitadelErrors.ToScim(error, attribute);
        }
    }
}
