using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Patching;
using ScimEndpoint.Tests.Support;

namespace ScimEndpoint.Tests.Patching;

public sealed class PatchRequestTests
{
    public static TheoryData<string, string, string> BadMessages() => new()
    {
        { "not an object", "[1]", "invalidSyntax" },
        { "wrong message schema", "{'schemas':['urn:x'],'Operations':[{'op':'add','path':'title','value':'x'}]}", "invalidSyntax" },
        { "no Operations", "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp']}", "invalidSyntax" },
        { "empty Operations", "{'Operations':[]}", "invalidSyntax" },
        { "operation not an object", "{'Operations':['add']}", "invalidSyntax" },
        { "unknown op", "{'Operations':[{'op':'merge','path':'title','value':'x'}]}", "invalidSyntax" },
        { "op not a string", "{'Operations':[{'op':1,'path':'title','value':'x'}]}", "invalidSyntax" },
        { "path not a string", "{'Operations':[{'op':'add','path':3,'value':'x'}]}", "invalidPath" },
        { "empty path", "{'Operations':[{'op':'add','path':'  ','value':'x'}]}", "invalidPath" },
        { "remove without a path", "{'Operations':[{'op':'remove'}]}", "noTarget" },
        { "add without a value", "{'Operations':[{'op':'add','path':'title'}]}", "invalidValue" },
        { "path-less replace with a string", "{'Operations':[{'op':'replace','value':'x'}]}", "invalidValue" },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public void Parse_BadMessage_ThrowsWithScimType(string name, string body, string scimType)
    {
        var error = Assert.Throws<ScimException>(() => PatchRequest.Parse(Json.Node(body)));

        Assert.True(scimType == error.ScimType, $"{name}: expected {scimType}, got {error.ScimType}: {error.Detail}");
    }

    [Fact]
    public void Parse_OpAndMemberNamesInAnyCase_AreAccepted()
    {
        var request = PatchRequest.Parse(Json.Node(
            "{'SCHEMAS':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'operations':[{'OP':'REPLACE','Path':'title','Value':'x'},{'op':'Add','path':'nickName','value':'n'},{'op':'rEmOvE','path':'title'}]}"));

        Assert.Equal(
            [PatchOperationType.Replace, PatchOperationType.Add, PatchOperationType.Remove],
            request.Operations.Select(o => o.Type));
    }

    [Fact]
    public void Parse_MoreThanThousandOperations_IsRejected()
    {
        var operations = new JsonArray();
        for (var i = 0; i < ScimConstants.MaxPatchOperations + 1; i++)
        {
            operations.Add(new JsonObject { ["op"] = "add", ["path"] = "title", ["value"] = "x" });
        }

        var error = Assert.Throws<ScimException>(() => PatchRequest.Parse(new JsonObject { ["Operations"] = operations }));

        Assert.Equal(400, error.Status);
        Assert.Contains("1000", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExactlyThousandOperations_IsAccepted()
    {
        var operations = new JsonArray();
        for (var i = 0; i < ScimConstants.MaxPatchOperations; i++)
        {
            operations.Add(new JsonObject { ["op"] = "add", ["path"] = "title", ["value"] = "x" });
        }

        Assert.Equal(1000, PatchRequest.Parse(new JsonObject { ["Operations"] = operations }).Operations.Count);
    }
}
