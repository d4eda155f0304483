namespace Emulators.Kubernetes.Hosting;

/// <summary>What a URL path addresses.</summary>
internal enum RouteKind
{
    Unknown,
    Version,
    ApiVersions,
    ApiGroupList,
    ApiGroup,
    ResourceList,
    OpenApiV3Root,
    OpenApiV3Document,
    OpenApiV2,
    Resource,
}

/// <summary>A parsed request path: <c>/api/v1/namespaces/ns/secrets/s1/status</c> and friends.</summary>
internal sealed record Route(RouteKind Kind, string Group = "", string Version = "", string Resource = "",
    string? Namespace = null, string? Name = null, string Subresource = "")
{
    public static Route Parse(string path)
    {
        var s = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return s switch
        {
            ["version"] => new(RouteKind.Version),
            ["api"] => new(RouteKind.ApiVersions),
            ["apis"] => new(RouteKind.ApiGroupList),
            ["apis", var g] => new(RouteKind.ApiGroup, g),
            ["api", var v] => new(RouteKind.ResourceList, "", v),
            ["apis", var g, var v] => new(RouteKind.ResourceList, g, v),
            ["openapi", "v3"] => new(RouteKind.OpenApiV3Root),
            ["openapi", "v3", .. var rest] => new(RouteKind.OpenApiV3Document, string.Join('/', rest)),
            ["openapi", "v2"] => new(RouteKind.OpenApiV2),
            ["api", var v, .. var rest] => ResourcePath("", v, rest),
            ["apis", var g, var v, .. var rest] => ResourcePath(g, v, rest),
            _ => new(RouteKind.Unknown),
        };
    }

    private static Route ResourcePath(string group, string version, string[] rest) => rest switch
    {
        ["namespaces", var ns, var resource] when resource is not ("status" or "finalize") =>
            new(RouteKind.Resource, group, version, resource, ns),
        ["namespaces", var ns, var resource, var name] => new(RouteKind.Resource, group, version, resource, ns, name),
        ["namespaces", var ns, var resource, var name, var sub] =>
            new(RouteKind.Resource, group, version, resource, ns, name, sub),
        [var resource] => new(RouteKind.Resource, group, version, resource),
        [var resource, var name] => new(RouteKind.Resource, group, version, resource, null, name),
        [var resource, var name, var sub] => new(RouteKind.Resource, group, version, resource, null, name, sub),
        _ => new(RouteKind.Unknown),
    };
}
