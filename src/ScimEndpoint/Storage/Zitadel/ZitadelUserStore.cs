using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Filtering;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;
using Zitadel;
using Zitadel.Json;
using Zitadel.Users;

namespace ScimEndpoint.Storage.Zitadel;

/// <summary>
/// SCIM users as ZITADEL human users of the tenant's organisation (docs/zitadel-mapping.md). Calls per operation:
/// create 1, get 2, update 1 (+1 when <c>active</c> changes), delete 1 or 2 (see
/// <see cref="ZitadelStoreOptions.IdentityConfinedToOrganization"/>). Users of other organisations are invisible.
/// Entra app roles (<c>roles[].value</c>) mapped by <see cref="ZitadelStoreOptions.AppRoles"/> become role keys of the
/// user's authorization on the project: one more call on create, two when an update changes them.
/// </summary>
internal sealed class ZitadelUserStore(
    ZitadelClient client, ZitadelStoreOptions options, ProjectAuthorizations? authorizations = null)
{
    private const uint MetadataPageSize = 1000;

    public async Task<JsonObject?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id, cancellationToken);
        if (user is null)
        {
            return null;
        }

        authorizations?.KnownUsers.Add(id);
        var metadata = await ReadMetadataAsync(id, cancellationToken);
        return ToScim(user, metadata, options.Mapping.UserType);
    }

    /// <summary>
    /// Pushes the filter down to <c>ListUsers</c> (<see cref="ZitadelUserFilter"/>) within the tenant's organisation.
    /// An exact translation sorted by userName or creation is paged by ZITADEL; otherwise up to
    /// <see cref="CandidateLimit"/> candidates are checked, sorted and paged here, and more is a 400 tooMany. A filter
    /// with nothing ZITADEL can answer is a 400 invalidFilter rather than a scan. Each user on the page costs one
    /// metadata read: <c>filter=userName eq</c> takes two calls.
    /// </summary>
    /// <remarks>ZITADEL's lists may lag writes by a moment (zitadel-api.md §11.3); uniqueness is still checked at
    /// write time, so a create racing its own lookup ends in 409.</remarks>
    public async Task<StoreQueryResult> QueryAsync(StoreQuery query, CancellationToken cancellationToken)
    {
        var translation = query.Filter is null ? null : ZitadelUserFilter.Translate(query.Filter);
        if (query.Filter is not null && translation is null)
        {
            throw ScimErrors.InvalidFilter(
                "ZITADEL can answer filters on userName, emails.value, externalId and id (combined with and, or, not); "
                + "this filter has none of them and would need a scan of the whole organisation.");
        }

        var type = options.Mapping.UserType;
        var sortBy = query.SortBy is null ? null : type.Resolve(query.SortBy);
        var sortColumn = sortBy is null ? UserSortColumns.CreationDate
            : sortBy.ExtensionUrn is null && sortBy.Attribute?.Name == "userName" && sortBy.SubAttribute is null ? UserSortColumns.UserName
            : null;
        var queries = new List<UserSearchQuery>
        {
            UserSearchQuery.Organization(options.OrganizationId),
            UserSearchQuery.UserType(UserTypes.Human),
        };
        if (translation is not null)
        {
            queries.Add(translation.Query);
        }

        if ((translation?.Exact ?? true) && sortColumn is not null)
        {
            var page = await ListAsync(
                queries, sortColumn, query.StartIndex - 1, (uint)Math.Max(1, query.Count), !query.Descending, cancellationToken);
            var total = (int)(page.Details?.TotalResult ?? 0);
            return new StoreQueryResult(total, query.Count == 0 ? [] : await ReadAllAsync(page.Result, cancellationToken));
        }

        var candidates = await ListAsync(queries, UserSortColumns.CreationDate, 0, CandidateLimit, true, cancellationToken);
        if ((candidates.Details?.TotalResult ?? 0) > CandidateLimit)
        {
            throw ScimErrors.TooMany(
                $"More than {CandidateLimit} users match what ZITADEL can filter on; narrow the filter (for example with userName eq).");
        }

        IEnumerable<JsonObject> matches = (await ReadAllAsync(candidates.Result, cancellationToken))
            .Where(user => query.Filter is null || FilterEvaluator.Matches(type, user, query.Filter));
        if (sortBy is not null)
        {
            matches = matches.Order(new SortComparer(sortBy, query.Descending));
        }

        var all = matches.ToList();
        return new StoreQueryResult(all.Count, all.Skip(query.StartIndex - 1).Take(query.Count).ToList());
    }

    public async Task<JsonObject> CreateAsync(JsonObject resource, CancellationToken cancellationToken)
    {
        var record = ZitadelUserMapping.ToRecord(resource, options.Mapping);
        var externalId = (string?)resource["externalId"];
        var request = new CreateUserRequest
        {
            OrganizationId = options.OrganizationId,
            Username = record.Username,
            Metadata = record.Metadata.Select(e => MetadataEntry.FromString(e.Key, e.Value)).ToList(),
            Human = new CreateHumanUser
            {
                Profile = Profile(record),
                Email = new UserEmail(record.Email, record.EmailVerified),
                Phone = record.Phone is null ? null : new UserPhone(record.Phone, record.PhoneVerified),
                // Entra's objectId is the external id ZITADEL's Entra IDP sees at login (zitadel-api.md §10).
                IdpLinks = options.IdpId is { } idpId && externalId is not null
                    ? [new IdpLink(idpId, externalId, record.Username)]
                    : null,
            },
        };

        CreateUserResponse created;
        try
        {
            // Note: metadata and the IDP link are written in the same event batch, so a failure leaves nothing.
            created = await client.Users.CreateUserAsync(request, cancellationToken);
        }
        catch (ZitadelException error)
        {
            throw ZitadelErrors.ToScim(error, error.ErrorId == UsernameTakenId ? "userName" : "externalId");
        }

        authorizations?.KnownUsers.Add(created.Id);
        var createdAt = created.CreationDate ?? DateTimeOffset.UtcNow;
        var changed = createdAt;
        try
        {
            if (!record.Active)
            {
                changed = await SetActiveAsync(created.Id, active: false, cancellationToken) ?? changed;
            }

            if (AppRoleKeys(resource) is { Count: > 0 } roleKeys)
            {
                await Authorizations.SetAsync(created.Id, null, IsAppRoleKey, roleKeys, cancellationToken);
            }
        }
        catch (ScimException)
        {
            // The create has more than one step: undo the first so Entra's retry starts clean instead of finding an
            // active user without its roles (and a 409). Best effort; the original failure is what the client sees.
            await UndoCreateAsync(created.Id);
            throw;
        }

        return ZitadelUserMapping.ToScim(created.Id, record, Details(createdAt, changed), options.Mapping.UserType);
    }

    public async Task<JsonObject> ReplaceAsync(JsonObject current, JsonObject replacement, CancellationToken cancellationToken)
    {
        var id = ResourceMeta.Id(current)!;
        var before = ZitadelUserMapping.ToRecord(current, options.Mapping);
        var after = ZitadelUserMapping.ToRecord(replacement, options.Mapping);
        var changes = ZitadelUserChanges.Between(before, after);
        var created = DateTimeOffset.Parse((string)current["meta"]!["created"]!, System.Globalization.CultureInfo.InvariantCulture);
        var changed = DateTimeOffset.Parse((string)current["meta"]!["lastModified"]!, System.Globalization.CultureInfo.InvariantCulture);
        if (changes.HasUpdate)
        {
            try
            {
                var response = await client.Users.UpdateUserAsync(Update(id, after, changes), cancellationToken);
                changed = response.ChangeDate ?? changed;
            }
            catch (ZitadelException error)
            {
                throw ZitadelErrors.ToScim(error, "userName");
            }
        }

        if (changes.Active is { } active)
        {
            changed = await SetActiveAsync(id, active, cancellationToken) ?? changed;
        }

        var roleKeys = AppRoleKeys(replacement);
        if (!roleKeys.SetEquals(AppRoleKeys(current)))
        {
            await SyncAppRolesAsync(id, roleKeys, cancellationToken);
        }

        return ZitadelUserMapping.ToScim(id, after, Details(created, changed), options.Mapping.UserType);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        authorizations?.KnownUsers.Remove(id);
        var checkedFirst = !options.IdentityConfinedToOrganization;
        if (checkedFirst && await FindAsync(id, cancellationToken) is null)
        {
            return false;
        }

        try
        {
            if (options.Deprovisioning == ZitadelDeprovisioning.Deactivate)
            {
                await client.Users.DeactivateUserAsync(id, cancellationToken);
            }
            else
            {
                await client.Users.DeleteUserAsync(id, cancellationToken);
            }

            return true;
        }
        catch (ZitadelException error) when (error.IsNotFound && checkedFirst)
        {
            // It existed a moment ago: the client retried a delete whose first answer was lost, or another request
            // deleted it. Either way it is gone, as asked.
            return true;
        }
        catch (ZitadelException error) when (error.IsNotFound || error.IsPermissionDenied)
        {
            // Confined identities get 403 for other organisations' users: to SCIM they do not exist.
            return false;
        }
        catch (ZitadelException error) when (error.IsFailedPrecondition && options.Deprovisioning == ZitadelDeprovisioning.Deactivate)
        {
            return true; // Already inactive: the DELETE is done.
        }
        catch (ZitadelException error)
        {
            throw ZitadelErrors.ToScim(error, "id");
        }
    }

    internal const string UsernameTakenId = "V3-DKcYh";

    private ProjectAuthorizations Authorizations => authorizations
        ?? throw new InvalidOperationException("App roles need the tenant's project authorizations.");

    /// <summary>The project role keys the user's SCIM roles map to (roles arrive unpacked: see ValueNormalizer).</summary>
    private HashSet<string> AppRoleKeys(JsonObject user) =>
        (user["roles"] as JsonArray ?? [])
            .Select(role => (string?)role?["value"])
            .OfType<string>()
            .SelectMany(value => options.AppRoles.TryGetValue(value, out var keys) ? keys : [])
            .ToHashSet(StringComparer.Ordinal);

    private bool IsAppRoleKey(string key) => options.AppRoles.Values.Any(keys => keys.Contains(key, StringComparer.Ordinal));

    private async Task SyncAppRolesAsync(string id, HashSet<string> roleKeys, CancellationToken cancellationToken)
    {
        await using var held = await Authorizations.LockAsync([id], cancellationToken);
        var current = (await Authorizations.ListForUsersAsync([id], cancellationToken)).GetValueOrDefault(id);
        held.EnsureFresh();
        await Authorizations.SetAsync(id, current, IsAppRoleKey, roleKeys, cancellationToken);
    }

    /// <summary>The most users one query checks in memory; also ZITADEL's largest list page (§11.2).</summary>
    internal const uint CandidateLimit = 1000;

    /// <summary>How many metadata reads of one page run at once.</summary>
    private const int MetadataReadsInParallel = 8;

    private async Task<ListUsersResponse> ListAsync(
        List<UserSearchQuery> queries, string sortColumn, long offset, uint limit, bool ascending, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Users.ListUsersAsync(
                new ListUsersRequest
                {
                    Query = new ListQuery { Offset = offset, Limit = limit, Asc = ascending },
                    SortingColumn = sortColumn,
                    Queries = queries,
                },
                cancellationToken);
        }
        catch (ZitadelException error)
        {
            throw ZitadelErrors.ToScim(error, "filter");
        }
    }

    /// <summary>The SCIM form of each listed user, reading their metadata a few at a time, in list order.</summary>
    private async Task<IReadOnlyList<JsonObject>> ReadAllAsync(IReadOnlyList<User> users, CancellationToken cancellationToken)
    {
        var tenantUsers = users.Where(IsTenantHuman).ToList();
        foreach (var user in tenantUsers)
        {
            authorizations?.KnownUsers.Add(user.UserId);
        }

        var results = new JsonObject[tenantUsers.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, tenantUsers.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MetadataReadsInParallel, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var metadata = await ReadMetadataAsync(tenantUsers[index].UserId, token);
                results[index] = ToScim(tenantUsers[index], metadata, options.Mapping.UserType);
            });
        return results;
    }

    internal async Task<IReadOnlyDictionary<string, UserMetadata>> ReadMetadataAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.Users.ListUserMetadataAsync(
                new ListUserMetadataRequest
                {
                    UserId = id,
                    Pagination = new ListQuery { Limit = MetadataPageSize },
                    Filters = [new UserMetadataFilter(new MetadataKeyFilter(ZitadelUserMapping.MetadataPrefix, TextFilterMethods.StartsWith))],
                },
                cancellationToken);
            return response.Metadata.ToDictionary(m => m.Key, StringComparer.Ordinal);
        }
        catch (ZitadelException error)
        {
            throw ZitadelErrors.ToScim(error, "id");
        }
    }

    /// <summary>The tenant's human user with this id, or null (unknown, deleted, machine, or another org's).</summary>
    internal async Task<User?> FindAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.Users.GetUserByIdAsync(id, cancellationToken);
            return IsTenantHuman(response.User) ? response.User : null;
        }
        catch (ZitadelException error) when (error.IsNotFound || error.IsPermissionDenied)
        {
            return null;
        }
        catch (ZitadelException error)
        {
            throw ZitadelErrors.ToScim(error, "id");
        }
    }

    internal bool IsTenantHuman(User? user) =>
        user?.Human is not null && user.State != UserStates.Deleted
        && string.Equals(user.Details?.ResourceOwner, options.OrganizationId, StringComparison.Ordinal);

    /// <summary>
    /// The SCIM user from ZITADEL's user and its SCIM metadata. <c>lastModified</c> and the version are the latest
    /// change of either, since ZITADEL's user details need not move when only metadata changes.
    /// </summary>
    internal static JsonObject ToScim(
        User user, IReadOnlyDictionary<string, UserMetadata> metadata, ResourceTypeDefinition? userType = null)
    {
        var human = user.Human!;
        var record = new ZitadelUserRecord
        {
            Username = user.Username,
            GivenName = human.Profile?.GivenName ?? "",
            FamilyName = human.Profile?.FamilyName ?? "",
            DisplayName = NullIfEmpty(human.Profile?.DisplayName),
            NickName = NullIfEmpty(human.Profile?.NickName),
            PreferredLanguage = NullIfEmpty(human.Profile?.PreferredLanguage),
            Email = human.Email?.Email ?? "",
            EmailVerified = human.Email?.IsVerified ?? false,
            Phone = NullIfEmpty(human.Phone?.Phone),
            PhoneVerified = human.Phone?.IsVerified ?? false,
            Active = user.State is UserStates.Active or UserStates.Initial,
            Metadata = metadata.ToDictionary(m => m.Key, m => m.Value.ValueAsString(), StringComparer.Ordinal),
        };
        var created = user.Details?.CreationDate ?? DateTimeOffset.UnixEpoch;
        var changed = metadata.Values.Select(m => m.ChangeDate ?? created)
            .Append(user.Details?.ChangeDate ?? created)
            .Max();
        return ZitadelUserMapping.ToScim(user.UserId, record, Details(created, changed), userType);
    }

    private async Task UndoCreateAsync(string id)
    {
        try
        {
            // Note: not the request's token: the undo must run even when the client gave up.
            await client.Users.DeleteUserAsync(id, CancellationToken.None);
        }
        catch (ZitadelException)
        {
            // ZITADEL is failing: the user stays; the retried create then gets 409 and Entra matches it by userName.
        }
    }

    private async Task<DateTimeOffset?> SetActiveAsync(string id, bool active, CancellationToken cancellationToken)
    {
        try
        {
            var response = active
                ? await client.Users.ReactivateUserAsync(id, cancellationToken)
                : await client.Users.DeactivateUserAsync(id, cancellationToken);
            return response.Details?.ChangeDate;
        }
        catch (ZitadelException error) when (error.IsFailedPrecondition)
        {
            return null; // Already in that state: nothing to change.
        }
        catch (ZitadelException error)
        {
            throw ZitadelErrors.ToScim(error, "active");
        }
    }

    private static UpdateUserRequest Update(string id, ZitadelUserRecord after, ZitadelUserChanges changes)
    {
        // An empty value deletes a metadata key (zitadel-api.md §5.4), so sets and deletes travel in one call.
        var metadata = changes.MetadataSet.Select(e => MetadataEntry.FromString(e.Key, e.Value))
            .Concat(changes.MetadataDelete.Select(key => new MetadataEntry(key, [])))
            .ToList();
        var human = changes.Profile || changes.Email || changes.Phone
            ? new UpdateHumanUser
            {
                Profile = changes.Profile ? Profile(after) : null,
                Email = changes.Email ? new UserEmail(after.Email, after.EmailVerified) : null,
                // An empty phone without verification removes it.
                Phone = changes.Phone ? new UserPhone(after.Phone ?? "", after.Phone is not null && after.PhoneVerified) : null,
            }
            : null;
        return new UpdateUserRequest
        {
            UserId = id,
            Username = changes.Username,
            Metadata = metadata.Count == 0 ? null : metadata,
            Human = human,
        };
    }

    private static UserProfile Profile(ZitadelUserRecord record) => new()
    {
        GivenName = record.GivenName,
        FamilyName = record.FamilyName,
        DisplayName = record.DisplayName,
        NickName = record.NickName,
        PreferredLanguage = record.PreferredLanguage,
    };

    private static ZitadelResourceDetails Details(DateTimeOffset created, DateTimeOffset changed) =>
        new(created, changed, changed.UtcTicks);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
