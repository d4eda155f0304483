using Microsoft.Extensions.Options;
using Zitadel.Auth;

namespace Zitadel;

/// <summary>Refuses to start with an unusable <see cref="ZitadelClientOptions"/>; messages never show a credential.
/// </summary>
internal sealed class ZitadelClientOptionsValidator : IValidateOptions<ZitadelClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ZitadelClientOptions options)
    {
        var failures = new List<string>();
        if (!IsHttpUrl(options.BaseUrl))
        {
            failures.Add("Zitadel BaseUrl must be an absolute http or https URL.");
        }

        if (options.Issuer is not null && !IsHttpUrl(options.Issuer))
        {
            failures.Add("Zitadel Issuer must be an absolute http or https URL.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add("Zitadel Timeout must be positive.");
        }

        var retry = options.Retry;
        if (retry.MaxAttempts is < 1 or > 10)
        {
            failures.Add("Zitadel Retry.MaxAttempts must be between 1 and 10.");
        }

        if (retry.BaseDelay < TimeSpan.Zero || retry.MaxDelay < retry.BaseDelay || retry.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add("Zitadel Retry delays must satisfy 0 <= BaseDelay <= MaxDelay and MaxRetryAfter >= 0.");
        }

        ValidateCredential(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateCredential(ZitadelClientOptions options, List<string> failures)
    {
        var credentials = new[] { options.PersonalAccessToken, options.KeyFilePath, options.KeyFileJson }
            .Count(value => !string.IsNullOrWhiteSpace(value));
        if (credentials != 1)
        {
            failures.Add("Zitadel needs exactly one of PersonalAccessToken, KeyFilePath or KeyFileJson.");
            return;
        }

        try
        {
            if (!string.IsNullOrWhiteSpace(options.KeyFileJson))
            {
                ServiceAccountKey.Parse(options.KeyFileJson);
            }
            else if (!string.IsNullOrWhiteSpace(options.KeyFilePath))
            {
                ServiceAccountKey.Load(options.KeyFilePath);
            }
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            // FormatException messages name the problem, never the key; IO messages name the path only.
            failures.Add($"Zitadel key file is unusable: {e.Message}");
        }
    }

    private static bool IsHttpUrl(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
