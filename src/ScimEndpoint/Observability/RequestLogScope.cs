using System.Collections;

namespace ScimEndpoint.Observability;

/// <summary>The log scope of one request; a list of pairs so JSON console logs show them as properties.</summary>
internal sealed class RequestLogScope(string requestId, string tenant) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("RequestId", requestId),
        1 => new("Tenant", tenant),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"RequestId:{requestId} Tenant:{tenant}";
}
