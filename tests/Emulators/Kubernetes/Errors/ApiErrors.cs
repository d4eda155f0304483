using System.Text.Json.Nodes;
using Emulators.Kubernetes.Registry;

namespace Emulators.Kubernetes.Errors;

/// <summary>
/// The apiserver's <c>Status</c> failures, worded as upstream words them (kubernetes-api.md §2.4). NotFound,
/// AlreadyExists and Conflict name the resource plural in <c>details.kind</c>; Invalid names the Kind.
/// </summary>
internal static class ApiErrors
{
    public static ApiException NotFound(ResourceType type, string name) =>
        Failure(404, "NotFound", $"{type.GroupResource} \"{name}\" not found", Details(type, name, plural: true));

    public static ApiException NamespaceNotFound(string ns) =>
        Failure(404, "NotFound", $"namespaces \"{ns}\" not found",
            new JsonObject { ["name"] = ns, ["kind"] = "namespaces" });

    public static ApiException NoSuchPath() =>
        Failure(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        Failure(409, "AlreadyExists", $"{type.GroupResource} \"{name}\" already exists",
            Details(type, name, plural: true));

    public static ApiException Conflict(ResourceType type, string name) =>
        Failure(409, "Conflict",
            $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": the object has been modified; " +
            "please apply your changes to the latest version and try again", Details(type, name, plural: true));

    public static ApiException Conflict(ResourceType type, string name, string detail) =>
        Failure(409, "Conflict", $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": {detail}",
            Details(type, name, plural: true));

    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<FieldError> errors)
    {
        var details = Details(type, name, plural: false);
        details["causes"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
        {
            ["reason"] = e.Reason,
            ["message"] = e.Message,
            ["field"] = e.Field,
        }).ToArray());
        var list = errors.Count == 1 ? errors[0].Text : "[" + string.Join(", ", errors.Select(e => e.Text)) + "]";
        return Failure(422, "Invalid", $"{type.GroupKind} \"{name}\" is invalid: {list}", details);
    }

    public static ApiException BadRequest(string message) => Failure(400, "BadRequest", message, null);

    public static ApiException Forbidden(string message, JsonObject? details = null) =>
        Failure(403, "Forbidden", message, details);

    public static ApiException MethodNotAllowed(string message) => Failure(405, "MethodNotAllowed", message, null);

    public static ApiException UnsupportedMediaType(params string[] accepted) =>
        Failure(415, "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include: " +
            string.Join(", ", accepted), null);

    public static ApiException Expired(string message) => Failure(410, "Expired", message, null);

    public static ApiException Injected(int code, int? retryAfterSeconds)
    {
        var (reason, message) = code switch
        {
            429 => ("TooManyRequests", "the server has received too many requests and has asked us to try again later"),
            500 => ("InternalError", "an error on the server (\"injected fault\") has prevented the request from succeeding"),
            503 => ("ServiceUnavailable", "the server is currently unable to handle the request"),
            504 => ("Timeout", "the server was unable to return a response in the time allotted"),
            403 => ("Forbidden", "forbidden: injected fault"),
            404 => ("NotFound", "the server could not find the requested resource"),
            409 => ("Conflict", "the object has been modified; please apply your changes to the latest version"),
            _ => ("", "injected fault"),
        };
        var details = retryAfterSeconds is { } seconds ? new JsonObject { ["retryAfterSeconds"] = seconds } : null;
        return new ApiException(code, Body(code, reason, message, details)) { RetryAfterSeconds = retryAfterSeconds };
    }

    public static JsonObject Success(ResourceType type, string name, string? uid)
    {
        var details = Details(type, name, plural: true);
        if (uid is not null)
        {
            details["uid"] = uid;
        }

        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    public static JsonObject Body(int code, string reason, string message, JsonObject? details)
    {
        var body = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
        };
        if (reason.Length > 0)
        {
            body["reason"] = reason;
        }

        if (details is not null)
        {
            body["details"] = details;
        }

        body["code"] = code;
        return body;
    }

    private static ApiException Failure(int code, string reason, string message, JsonObject? details) =>
        new(code, Body(code, reason, message, details));

    private static JsonObject Details(ResourceType type, string name, bool plural)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = plural ? type.Plural : type.Kind;
        return details;
    }
}
