using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScimEndpoint.Status;

/// <summary>
/// The tenant's <c>status.provisioning</c> as one replica writes it when several serve the tenant: its own entry under
/// <c>replicas.&lt;pod&gt;</c>, the totals as the sum of every live replica's entry (a replica that stopped
/// reporting for <c>staleAfter</c> is removed), and the last success and failure only when newer than those stored.
/// The writer sends it with the resourceVersion it read, so the totals always match the entries stored with them.
/// </summary>
internal static class ReplicaCounts
{
    public static JsonObject Patch(
        JsonObject? current, string replica, ProvisioningSnapshot snapshot, DateTimeOffset now, TimeSpan staleAfter)
    {
        var replicas = new JsonObject
        {
            [replica] = new JsonObject
            {
                ["requestsLastHour"] = snapshot.RequestsLastHour,
                ["failuresLastHour"] = snapshot.FailuresLastHour,
                ["reportedAt"] = Rfc3339(now),
            },
        };
        long requests = snapshot.RequestsLastHour, failures = snapshot.FailuresLastHour;
        foreach (var (name, entry) in current?["replicas"] as JsonObject ?? [])
        {
            if (name == replica)
            {
                continue;
            }

            if (Time(entry?["reportedAt"]) is not { } reportedAt || now - reportedAt > staleAfter)
            {
                replicas[name] = null; // merge patch: remove the entry of a replica that stopped reporting
                continue;
            }

            requests += Count(entry?["requestsLastHour"]);
            failures += Count(entry?["failuresLastHour"]);
        }

        var provisioning = new JsonObject();
        if (snapshot.LastSuccessTime is { } success && !(Time(current?["lastSuccessTime"]) >= success))
        {
            provisioning["lastSuccessTime"] = Rfc3339(success);
        }

        if (snapshot.LastFailure is { } failure && !(Time(current?["lastFailure"]?["time"]) >= failure.Time))
        {
            provisioning["lastFailure"] = new JsonObject
            {
                ["time"] = Rfc3339(failure.Time),
                ["operation"] = failure.Operation,
                ["status"] = failure.Status,
                ["detail"] = failure.Detail,
            };
        }

        provisioning["requestsLastHour"] = requests;
        provisioning["failuresLastHour"] = failures;
        provisioning["replicas"] = replicas;
        return provisioning;
    }

    public static string Rfc3339(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String &&
        DateTimeOffset.TryParse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    private static long Count(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var count) ? count : 0;
}
