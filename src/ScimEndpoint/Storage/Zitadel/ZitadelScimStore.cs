using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Schemas;
using Zitadel;

namespace ScimEndpoint.Storage.Zitadel;

/// <summary>The <see cref="IScimStore"/> over ZITADEL: users to <see cref="ZitadelUserStore"/>, groups to
/// <see cref="ZitadelGroupStore"/>.</summary>
internal sealed class ZitadelScimStore : IScimStore
{
    private readonly ZitadelUserStore _users;
    private readonly ZitadelGroupStore _groups;

    private readonly bool _groupsEnabled;

    public ZitadelScimStore(ZitadelClient client, ZitadelStoreOptions options, TimeProvider? time = null)
    {
        _groupsEnabled = options.GroupsEnabled;
        // Groups and app roles share each user's one authorization on the project, and its lock.
        var authorizations = new ProjectAuthorizations(client, options, time);
        _users = new ZitadelUserStore(client, options, authorizations);
        _groups = new ZitadelGroupStore(client, options, authorizations);
    }

    public Task<JsonObject?> GetAsync(ResourceTypeDefinition type, string id, CancellationToken cancellationToken) =>
        IsUser(type) ? _users.GetAsync(id, cancellationToken) : _groups.GetAsync(id, cancellationToken);

    public Task<StoreQueryResult> QueryAsync(ResourceTypeDefinition type, StoreQuery query, CancellationToken cancellationToken) =>
        IsUser(type) ? _users.QueryAsync(query, cancellationToken) : _groups.QueryAsync(query, cancellationToken);

    public Task<JsonObject> CreateAsync(ResourceTypeDefinition type, JsonObject resource, CancellationToken cancellationToken) =>
        IsUser(type) ? _users.CreateAsync(resource, cancellationToken) : _groups.CreateAsync(resource, cancellationToken);

    /// <summary>
    /// ZITADEL has no conditional update, so there is no version check here: changes are applied as differences
    /// between <paramref name="current"/> and <paramref name="replacement"/>, and the service checks If-Match on read.
    /// </summary>
    public Task<JsonObject> ReplaceAsync(
        ResourceTypeDefinition type, JsonObject current, JsonObject replacement, CancellationToken cancellationToken) =>
        IsUser(type)
            ? _users.ReplaceAsync(current, replacement, cancellationToken)
            : _groups.ReplaceAsync(current, replacement, cancellationToken);

    public Task<bool> ChangeMembersAsync(
        string groupId, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove, CancellationToken cancellationToken)
    {
        RefuseWhenGroupsOff();
        return _groups.ChangeMembersAsync(groupId, add, remove, cancellationToken);
    }

    public Task<bool> DeleteAsync(
        ResourceTypeDefinition type, string id, string? expectedVersion, CancellationToken cancellationToken) =>
        IsUser(type) ? _users.DeleteAsync(id, cancellationToken) : _groups.DeleteAsync(id, cancellationToken);

    /// <summary>Users go to the user store; groups to the group store (see <see cref="RefuseWhenGroupsOff"/>).</summary>
    private bool IsUser(ResourceTypeDefinition type)
    {
        if (type.Name == ScimSchemas.UserType.Name)
        {
            return true;
        }

        RefuseWhenGroupsOff();
        return false;
    }

    /// <summary>When the tenant takes no groups, every group operation is a 403 before any call.</summary>
    private void RefuseWhenGroupsOff()
    {
        if (!_groupsEnabled)
        {
            throw new ScimException(403, null,
                "This tenant takes no SCIM groups (spec.mappings.groups.enabled is false); turn group provisioning off in Entra.");
        }
    }
}
