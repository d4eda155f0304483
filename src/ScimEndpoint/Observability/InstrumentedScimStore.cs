using System.Diagnostics;
using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Storage;

namespace ScimEndpoint.Observability;

/// <summary>Times every store call into <c>scim_store_call_duration_seconds</c>, by operation and outcome.</summary>
internal sealed class InstrumentedScimStore(IScimStore inner, ScimMetrics metrics) : IScimStore
{
    public Task<JsonObject?> GetAsync(ResourceTypeDefinition type, string id, CancellationToken cancellationToken) =>
        Time("get", (type, id, cancellationToken), static (store, a) => store.GetAsync(a.type, a.id, a.cancellationToken));

    public Task<StoreQueryResult> QueryAsync(
        ResourceTypeDefinition type, StoreQuery query, CancellationToken cancellationToken) =>
        Time("query", (type, query, cancellationToken),
            static (store, a) => store.QueryAsync(a.type, a.query, a.cancellationToken));

    public Task<JsonObject> CreateAsync(
        ResourceTypeDefinition type, JsonObject resource, CancellationToken cancellationToken) =>
        Time("create", (type, resource, cancellationToken),
            static (store, a) => store.CreateAsync(a.type, a.resource, a.cancellationToken));

    public Task<JsonObject> ReplaceAsync(
        ResourceTypeDefinition type, JsonObject current, JsonObject replacement, CancellationToken cancellationToken) =>
        Time("replace", (type, current, replacement, cancellationToken),
            static (store, a) => store.ReplaceAsync(a.type, a.current, a.replacement, a.cancellationToken));

    public Task<bool> DeleteAsync(
        ResourceTypeDefinition type, string id, string? expectedVersion, CancellationToken cancellationToken) =>
        Time("delete", (type, id, expectedVersion, cancellationToken),
            static (store, a) => store.DeleteAsync(a.type, a.id, a.expectedVersion, a.cancellationToken));

    public Task<bool> ChangeMembersAsync(
        string groupId, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove, CancellationToken cancellationToken) =>
        Time("members", (groupId, add, remove, cancellationToken),
            static (store, a) => store.ChangeMembersAsync(a.groupId, a.add, a.remove, a.cancellationToken));

    /// <summary>
    /// Calls the store and records the outcome. A call that completes synchronously (the in-memory store) costs no
    /// allocation; the state is passed by value so no closure is created.
    /// </summary>
    private Task<T> Time<TState, T>(string operation, TState state, Func<IScimStore, TState, Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        Task<T> task;
        try
        {
            task = call(inner, state);
        }
        catch (Exception e)
        {
            metrics.StoreCall(operation, Outcome(e), Stopwatch.GetElapsedTime(start).TotalSeconds);
            throw;
        }

        if (task.IsCompletedSuccessfully)
        {
            metrics.StoreCall(operation, "success", Stopwatch.GetElapsedTime(start).TotalSeconds);
            return task;
        }

        return AwaitAsync(operation, start, task);
    }

    private async Task<T> AwaitAsync<T>(string operation, long start, Task<T> task)
    {
        var outcome = "success";
        try
        {
            return await task;
        }
        catch (Exception e)
        {
            outcome = Outcome(e);
            throw;
        }
        finally
        {
            metrics.StoreCall(operation, outcome, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
    }

    private static string Outcome(Exception exception) => exception switch
    {
        ScimException { Status: < 500 } => "client_error",
        StoreConflictException => "conflict",
        _ => "error",
    };
}
