using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.ZitadelFaults;

/// <summary>One HTTP exchange as the client saw it.</summary>
internal sealed record Exchange(string Method, string Path, int Attempt, int Status, string? RetryAfter, string Body)
{
    public override string ToString() =>
        $"{Method} {Path} (attempt {Attempt}) → {Status}{(RetryAfter is null ? "" : $" Retry-After: {RetryAfter}")} "
        + (Body.Length <= 240 ? Body : Body[..240] + "…");
}

/// <summary>
/// Sends SCIM requests the way Entra's provisioning service retries them: a 503 (and, recorded as a violation, any
/// other 5xx) is sent again, up to <see cref="MaxAttempts"/> times, without waiting (tests do not sleep). A 409 on a
/// retried create and a 404 on a retried delete are the caller's to interpret. Every answer is checked: never a 500,
/// a 503 always with <c>Retry-After</c> and a SCIM error body, and no 4xx the caller did not allow.
/// </summary>
internal sealed class EntraRetryClient(HttpClient http, Action? beforeAttempt = null)
{
    public const int MaxAttempts = 12;

    private const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

    private static readonly MediaTypeHeaderValue ScimJson = new("application/scim+json");

    public List<Exchange> Exchanges { get; } = [];

    /// <summary>Answers that break the fault-tolerance contract, described for the report.</summary>
    public List<string> Violations { get; } = [];

    /// <summary>
    /// Sends until an answer other than 5xx arrives. <paramref name="expected"/> are the success statuses;
    /// <paramref name="allowedOnRetry"/> the 4xx a repeated request may meet because an earlier attempt took effect.
    /// <paramref name="retrying"/> says the caller already sent it once. Returns the last exchange, or null when every
    /// attempt failed (a violation).
    /// </summary>
    public async Task<Exchange?> SendAsync(
        HttpMethod method, string path, string? body, int[] expected, int[]? allowedOnRetry = null, bool retrying = false)
    {
        allowedOnRetry ??= [];
        for (var attempt = retrying ? 2 : 1; attempt <= MaxAttempts; attempt++)
        {
            beforeAttempt?.Invoke();
            var exchange = await SendOnceAsync(method, path, body, attempt);
            if (exchange.Status >= 500)
            {
                CheckServerError(exchange);
                continue;
            }

            if (!expected.Contains(exchange.Status) && !(attempt > 1 && allowedOnRetry.Contains(exchange.Status)))
            {
                Violations.Add($"Unexpected status: {exchange}");
            }

            return exchange;
        }

        Violations.Add($"Still failing after {MaxAttempts} attempts: {method} {path}");
        return null;
    }

    /// <summary>Creates a user, or on a retried 409 finds the one an earlier attempt created. Returns its id.</summary>
    public async Task<string?> CreateUserAsync(string userName, string body, bool retrying = false)
    {
        var exchange = await SendAsync(HttpMethod.Post, "Users", body, [201], [409], retrying);
        return exchange?.Status == 201 ? Id(exchange) : await FindIdAsync("Users", "userName", userName);
    }

    /// <summary>Creates a group, or on a retried 409 finds the one an earlier attempt created. Returns its id.</summary>
    public async Task<string?> CreateGroupAsync(string displayName, string body, bool retrying = false)
    {
        var exchange = await SendAsync(HttpMethod.Post, "Groups", body, [201], [409], retrying);
        return exchange?.Status == 201 ? Id(exchange) : await FindIdAsync("Groups", "displayName", displayName);
    }

    /// <summary>Entra's lookup before a create and after a 409: the id of the one match, or null.</summary>
    public async Task<string?> FindIdAsync(string endpoint, string attribute, string value)
    {
        var exclude = endpoint == "Groups" ? "&excludedAttributes=members" : "";
        var exchange = await SendAsync(HttpMethod.Get, $"{endpoint}?filter={Uri.EscapeDataString($"{attribute} eq \"{value}\"")}{exclude}", null, [200]);
        if (exchange is null)
        {
            return null;
        }

        var resources = JsonNode.Parse(exchange.Body)?["Resources"] as JsonArray ?? [];
        if (resources.Count > 1)
        {
            Violations.Add($"{resources.Count} {endpoint} match {attribute} eq \"{value}\": {exchange}");
        }

        return resources.Count == 0 ? null : (string?)resources[0]?["id"];
    }

    /// <summary>Deletes; a 404 on a retried delete means an earlier attempt deleted it.</summary>
    public Task<Exchange?> DeleteAsync(string path, bool retrying = false) =>
        SendAsync(HttpMethod.Delete, path, null, [204], [404], retrying);

    public Task<Exchange?> PatchAsync(string path, string body) => SendAsync(HttpMethod.Patch, path, body, [200, 204]);

    /// <summary>The status histogram, e.g. <c>POST 201 × 30</c>, one line per method and status.</summary>
    public string Histogram() => string.Join(
        Environment.NewLine,
        Exchanges.GroupBy(e => (e.Method, e.Status))
            .OrderBy(g => g.Key.Method, StringComparer.Ordinal).ThenBy(g => g.Key.Status)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"  {g.Key.Method,-6} {g.Key.Status} × {g.Count()}")));

    public static string Id(Exchange exchange) =>
        (string?)JsonNode.Parse(exchange.Body)?["id"] ?? throw new InvalidOperationException($"No id in {exchange}");

    /// <summary>One exchange, with every await bounded.</summary>
    public async Task<Exchange> SendOnceAsync(HttpMethod method, string path, string? body, int attempt = 1)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Request);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = ScimJson;
        }

        using var response = await http.SendAsync(request, timeout.Token).WithTimeout(TestTimeouts.Request);
        var text = await response.Content.ReadAsStringAsync(timeout.Token).WithTimeout(TestTimeouts.Request);
        var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? string.Join(",", values) : null;
        var exchange = new Exchange(method.Method, path, attempt, (int)response.StatusCode, retryAfter, text);
        lock (Exchanges)
        {
            Exchanges.Add(exchange);
        }

        return exchange;
    }

    /// <summary>Why a 5xx answer breaks the contract, or null when it is a proper 503.</summary>
    public static string? ServerErrorProblem(Exchange exchange)
    {
        if (exchange.Status != 503)
        {
            return $"{exchange.Status} instead of 503";
        }

        if (exchange.RetryAfter is null
            || !int.TryParse(exchange.RetryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds < 1)
        {
            return "503 without a Retry-After in whole seconds";
        }

        try
        {
            var error = JsonNode.Parse(exchange.Body) as JsonObject;
            var schemas = error?["schemas"] as JsonArray ?? [];
            if (!schemas.Any(s => (string?)s == ErrorSchema) || (string?)error?["status"] != "503")
            {
                return "503 without a SCIM error body";
            }
        }
        catch (JsonException)
        {
            return "503 whose body is not JSON";
        }

        return null;
    }

    private void CheckServerError(Exchange exchange)
    {
        if (ServerErrorProblem(exchange) is { } problem)
        {
            Violations.Add($"{problem}: {exchange}");
        }
    }
}
