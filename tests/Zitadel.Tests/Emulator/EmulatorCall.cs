using System.Net;
using System.Text.Json.Nodes;

namespace Zitadel.Tests.Emulator;

/// <summary>The answer to one raw call: status, body (empty object when there was none) and the response.</summary>
internal sealed record EmulatorCall(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)
{
    /// <summary>The ZITADEL error id from a Connect error body (<c>details[0].debug.id</c>).</summary>
    public string? ErrorId => Body["details"]?[0]?["debug"]?["id"]?.GetValue<string>();

    public string? Code => Body["code"]?.ToString();

    public string Text(string path)
    {
        JsonNode? node = Body;
        foreach (var part in path.Split('.'))
        {
            node = int.TryParse(part, out var index) ? node?[index] : node?[part];
        }

        return node?.ToString() ?? throw new KeyNotFoundException($"{path} not in {Body.ToJsonString()}");
    }
}
