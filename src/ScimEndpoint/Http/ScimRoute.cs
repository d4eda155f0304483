namespace ScimEndpoint.Http;

/// <summary>
/// The <c>resource</c> and <c>operation</c> labels of a SCIM endpoint, attached as endpoint metadata so the
/// request metrics need no string work per request.
/// </summary>
internal sealed class ScimRoute
{
    private ScimRoute(string resource, string operation)
    {
        Resource = resource;
        Operation = operation;
    }

    /// <summary>Requests that matched no SCIM endpoint (404, 405, 401 before routing mattered).</summary>
    public static readonly ScimRoute Unmatched = new("none", "none");

    public static readonly ScimRoute Search = new("Search", "search");
    public static readonly ScimRoute ServiceProviderConfig = new("ServiceProviderConfig", "discovery");
    public static readonly ScimRoute ResourceTypes = new("ResourceTypes", "discovery");
    public static readonly ScimRoute Schemas = new("Schemas", "discovery");

    public string Resource { get; }

    public string Operation { get; }

    /// <summary>The route of an operation on User or Group.</summary>
    public static ScimRoute For(string resource, string operation) => new(resource, operation);
}
