namespace ScimEndpoint.IntegrationTests.Fuzz;

/// <summary>One generated request: what it mutated, and the request itself (path relative to the SCIM base).</summary>
internal sealed record FuzzCase(string Category, string Method, string Path, string? Body)
{
    public override string ToString() =>
        $"[{Category}] {Method} {Shorten(Path)}{(Body is null ? "" : " " + Shorten(Body))}";

    private static string Shorten(string text) => text.Length <= 400 ? text : $"{text[..400]}…({text.Length} chars)";
}
