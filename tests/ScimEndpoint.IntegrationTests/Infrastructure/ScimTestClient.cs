using System.Net.Http.Headers;
using System.Text;

namespace ScimEndpoint.IntegrationTests.Infrastructure;

/// <summary>
/// Sends SCIM requests relative to the base URI exactly as given (no re-encoding of the path and query) and reads
/// the whole response, with a timeout on every exchange.
/// </summary>
internal sealed class ScimTestClient(HttpClient http, Uri baseUri)
{
    public const string MediaType = "application/scim+json";

    private const int LargeBody = 64 * 1024;

    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    private readonly string _base = baseUri.AbsoluteUri.TrimEnd('/');

    public Uri BaseUri => baseUri;

    /// <summary>The absolute URI of a relative path and query, kept byte for byte as given.</summary>
    public Uri UriFor(string relativePathAndQuery) => new(_base + relativePathAndQuery, in Verbatim);

    public Task<ScimResponse> GetAsync(string relative) => SendAsync(HttpMethod.Get, relative, null);

    public Task<ScimResponse> PostAsync(string relative, string body) => SendAsync(HttpMethod.Post, relative, body);

    public Task<ScimResponse> PatchAsync(string relative, string body) => SendAsync(HttpMethod.Patch, relative, body);

    public Task<ScimResponse> DeleteAsync(string relative) => SendAsync(HttpMethod.Delete, relative, null);

    public async Task<ScimResponse> SendAsync(HttpMethod method, string relative, string? body)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Request);
        using var request = new HttpRequestMessage(method, UriFor(relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);

            // Note: a server may answer 413 and close before reading a huge body; with 100-continue the client
            // waits for that answer instead of failing with a broken pipe while still writing.
            request.Headers.ExpectContinue = body.Length > LargeBody;
        }

        using var response = await http.SendAsync(request, timeout.Token).WithTimeout(TestTimeouts.Request);
        var text = await response.Content.ReadAsStringAsync(timeout.Token).WithTimeout(TestTimeouts.Request);
        return new ScimResponse(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.Location?.ToString(),
            response.Headers.ETag?.ToString(),
            text);
    }
}
