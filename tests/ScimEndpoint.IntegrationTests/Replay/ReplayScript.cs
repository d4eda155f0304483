using System.Text.Json;

namespace ScimEndpoint.IntegrationTests.Replay;

/// <summary>Loads the Entra request sequence copied next to the test assembly.</summary>
internal static class ReplayScript
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<ReplayStep> Load()
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "Replay", "entra-replay.json");
        var steps = JsonSerializer.Deserialize<List<ReplayStep>>(File.ReadAllText(path), Options);
        return steps ?? throw new InvalidDataException($"{path} holds no steps.");
    }
}
