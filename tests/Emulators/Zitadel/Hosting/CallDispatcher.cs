using System.Text.Json;
using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Faults;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Hosting;

/// <summary>
/// The pipeline every RPC goes through, whichever route it came by: log → faults → bearer auth → handler under the
/// state lock → answer. Permission checks happen in the handlers, which know the resource's org.
/// </summary>
internal sealed class CallDispatcher(EmulatorState state, FaultPlan faults, RequestLog log, MethodTable methods)
{
    public const string OrgHeader = "x-zitadel-orgid";

    public bool IsKnown(string fullMethod) => methods.TryGet(fullMethod, out _);

    /// <summary>Reads a request body as a protojson message; an empty body is an empty message.</summary>
    public static async Task<JsonObject> ReadMessageAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw NotAMessage();
        }
        catch (JsonException)
        {
            throw NotAMessage();
        }
    }

    public async Task DispatchAsync(
        HttpContext http, string fullMethod, Func<Task<JsonObject>> readRequest, ErrorShape shape)
    {
        var method = fullMethod[(fullMethod.LastIndexOf('/') + 1)..];
        var orgHeader = http.Request.Headers[OrgHeader].FirstOrDefault();
        try
        {
            var decision = await ApplyLatencyAndFailuresAsync(http, method);
            var caller = Authenticate(http);
            var request = await readRequest();
            if (decision.Fault == FaultKind.DropBeforeApply)
            {
                Drop(http, method, orgHeader);
                return;
            }

            methods.TryGet(fullMethod, out var handler);
            JsonObject response;
            lock (state.Gate)
            {
                response = handler(new CallContext(state, caller, orgHeader), request);
            }

            if (decision.Fault == FaultKind.DropAfterApply)
            {
                Drop(http, method, orgHeader);
                return;
            }

            await Responses.WriteJsonAsync(http, StatusCodes.Status200OK, response);
        }
        catch (ZitadelException error)
        {
            await WriteErrorAsync(http, error, shape);
        }
        catch (Exception error) when (error is InvalidOperationException or FormatException or OverflowException)
        {
            // A request value protojson would reject in a way Req does not model (e.g. 1.5 for an int32).
            await WriteErrorAsync(http, ZitadelException.InvalidArgument("PROTOJSON-2", error.Message), shape);
        }

        Log(http, method, orgHeader);
    }

    /// <summary>Writes an error; a 429 carries the fault plan's <c>Retry-After</c>.</summary>
    public Task WriteErrorAsync(HttpContext http, ZitadelException error, ErrorShape shape)
    {
        if (error.Code == ErrorCode.ResourceExhausted)
        {
            Responses.SetRetryAfter(http, faults.RetryAfter);
        }

        return Responses.WriteErrorAsync(http, error, shape);
    }

    public void Log(HttpContext http, string method, string? orgHeader) =>
        log.Add(new RequestLogEntry(method, orgHeader, http.Response.StatusCode));

    /// <summary>
    /// Applies the fault plan's latency and 429/503 faults; returns the decision for the drop faults.
    /// </summary>
    public async Task<FaultDecision> ApplyLatencyAndFailuresAsync(HttpContext http, string method)
    {
        var decision = faults.Decide(method);
        if (decision.Latency > TimeSpan.Zero)
        {
            // Note: latency is wall-clock on purpose; it exercises the client's timeouts, not the emulator's clock.
            await Task.Delay(decision.Latency, http.RequestAborted);
        }

        return decision.Fault switch
        {
            FaultKind.RateLimited => throw new ZitadelException(
                ErrorCode.ResourceExhausted, "QUOTA-2M0fs", "Too many requests"),
            FaultKind.Unavailable => throw new ZitadelException(
                ErrorCode.Unavailable, "EMULATOR-503", "Service unavailable"),
            _ => decision,
        };
    }

    public void Drop(HttpContext http, string method, string? orgHeader)
    {
        log.Add(new RequestLogEntry(method, orgHeader, 0));
        http.Abort();
    }

    private UserRecord Authenticate(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.FirstOrDefault();
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw ZitadelException.Unauthenticated("AUTH-7fs1e", "auth header missing");
        }

        var token = header["Bearer ".Length..].Trim();
        lock (state.Gate)
        {
            var credential = state.Credentials.Get(token);
            var user = credential is null ? null : state.UserTable.Get(credential.UserId);
            if (credential is null || user is null || user.State != UserRecord.Active ||
                credential.Expires <= state.Now)
            {
                throw ZitadelException.Unauthenticated("AUTH-dsfk2", "Errors.Token.Invalid");
            }

            return user;
        }
    }

    private static ZitadelException NotAMessage() =>
        ZitadelException.InvalidArgument("PROTOJSON-0", "The request body is not a JSON object");
}
