namespace ScimEndpoint.IntegrationTests.Replay;

/// <summary>Builds the path and query a step puts on the wire, relative to the SCIM base URI.</summary>
internal static class ReplayRequestPath
{
    /// <summary>The feature flag Entra carries in the tenant URL's query string.</summary>
    public const string FeatureFlag = "aadOptscim062020";

    public static string Build(ReplayStep step, IReadOnlyDictionary<string, string> values, bool appendFeatureFlag)
    {
        // Note: pathEncoded is what Entra sends ('+' for spaces); it must not be escaped a second time.
        var path = step.PathEncoded is { } encoded
            ? Placeholders.Apply(encoded, values, Uri.EscapeDataString)
            : Escape(Placeholders.Apply(step.Path, values));
        return appendFeatureFlag ? AppendFlag(path) : path;
    }

    /// <summary>Escapes each path segment and each query name and value of a readable path.</summary>
    public static string Escape(string readable)
    {
        var queryStart = readable.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? readable : readable[..queryStart];
        var escaped = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        if (queryStart < 0)
        {
            return escaped;
        }

        var parameters = readable[(queryStart + 1)..].Split('&').Select(parameter =>
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            return equals < 0
                ? Uri.EscapeDataString(parameter)
                : $"{Uri.EscapeDataString(parameter[..equals])}={Uri.EscapeDataString(parameter[(equals + 1)..])}";
        });
        return $"{escaped}?{string.Join('&', parameters)}";
    }

    public static string AppendFlag(string pathAndQuery) =>
        pathAndQuery + (pathAndQuery.Contains('?', StringComparison.Ordinal) ? "&" : "?") + FeatureFlag;
}
