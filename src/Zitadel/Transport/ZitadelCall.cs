namespace Zitadel.Transport;

/// <summary>One finished attempt.</summary>
/// <param name="Service">The short service name, e.g. <c>UserService</c>, or <c>oauth</c> for the token exchange.</param>
/// <param name="Method">The RPC name, e.g. <c>CreateUser</c>, or <c>TokenExchange</c>. Never carries an id, so it is
/// a safe metric label.</param>
/// <param name="StatusCode">The HTTP status, or null when no response arrived.</param>
/// <param name="Code">The error code, or <see cref="ZitadelErrorCode.None"/> on success.</param>
/// <param name="Duration">Time from sending to the end of the response body.</param>
/// <param name="Attempt">1 for the first attempt of a call; 2 and more are retries.</param>
internal sealed record ZitadelCall(
    string Service, string Method, int? StatusCode, ZitadelErrorCode Code, TimeSpan Duration, int Attempt)
{
    private static readonly string[] CodeLabels = Enum.GetValues<ZitadelErrorCode>().Select(SnakeCase).ToArray();

    /// <summary>Whether this attempt repeated an earlier, failed one.</summary>
    public bool IsRetry => Attempt > 1;

    /// <summary>The outcome as a low-cardinality label: <c>ok</c>, or the gRPC code in snake case
    /// (<c>not_found</c>, <c>unavailable</c>, <c>deadline_exceeded</c>, …).</summary>
    public string CodeLabel => (int)Code is var n && n >= 0 && n < CodeLabels.Length ? CodeLabels[n] : "unknown";

    private static string SnakeCase(ZitadelErrorCode code)
    {
        if (code == ZitadelErrorCode.None)
        {
            return "ok";
        }

        var name = code.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
