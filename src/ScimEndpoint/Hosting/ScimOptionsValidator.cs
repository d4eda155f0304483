using System.Net;
using Microsoft.Extensions.Options;

namespace ScimEndpoint.Hosting;

/// <summary>Checks the rules data annotations cannot express, with messages that say how to fix them.</summary>
internal sealed class ScimOptionsValidator : IValidateOptions<ScimOptions>
{
    public ValidateOptionsResult Validate(string? name, ScimOptions options)
    {
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add($"Scim:ListenAddress '{options.ListenAddress}' is not an IP address (e.g. 127.0.0.1 or 0.0.0.0).");
        }

        if (options.Port != 0 && options.Port == options.ManagementPort)
        {
            failures.Add($"Scim:Port and Scim:ManagementPort must differ (both are {options.Port}).");
        }

        if (options.PublicBaseUrl is { } url &&
            (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) ||
             !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment)))
        {
            failures.Add("Scim:PublicBaseUrl must be an absolute http(s) URL without query or fragment.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
