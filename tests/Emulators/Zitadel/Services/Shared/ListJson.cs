using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Json;

namespace Emulators.Zitadel.Services.Shared;

/// <summary>
/// The two list-metadata shapes: v2 user/org <c>details</c> and the newer services' <c>pagination</c>.
/// </summary>
internal static class ListJson
{
    /// <summary>
    /// <c>ListDetails {totalResult, processedSequence, timestamp}</c>; totalResult is omitted when 0.
    /// </summary>
    public static JsonObject Details(CallContext context, int totalResult) => new JsonObject()
        .Int64("totalResult", totalResult)
        .Int64("processedSequence", context.State.Sequence)
        .Time("timestamp", context.State.ListCutoff ?? context.Now);

    /// <summary><c>PaginationResponse {totalResult, appliedLimit}</c>.</summary>
    public static JsonObject Pagination(int totalResult, ListPage page) => new JsonObject()
        .Int64("totalResult", totalResult)
        .Int64("appliedLimit", page.Limit);

    /// <summary><c>Details {sequence, changeDate, resourceOwner}</c> of a write.</summary>
    public static JsonObject WriteDetails(long sequence, DateTimeOffset changeDate, string resourceOwner) =>
        new JsonObject().Int64("sequence", sequence).Time("changeDate", changeDate).Str("resourceOwner", resourceOwner);
}
