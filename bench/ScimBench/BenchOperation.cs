using System.Net;

namespace ScimBench;

/// <summary>
/// An operation to measure: each worker gets its own request factory (so it can keep a private
/// <see cref="Random"/> or state such as "add next, then remove") and every answer must have the expected status.
/// </summary>
internal sealed record BenchOperation(
    string Name, HttpStatusCode Expected, Func<int, Func<HttpRequestMessage>> RequestsForWorker);
