namespace Zitadel;

/// <summary>Where ZITADEL is and how to authenticate; validated on start by <c>AddZitadelClient</c>.</summary>
/// <remarks>Note: set exactly one credential. <see cref="ToString"/> never shows it.</remarks>
internal sealed class ZitadelClientOptions
{
    /// <summary>The instance's base URL (absolute http or https), e.g. <c>https://auth.example.com</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The OIDC issuer used as the JWT audience when it differs from <see cref="BaseUrl"/> (e.g. when the
    /// operator reaches ZITADEL through an in-cluster service name). Defaults to <see cref="BaseUrl"/>.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>The org sent as <c>x-zitadel-orgid</c> when a request names none itself.</summary>
    public string? OrganizationId { get; set; }

    /// <summary>The time one attempt may take, token exchange included. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public ZitadelRetryOptions Retry { get; set; } = new();

    /// <summary>A machine user's personal access token.</summary>
    public string? PersonalAccessToken { get; set; }

    /// <summary>The path of a machine user's key file (JWT profile).</summary>
    public string? KeyFilePath { get; set; }

    /// <summary>The content of a machine user's key file (JWT profile), e.g. from a Kubernetes Secret.</summary>
    public string? KeyFileJson { get; set; }

    /// <summary>The JWT audience: <see cref="Issuer"/>, else <see cref="BaseUrl"/>, without a trailing slash.</summary>
    public string Audience => (Issuer ?? BaseUrl)?.AbsoluteUri.TrimEnd('/') ?? "";

    public override string ToString() => $"ZitadelClientOptions {BaseUrl}";
}
