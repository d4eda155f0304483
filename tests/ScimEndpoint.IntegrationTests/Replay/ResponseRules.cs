using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Replay;

/// <summary>Protocol rules every SCIM response must follow, whatever the step expects of its body.</summary>
internal static class ResponseRules
{
    public static IEnumerable<string> Check(string method, ScimResponse response)
    {
        if (response.Body.Length > 0 && response.ContentType != ScimTestClient.MediaType)
        {
            yield return $"Content-Type is '{response.ContentType}', expected {ScimTestClient.MediaType}";
        }

        if (response.StatusCode == 204 && response.Body.Length > 0)
        {
            yield return "a 204 carries a body";
        }

        if (method == "POST" && response.StatusCode == 201)
        {
            if (string.IsNullOrEmpty(response.Location))
            {
                yield return "201 without a Location header";
            }

            if (string.IsNullOrEmpty(response.ETag))
            {
                yield return "201 without an ETag header";
            }
        }
    }
}
