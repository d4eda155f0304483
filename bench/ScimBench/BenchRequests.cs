using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace ScimBench;

/// <summary>The Entra-shaped requests the benchmark sends, built from pre-computed URIs and UTF-8 bodies.</summary>
internal static class BenchRequests
{
    public const string MediaType = "application/scim+json";

    public static string UserName(int index) => string.Create(CultureInfo.InvariantCulture, $"bench.user.{index:D7}@example.com");

    public static Uri FilterByUserName(Uri scimBase, string userName) =>
        new($"{scimBase.AbsoluteUri}/Users?filter=userName+eq+%22{Uri.EscapeDataString(userName)}%22");

    public static Uri Resource(Uri scimBase, string collection, string id) => new($"{scimBase.AbsoluteUri}/{collection}/{id}");

    public static byte[] CreateUser(string userName) => Encoding.UTF8.GetBytes($$$"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "externalId":"{{{userName}}}","userName":"{{{userName}}}","active":true,
         "emails":[{"primary":true,"type":"work","value":"{{{userName}}}"}],
         "meta":{"resourceType":"User"},"name":{"formatted":"Bench User","familyName":"User","givenName":"Bench"},"roles":[]}
        """);

    public static byte[] CreateGroup(string displayName) => Encoding.UTF8.GetBytes($$$"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"externalId":"{{{displayName}}}",
         "displayName":"{{{displayName}}}","meta":{"resourceType":"Group"}}
        """);

    /// <summary>Entra's unflagged replace form: one capitalised <c>Replace</c> per attribute, booleans as strings.</summary>
    public static byte[] ReplaceUser(int variant)
    {
        var active = variant % 2 == 0 ? "True" : "False";
        return Encoding.UTF8.GetBytes($$$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
             {"op":"Replace","path":"name.familyName","value":"Family{{{variant}}}"},
             {"op":"Replace","path":"emails[type eq \"work\"].value","value":"changed{{{variant}}}@example.com"},
             {"op":"Replace","path":"active","value":"{{{active}}}"}]}
            """);
    }

    /// <summary>Entra's member change: <c>Add</c>/<c>Remove</c> on <c>members</c> with a value array.</summary>
    public static byte[] Members(string op, IEnumerable<string> userIds)
    {
        var members = string.Join(',', userIds.Select(id => $$"""{"$ref":null,"value":"{{id}}"}"""));
        return Encoding.UTF8.GetBytes($$$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"{{{op}}}","path":"members","value":[{{{members}}}]}]}
            """);
    }

    public static HttpRequestMessage Get(Uri uri) => new(HttpMethod.Get, uri);

    public static HttpRequestMessage Send(HttpMethod method, Uri uri, byte[] body) => new(method, uri)
    {
        Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(MediaType) } },
    };
}
