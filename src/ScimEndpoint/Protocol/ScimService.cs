using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Filtering;
using ScimEndpoint.Protocol.Paths;
using ScimEndpoint.Protocol.Patching;
using ScimEndpoint.Protocol.Querying;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Storage;

namespace ScimEndpoint.Protocol;

/// <summary>
/// The SCIM operations, independent of the host: validates client input, applies PATCH and PUT, and retries a write
/// that lost a race so that concurrent changes (such as member additions to one group) are never lost.
/// </summary>
internal sealed class ScimService(IScimStore store)
{
    /// <summary>How often a write that lost an optimistic-concurrency race is re-read and re-applied.</summary>
    internal const int MaxConflictRetries = 64;

    public Task<JsonObject> CreateAsync(ResourceTypeDefinition type, JsonNode? body, CancellationToken cancellationToken)
    {
        var resource = ResourceNormalizer.ForCreate(type, body);
        return store.CreateAsync(type, resource, cancellationToken);
    }

    public async Task<JsonObject> GetAsync(ResourceTypeDefinition type, string id, CancellationToken cancellationToken) =>
        await store.GetAsync(type, id, cancellationToken) ?? throw ScimErrors.NotFound(type.Name, id);

    public Task<StoreQueryResult> QueryAsync(
        ResourceTypeDefinition type, SearchRequest request, CancellationToken cancellationToken) =>
        store.QueryAsync(type, BuildQuery(type, request), cancellationToken);

    public Task<JsonObject> ReplaceAsync(
        ResourceTypeDefinition type, string id, JsonNode? body, string? ifMatch, CancellationToken cancellationToken) =>
        UpdateAsync(type, id, ifMatch, current => ResourceNormalizer.ForReplace(type, current, body), cancellationToken);

    /// <summary>
    /// Applies a PATCH. Returns the new resource, or null for a group PATCH that only changed members: that one goes
    /// straight to the store's membership operation (no read, no rewrite of the group), and a caller that must answer
    /// with the group reads it.
    /// </summary>
    public async Task<JsonObject?> PatchAsync(
        ResourceTypeDefinition type, string id, JsonNode? body, string? ifMatch, CancellationToken cancellationToken)
    {
        var request = PatchRequest.Parse(body);
        if (type.Name == ScimSchemas.GroupType.Name && !IsConditional(ifMatch) && MembershipChange.TryFrom(request) is { } change)
        {
            return await store.ChangeMembersAsync(id, change.Add, change.Remove, cancellationToken)
                ? null
                : throw ScimErrors.NotFound(type.Name, id);
        }

        return await UpdateAsync(type, id, ifMatch, current => PatchEngine.Apply(type, current, request), cancellationToken);
    }

    public async Task DeleteAsync(
        ResourceTypeDefinition type, string id, string? ifMatch, CancellationToken cancellationToken)
    {
        string? expected = null;
        if (IsConditional(ifMatch))
        {
            var current = await GetAsync(type, id, cancellationToken);
            CheckIfMatch(current, ifMatch);
            expected = Version(current);
        }

        if (!await store.DeleteAsync(type, id, expected, cancellationToken))
        {
            throw ScimErrors.NotFound(type.Name, id);
        }
    }

    /// <summary>Validates and converts the query parameters; throws 400 with the precise <c>scimType</c>.</summary>
    internal static StoreQuery BuildQuery(ResourceTypeDefinition type, SearchRequest request)
    {
        FilterNode? filter = null;
        if (!string.IsNullOrWhiteSpace(request.Filter))
        {
            filter = FilterParser.Parse(request.Filter);
            FilterEvaluator.Validate(type, filter);
        }

        AttributePath? sortBy = null;
        if (!string.IsNullOrWhiteSpace(request.SortBy))
        {
            sortBy = PathParser.ParseAttributePath(request.SortBy);
            if (type.Resolve(sortBy)?.Target is not { IsComplex: false, FreeForm: false })
            {
                throw ScimErrors.InvalidValue($"sortBy '{ScimErrors.Shorten(request.SortBy)}' is not a simple attribute of {type.Name}.");
            }
        }

        var descending = request.SortOrder switch
        {
            null or "" => false,
            _ when request.SortOrder.Equals("ascending", StringComparison.OrdinalIgnoreCase) => false,
            _ when request.SortOrder.Equals("descending", StringComparison.OrdinalIgnoreCase) => true,
            _ => throw ScimErrors.InvalidValue("sortOrder must be 'ascending' or 'descending'."),
        };

        // RFC 7644 §3.4.2.4: a startIndex below 1 is read as 1 and a negative count as 0.
        var startIndex = Math.Max(1, request.StartIndex ?? 1);
        var count = Math.Clamp(request.Count ?? ScimConstants.DefaultPageSize, 0, ScimConstants.MaxPageSize);
        var includeMembers = !request.ExcludedAttributes.Contains("members", StringComparer.OrdinalIgnoreCase)
            && (request.Attributes.Count == 0 || request.Attributes.Any(a => a.Trim().StartsWith("members", StringComparison.OrdinalIgnoreCase)));
        return new StoreQuery(filter, sortBy, descending, startIndex, count, includeMembers);
    }

    private async Task<JsonObject> UpdateAsync(
        ResourceTypeDefinition type,
        string id,
        string? ifMatch,
        Func<JsonObject, JsonObject> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await GetAsync(type, id, cancellationToken);
            CheckIfMatch(current, ifMatch);
            var replacement = change(current);
            if (JsonNode.DeepEquals(current, replacement))
            {
                return current;
            }

            try
            {
                return await store.ReplaceAsync(type, current, replacement, cancellationToken);
            }
            catch (StoreConflictException) when (IsConditional(ifMatch))
            {
                throw ScimErrors.PreconditionFailed();
            }
            catch (StoreConflictException) when (attempt < MaxConflictRetries)
            {
                // Another request changed the resource after we read it: re-read and re-apply the same change.
            }
        }
    }

    private static bool IsConditional(string? ifMatch) => !string.IsNullOrWhiteSpace(ifMatch) && ifMatch.Trim() != "*";

    /// <summary>RFC 7232 If-Match with weak comparison: any listed tag that equals the version matches.</summary>
    internal static void CheckIfMatch(JsonObject resource, string? ifMatch)
    {
        if (!IsConditional(ifMatch))
        {
            return;
        }

        var version = StripWeak(Version(resource));
        foreach (var tag in ifMatch!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (StripWeak(tag) == version)
            {
                return;
            }
        }

        throw ScimErrors.PreconditionFailed();
    }

    private static string? Version(JsonObject resource) => ResourceMeta.Version(resource);

    private static string? StripWeak(string? tag) => tag is not null && tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
}
