using Zitadel;
using Zitadel.Authorizations;
using Zitadel.Json;

namespace ScimEndpoint.Storage.Zitadel;

/// <summary>
/// The one authorization per user on the tenant's project, shared by groups and app roles. Each caller changes only
/// the role keys it owns; rewrites of one user's set are serialized in this process by a shared per-user lock.
/// </summary>
internal sealed class ProjectAuthorizations(ZitadelClient client, ZitadelStoreOptions options)
{
    private const uint PageLimit = 1000;

    public KeyedLock UserLocks { get; } = new();

    public string ProjectId => options.ProjectId
        ?? throw new InvalidOperationException("Groups and app roles need the tenant's ZITADEL project (Scim:Zitadel:ProjectId).");

    public async Task<IReadOnlyList<Authorization>> ListAsync(AuthorizationSearchFilter filter, CancellationToken cancellationToken)
    {
        var response = await Call(
            () => client.Authorizations.ListAuthorizationsAsync(
                new FilteredListRequest<AuthorizationSearchFilter>
                {
                    Pagination = new ListQuery { Limit = PageLimit, Asc = true },
                    Filters = [AuthorizationSearchFilter.Project(ProjectId), AuthorizationSearchFilter.Organization(options.OrganizationId), filter],
                },
                cancellationToken));
        return response.Authorizations;
    }

    /// <summary>
    /// Writes the user's new role set: keeps the keys <paramref name="owned"/> does not claim, replaces the claimed
    /// ones by <paramref name="desired"/>; creates, updates or deletes the authorization as needed (one call, or none).
    /// </summary>
    public async Task SetAsync(
        string userId, Authorization? current, Func<string, bool> owned, IReadOnlyCollection<string> desired, CancellationToken cancellationToken)
    {
        var keep = current?.Roles.Select(r => r.Key).Where(key => !owned(key)) ?? [];
        var next = keep.Concat(desired).Distinct(StringComparer.Ordinal).ToList();
        var before = current?.Roles.Select(r => r.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        if (before.SetEquals(next))
        {
            return;
        }

        if (current is null)
        {
            await Call(() => client.Authorizations.CreateAuthorizationAsync(
                new CreateAuthorizationRequest(userId, ProjectId, options.OrganizationId, next), cancellationToken));
        }
        else if (next.Count == 0)
        {
            await Call(() => client.Authorizations.DeleteAuthorizationAsync(current.Id, cancellationToken));
        }
        else
        {
            await Call(() => client.Authorizations.UpdateAuthorizationAsync(current.Id, next, cancellationToken));
        }
    }

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ZitadelException error)
        {
            throw ZitadelErrors.ToScim(error, "roles");
        }
    }
}
