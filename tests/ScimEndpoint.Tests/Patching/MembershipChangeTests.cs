using ScimEndpoint.Protocol.Patching;
using ScimEndpoint.Tests.Support;

namespace ScimEndpoint.Tests.Patching;

public sealed class MembershipChangeTests
{
    public static TheoryData<string, string, string[], string[]> MemberOnly() => new()
    {
        { "Entra add", "[{'op':'Add','path':'members','value':[{'$ref':null,'value':'u1'},{'value':'u2'}]}]", ["u1", "u2"], [] },
        { "Entra remove by value array", "[{'op':'Remove','path':'members','value':[{'$ref':null,'value':'u1'}]}]", [], ["u1"] },
        { "flagged remove by filter", "[{'op':'remove','path':'members[value eq \\'u1\\']'}]", [], ["u1"] },
        { "later operation wins", "[{'op':'add','path':'members','value':[{'value':'u1'}]},{'op':'remove','path':'members[value eq \\'u1\\']'}]", [], ["u1"] },
        { "core-URN-qualified path", "[{'op':'add','path':'urn:ietf:params:scim:schemas:core:2.0:Group:members','value':[{'value':'u3'}]}]", ["u3"], [] },
    };

    [Theory]
    [MemberData(nameof(MemberOnly))]
    public void TryFrom_MemberOnlyPatch_GivesTheIdsToAddAndRemove(string name, string operations, string[] add, string[] remove)
    {
        var change = MembershipChange.TryFrom(Parse(operations));

        Assert.True(change is not null, name);
        Assert.Equal(add, change.Add.Order(StringComparer.Ordinal));
        Assert.Equal(remove, change.Remove.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("[{'op':'remove','path':'members'}]")]                                           // RFC remove all
    [InlineData("[{'op':'replace','path':'members','value':[{'value':'u1'}]}]")]                  // replace the set
    [InlineData("[{'op':'Replace','path':'displayName','value':'x'}]")]
    [InlineData("[{'op':'add','path':'members','value':[{'value':'u1'}]},{'op':'replace','path':'displayName','value':'x'}]")]
    [InlineData("[{'op':'remove','path':'members[display eq \\'x\\']'}]")]
    [InlineData("[{'op':'add','value':{'members':[{'value':'u1'}]}}]")]                           // path-less
    public void TryFrom_AnythingElse_IsNull(string operations) =>
        Assert.Null(MembershipChange.TryFrom(Parse(operations)));

    private static PatchRequest Parse(string operations) =>
        PatchRequest.Parse(Json.Node($"{{'Operations':{operations}}}"));
}
