using System.Text.Json.Nodes;

namespace ScimEndpoint.Storage;

/// <summary>One page of a query and the total number of matches.</summary>
internal sealed record StoreQueryResult(int TotalResults, IReadOnlyList<JsonObject> Resources);
