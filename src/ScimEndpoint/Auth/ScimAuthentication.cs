namespace ScimEndpoint.Auth;

/// <summary>Which key authenticated a request, for recording last use per key.</summary>
internal static class ScimAuthentication
{
    /// <summary>The <see cref="HttpContext.Items"/> key holding the authenticated key id (a string).</summary>
    public const string KeyIdItem = "ScimOperator.KeyId";

    public static string? GetKeyId(HttpContext context) =>
        context.Items.TryGetValue(KeyIdItem, out var id) ? id as string : null;

    internal static void SetKeyId(HttpContext context, string keyId) => context.Items[KeyIdItem] = keyId;
}
