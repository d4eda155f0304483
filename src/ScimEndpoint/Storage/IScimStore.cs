using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Storage;

/// <summary>
/// Where users, groups and group membership live. Resources cross this boundary as normalized SCIM JSON:
/// canonical attribute names, core attributes at the top level, each extension under its URN, and <c>meta</c>
/// with <c>resourceType</c>, <c>created</c>, <c>lastModified</c> and <c>version</c> (a weak ETag).
/// </summary>
/// <remarks>
/// Objects the store returns are snapshots it may share between callers: treat them as read-only and
/// <c>DeepClone()</c> before changing one. Membership is the <c>members</c> attribute of a group; a store compares
/// the current and replacement members to apply only the difference, so concurrent member changes never overwrite
/// each other. Deleting a user removes it from every group.
/// </remarks>
internal interface IScimStore
{
    /// <summary>Returns the resource, or null when no resource of that type has the id.</summary>
    Task<JsonObject?> GetAsync(ResourceTypeDefinition type, string id, CancellationToken cancellationToken);

    /// <summary>Filters, sorts and pages. Filters and sorts the store cannot translate are evaluated in memory.</summary>
    Task<StoreQueryResult> QueryAsync(ResourceTypeDefinition type, StoreQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a validated resource that has no <c>id</c> or <c>meta</c> yet, and returns it as stored.
    /// Throws a 409 <c>uniqueness</c> <see cref="Protocol.ScimException"/> for a taken userName or displayName
    /// (compared ignoring case), and 400 <c>invalidValue</c> for a member that does not exist.
    /// </summary>
    Task<JsonObject> CreateAsync(ResourceTypeDefinition type, JsonObject resource, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces <paramref name="current"/> (as read from this store) with <paramref name="replacement"/>.
    /// Throws <see cref="StoreConflictException"/> when the stored version is no longer the one in
    /// <paramref name="current"/>, so the caller can re-read and re-apply.
    /// </summary>
    Task<JsonObject> ReplaceAsync(
        ResourceTypeDefinition type, JsonObject current, JsonObject replacement, CancellationToken cancellationToken);

    /// <summary>
    /// Adds and removes members of a group without reading or rewriting the whole group: Entra's member PATCHes take
    /// this path. Returns false when the group does not exist. An added id that is no User (or, where the store
    /// allows nesting, Group) is a 400 <c>invalidValue</c>; adding a member twice or removing a non-member is a no-op.
    /// </summary>
    Task<bool> ChangeMembersAsync(
        string groupId, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the resource. Returns false when it does not exist. With <paramref name="expectedVersion"/>, throws a
    /// 412 <see cref="Protocol.ScimException"/> when the stored version differs.
    /// </summary>
    Task<bool> DeleteAsync(
        ResourceTypeDefinition type, string id, string? expectedVersion, CancellationToken cancellationToken);
}
