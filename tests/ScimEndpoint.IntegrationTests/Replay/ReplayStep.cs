using System.Text.Json.Nodes;

namespace ScimEndpoint.IntegrationTests.Replay;

/// <summary>One request of <c>entra-replay.json</c>, as written there.</summary>
internal sealed record ReplayStep
{
    public int Step { get; init; }

    public required string Name { get; init; }

    public required string Method { get; init; }

    /// <summary>The readable path relative to the SCIM base, to be escaped before sending.</summary>
    public required string Path { get; init; }

    /// <summary>What Entra puts on the wire (<c>+</c> for spaces); sent verbatim after substitution.</summary>
    public string? PathEncoded { get; init; }

    public JsonNode? Body { get; init; }

    public int ExpectStatus { get; init; }

    public IReadOnlyList<int> AcceptStatus { get; init; } = [];

    /// <summary>Variable name → path in the response, e.g. <c>{"userId":"id"}</c>.</summary>
    public IReadOnlyDictionary<string, string> Capture { get; init; } = new Dictionary<string, string>();

    /// <summary>Response path → expected value or marker; see <see cref="ExpectationChecker"/>.</summary>
    public JsonObject? Expect { get; init; }

    public bool Accepts(int status) => status == ExpectStatus || AcceptStatus.Contains(status);
}
