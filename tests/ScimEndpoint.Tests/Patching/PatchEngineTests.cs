using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Patching;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Tests.Support;

namespace ScimEndpoint.Tests.Patching;

public sealed class PatchEngineTests
{
    private const string Ent = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    // Each case: the resource before (attributes only), the Operations array, the attributes after.
    public static TheoryData<string, string, string, string> UserCases() => new()
    {
        {
            "Entra replace of the work e-mail changes only that entry",
            "{'userName':'u','emails':[{'value':'a@x','type':'work','primary':true},{'value':'h@x','type':'home'}]}",
            "[{'op':'Replace','path':'emails[type eq \\'work\\'].value','value':'b@x'}]",
            "{'userName':'u','emails':[{'value':'b@x','type':'work','primary':true},{'value':'h@x','type':'home'}]}"
        },
        {
            "Replace on a missing work e-mail creates the entry (Entra, SCIM validator)",
            "{'userName':'u'}",
            "[{'op':'Replace','path':'emails[type eq \\'work\\'].value','value':'b@x'}]",
            "{'userName':'u','emails':[{'type':'work','value':'b@x'}]}"
        },
        {
            "Add on a missing work e-mail creates it beside the other entries",
            "{'userName':'u','emails':[{'value':'h@x','type':'home'}]}",
            "[{'op':'add','path':'emails[type eq \\'work\\'].value','value':'w@x'}]",
            "{'userName':'u','emails':[{'value':'h@x','type':'home'},{'type':'work','value':'w@x'}]}"
        },
        {
            "Capitalised sub-attribute in the path resolves (emails[type eq other].Value)",
            "{'userName':'u'}",
            "[{'op':'Add','path':'emails[type eq \\'other\\'].Value','value':'o@x'}]",
            "{'userName':'u','emails':[{'type':'other','value':'o@x'}]}"
        },
        {
            "Replace name.familyName keeps the other name parts",
            "{'userName':'u','name':{'givenName':'G','familyName':'F'}}",
            "[{'op':'Replace','path':'name.familyName','value':'N'}]",
            "{'userName':'u','name':{'givenName':'G','familyName':'N'}}"
        },
        {
            "Replace userName",
            "{'userName':'u'}",
            "[{'op':'Replace','path':'userName','value':'v@x'}]",
            "{'userName':'v@x'}"
        },
        {
            "Disable with a JSON boolean (flagged job)",
            "{'userName':'u','active':true}",
            "[{'op':'replace','path':'active','value':false}]",
            "{'userName':'u','active':false}"
        },
        {
            "Disable with the string False (default job)",
            "{'userName':'u','active':true}",
            "[{'op':'Replace','path':'active','value':'False'}]",
            "{'userName':'u','active':false}"
        },
        {
            "Enable with the lowercase string true",
            "{'userName':'u','active':false}",
            "[{'op':'Replace','path':'active','value':'true'}]",
            "{'userName':'u','active':true}"
        },
        {
            "Add on a single-valued string sets it",
            "{'userName':'u'}",
            "[{'op':'Add','path':'nickName','value':'Babs'}]",
            "{'userName':'u','nickName':'Babs'}"
        },
        {
            "Path-less replace resolves dotted and URN keys (flagged job)",
            "{'userName':'u','name':{'givenName':'G','familyName':'F'},'emails':[{'value':'a@x','type':'work'}]}",
            "[{'op':'replace','path':'emails[type eq \\'work\\'].value','value':'m@x'},"
                + "{'op':'replace','value':{'displayName':'Bjfe','name.givenName':'Kkom','name.familyName':'Unua',"
                + $"'{Ent}:employeeNumber':'Aklq'}}}}]",
            "{'userName':'u','name':{'givenName':'Kkom','familyName':'Unua'},'displayName':'Bjfe',"
                + $"'emails':[{{'value':'m@x','type':'work'}}],'{Ent}':{{'employeeNumber':'Aklq'}}}}"
        },
        {
            "Path-less add with a complex value merges its sub-attributes (RFC 7644 3.5.2.1)",
            "{'userName':'u','name':{'familyName':'F'}}",
            "[{'op':'add','value':{'name':{'givenName':'G'},'nickname':'Babs'}}]",
            "{'userName':'u','name':{'familyName':'F','givenName':'G'},'nickName':'Babs'}"
        },
        {
            "RFC 7644 3.5.2.1 path-less add appends e-mails and sets nickName",
            "{'userName':'u','emails':[{'value':'w@x','type':'work'}]}",
            "[{'op':'add','value':{'emails':[{'value':'babs@jensen.org','type':'home'}],'nickname':'Babs'}}]",
            "{'userName':'u','emails':[{'value':'w@x','type':'work'},{'value':'babs@jensen.org','type':'home'}],'nickName':'Babs'}"
        },
        {
            "Enterprise attribute by full URN path (default job)",
            "{'userName':'u'}",
            $"[{{'op':'Replace','path':'{Ent}:employeeNumber','value':'Eqpj'}}]",
            $"{{'userName':'u','{Ent}':{{'employeeNumber':'Eqpj'}}}}"
        },
        {
            "Core-URN-qualified path resolves like an unqualified one",
            "{'userName':'u'}",
            "[{'op':'replace','path':'urn:ietf:params:scim:schemas:core:2.0:User:title','value':'CTO'}]",
            "{'userName':'u','title':'CTO'}"
        },
        {
            "Manager as a bare id is stored as {value}",
            "{'userName':'u'}",
            $"[{{'op':'Add','path':'{Ent}:manager','value':'m-1'}}]",
            $"{{'userName':'u','{Ent}':{{'manager':{{'value':'m-1'}}}}}}"
        },
        {
            "Manager as an object replaces the id",
            $"{{'userName':'u','{Ent}':{{'manager':{{'value':'m-1'}}}}}}",
            $"[{{'op':'replace','path':'{Ent}:manager','value':{{'value':'m-2'}}}}]",
            $"{{'userName':'u','{Ent}':{{'manager':{{'value':'m-2'}}}}}}"
        },
        {
            "Manager replaced with an empty string is cleared",
            $"{{'userName':'u','{Ent}':{{'manager':{{'value':'m-1'}}}}}}",
            $"[{{'op':'replace','path':'{Ent}:manager','value':''}}]",
            "{'userName':'u'}"
        },
        {
            "Manager in the old array form is stored as {value}",
            "{'userName':'u'}",
            $"[{{'op':'Add','path':'manager','value':[{{'$ref':'https://x/Users/m-3','value':'m-3'}}]}}]",
            $"{{'userName':'u','{Ent}':{{'manager':{{'value':'m-3','$ref':'https://x/Users/m-3'}}}}}}"
        },
        {
            "Manager removed by URN path without a value",
            $"{{'userName':'u','{Ent}':{{'manager':{{'value':'m-1'}},'department':'D'}}}}",
            $"[{{'op':'Remove','path':'{Ent}:manager'}}]",
            $"{{'userName':'u','{Ent}':{{'department':'D'}}}}"
        },
        {
            "Manager removed by a value filter on the single-valued attribute",
            $"{{'userName':'u','{Ent}':{{'manager':{{'value':'m-1'}}}}}}",
            "[{'op':'remove','path':'manager[value eq \\'m-1\\']'}]",
            "{'userName':'u'}"
        },
        {
            "Entra role PATCH with a JSON-string value is unpacked",
            "{'userName':'u'}",
            "[{'op':'Add','path':'roles','value':[{'value':'{\\'id\\':\\'06b0\\',\\'value\\':\\'25\\',\\'displayName\\':\\'Role1234\\'}'}]}]",
            "{'userName':'u','roles':[{'value':'25','display':'Role1234'}]}"
        },
        {
            "SingleAppRoleAssignment target roles[primary eq True].value creates a primary role",
            "{'userName':'u'}",
            "[{'op':'Replace','path':'roles[primary eq \\'True\\'].value','value':'Admin'}]",
            "{'userName':'u','roles':[{'primary':true,'value':'Admin'}]}"
        },
        {
            "SingleAppRoleAssignment replaces the primary role's value",
            "{'userName':'u','roles':[{'primary':true,'value':'Admin','type':'WindowsAzureActiveDirectoryRole'}]}",
            "[{'op':'Replace','path':'roles[primary eq \\'True\\'].value','value':'Reader'}]",
            "{'userName':'u','roles':[{'primary':true,'value':'Reader','type':'WindowsAzureActiveDirectoryRole'}]}"
        },
        {
            "Assertive role replace sets the whole list",
            "{'userName':'u','roles':[{'value':'A'},{'value':'B'}]}",
            "[{'op':'replace','path':'roles','value':[{'value':'C','display':'C role','primary':false}]}]",
            "{'userName':'u','roles':[{'value':'C','display':'C role','primary':false}]}"
        },
        {
            "A new primary e-mail clears the old primary (RFC 7643 2.4)",
            "{'userName':'u','emails':[{'value':'a@x','type':'work','primary':true}]}",
            "[{'op':'add','path':'emails','value':[{'value':'b@x','type':'home','primary':true}]}]",
            "{'userName':'u','emails':[{'value':'a@x','type':'work','primary':false},{'value':'b@x','type':'home','primary':true}]}"
        },
        {
            "RFC 7644 3.5.2.2 remove with a compound value filter",
            "{'userName':'u','emails':[{'value':'a@example.com','type':'work'},{'value':'b@other.org','type':'work'}]}",
            "[{'op':'remove','path':'emails[type eq \\'work\\' and value ew \\'example.com\\']'}]",
            "{'userName':'u','emails':[{'value':'b@other.org','type':'work'}]}"
        },
        {
            "RFC 7644 3.5.2.3 replace of a filtered record keeps what selected it",
            "{'userName':'u','addresses':[{'type':'work','streetAddress':'1 Old St','locality':'X'}]}",
            "[{'op':'replace','path':'addresses[type eq \\'work\\']','value':{'streetAddress':'911 Universal City Plaza','primary':true}}]",
            "{'userName':'u','addresses':[{'type':'work','streetAddress':'911 Universal City Plaza','primary':true}]}"
        },
        {
            "RFC 7644 3.5.2.3 replace of a filtered sub-attribute",
            "{'userName':'u','addresses':[{'type':'work','streetAddress':'1 Old St'}]}",
            "[{'op':'replace','path':'addresses[type eq \\'work\\'].streetAddress','value':'1010 Broadway Ave'}]",
            "{'userName':'u','addresses':[{'type':'work','streetAddress':'1010 Broadway Ave'}]}"
        },
        {
            "Replace of a whole extension merges its attributes",
            $"{{'userName':'u','{Ent}':{{'department':'D','costCenter':'C'}}}}",
            $"[{{'op':'replace','path':'{Ent}','value':{{'department':'E'}}}}]",
            $"{{'userName':'u','{Ent}':{{'department':'E','costCenter':'C'}}}}"
        },
        {
            "Replace with an empty string clears a simple attribute (gallery null-update test)",
            "{'userName':'u','title':'T'}",
            "[{'op':'replace','path':'title','value':''},{'op':'replace','path':'nickName','value':null}]",
            "{'userName':'u'}"
        },
        {
            "Remove that matches nothing changes nothing",
            "{'userName':'u','emails':[{'value':'a@x','type':'work'}]}",
            "[{'op':'remove','path':'emails[type eq \\'home\\']'},{'op':'remove','path':'title'}]",
            "{'userName':'u','emails':[{'value':'a@x','type':'work'}]}"
        },
        {
            "Several operations apply in order",
            "{'userName':'u'}",
            "[{'op':'add','path':'title','value':'A'},{'op':'replace','path':'title','value':'B'},{'op':'add','path':'nickName','value':'N'}]",
            "{'userName':'u','title':'B','nickName':'N'}"
        },
        {
            "Sending back the server's own id is not a change",
            "{'userName':'u'}",
            "[{'op':'replace','value':{'id':'id-1','userName':'w'}}]",
            "{'userName':'w'}"
        },
    };

    public static TheoryData<string, string, string, string> GroupCases() => new()
    {
        {
            "Entra add of one member with a null $ref",
            "{'displayName':'g'}",
            "[{'op':'Add','path':'members','value':[{'$ref':null,'value':'u1'}]}]",
            "{'displayName':'g','members':[{'value':'u1'}]}"
        },
        {
            "Several members in one operation; an existing one is not duplicated",
            "{'displayName':'g','members':[{'value':'u1'}]}",
            "[{'op':'Add','path':'members','value':[{'value':'u1'},{'value':'u2'},{'value':'u3'}]}]",
            "{'displayName':'g','members':[{'value':'u1'},{'value':'u2'},{'value':'u3'}]}"
        },
        {
            "Entra remove with a value array removes only the listed members",
            "{'displayName':'g','members':[{'value':'u1'},{'value':'u2'},{'value':'u3'}]}",
            "[{'op':'Remove','path':'members','value':[{'$ref':null,'value':'u2'}]}]",
            "{'displayName':'g','members':[{'value':'u1'},{'value':'u3'}]}"
        },
        {
            "Flagged remove by a value filter path",
            "{'displayName':'g','members':[{'value':'u1'},{'value':'u2'}]}",
            "[{'op':'remove','path':'members[value eq \\'u1\\']'}]",
            "{'displayName':'g','members':[{'value':'u2'}]}"
        },
        {
            "RFC remove all: path members and no value",
            "{'displayName':'g','members':[{'value':'u1'},{'value':'u2'}]}",
            "[{'op':'remove','path':'members'}]",
            "{'displayName':'g'}"
        },
        {
            "RFC 7644 3.5.2.1 add member ignores the readOnly display",
            "{'displayName':'g'}",
            "[{'op':'add','path':'members','value':[{'display':'Babs Jensen','$ref':'https://example.com/v2/Users/2819c223','value':'2819c223'}]}]",
            "{'displayName':'g','members':[{'value':'2819c223','$ref':'https://example.com/v2/Users/2819c223'}]}"
        },
        {
            "RFC 7644 3.5.2.3 replace of all members",
            "{'displayName':'g','members':[{'value':'u1'}]}",
            "[{'op':'replace','path':'members','value':[{'value':'u8'},{'value':'u9'}]}]",
            "{'displayName':'g','members':[{'value':'u8'},{'value':'u9'}]}"
        },
        {
            "Add and remove of members in one PATCH (validator preview test)",
            "{'displayName':'g','members':[{'value':'u1'}]}",
            "[{'op':'add','path':'members','value':[{'value':'u2'}]},{'op':'remove','path':'members[value eq \\'u1\\']'}]",
            "{'displayName':'g','members':[{'value':'u2'}]}"
        },
        {
            "Entra replace of the displayName",
            "{'displayName':'g'}",
            "[{'op':'Replace','path':'displayName','value':'h'}]",
            "{'displayName':'h'}"
        },
    };

    [Theory]
    [MemberData(nameof(UserCases))]
    public void Apply_UserCase_ProducesExpectedAttributes(string name, string before, string operations, string after) =>
        AssertPatch(ScimSchemas.UserType, name, before, operations, after);

    [Theory]
    [MemberData(nameof(GroupCases))]
    public void Apply_GroupCase_ProducesExpectedAttributes(string name, string before, string operations, string after) =>
        AssertPatch(ScimSchemas.GroupType, name, before, operations, after);

    public static TheoryData<string, string, string, string> ErrorCases() => new()
    {
        { "unknown attribute", "{'userName':'u'}", "[{'op':'replace','path':'shoeSize','value':'9'}]", "invalidPath" },
        { "unknown sub-attribute after a filter", "{'userName':'u'}", "[{'op':'replace','path':'emails[type eq \\'work\\'].size','value':'9'}]", "invalidPath" },
        { "value filter on a simple attribute", "{'userName':'u'}", "[{'op':'replace','path':'userName[value eq \\'x\\']','value':'9'}]", "invalidPath" },
        { "filter that describes no entry and matches none", "{'userName':'u'}", "[{'op':'replace','path':'emails[value co \\'x\\'].type','value':'work'}]", "noTarget" },
        { "replace of the readOnly id", "{'userName':'u'}", "[{'op':'replace','path':'id','value':'other'}]", "mutability" },
        { "replace of readOnly meta", "{'userName':'u'}", "[{'op':'replace','path':'meta.created','value':'2020-01-01T00:00:00Z'}]", "mutability" },
        { "replace of the readOnly manager.displayName", "{'userName':'u'}", $"[{{'op':'replace','path':'{Ent}:manager.displayName','value':'x'}}]", "mutability" },
        { "removing the required userName", "{'userName':'u'}", "[{'op':'remove','path':'userName'}]", "invalidValue" },
        { "a non-boolean for active", "{'userName':'u'}", "[{'op':'replace','path':'active','value':'maybe'}]", "invalidValue" },
        { "an object for a string", "{'userName':'u'}", "[{'op':'replace','path':'title','value':{'a':1}}]", "invalidValue" },
        { "two primary e-mails", "{'userName':'u'}", "[{'op':'add','path':'emails','value':[{'value':'a','primary':true},{'value':'b','primary':'True'}]}]", "invalidValue" },
        { "an unknown sub-attribute in a value", "{'userName':'u'}", "[{'op':'add','path':'name','value':{'nick':'x'}}]", "invalidValue" },
    };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Apply_BadOperation_ThrowsWithScimTypeAndLeavesResourceUnchanged(
        string name, string before, string operations, string scimType)
    {
        var resource = WithServerParts(ScimSchemas.UserType, before);
        var snapshot = resource.DeepClone();

        var error = Assert.Throws<ScimException>(() => Patch(ScimSchemas.UserType, resource, operations));

        Assert.True(scimType == error.ScimType, $"{name}: expected {scimType}, got {error.ScimType}: {error.Detail}");
        Assert.Equal(400, error.Status);
        Json.Equal(snapshot, resource);
    }

    [Fact]
    public void Apply_LaterOperationFails_NoEarlierOperationIsKept()
    {
        var resource = WithServerParts(ScimSchemas.UserType, "{'userName':'u','title':'T'}");

        Assert.Throws<ScimException>(() => Patch(
            ScimSchemas.UserType, resource, "[{'op':'replace','path':'title','value':'New'},{'op':'replace','path':'nope','value':1}]"));

        Assert.Equal("T", (string?)resource["title"]);
    }

    [Fact]
    public void Apply_KeepsIdAndMetaAndRebuildsSchemas()
    {
        var resource = WithServerParts(ScimSchemas.UserType, "{'userName':'u'}");

        var patched = Patch(ScimSchemas.UserType, resource, $"[{{'op':'add','path':'{Ent}:department','value':'D'}}]");

        Assert.Equal("id-1", (string?)patched["id"]);
        Json.Equal(resource["meta"], patched["meta"]);
        Json.Equal(Json.Node($"['{ScimConstants.UserSchema}','{Ent}']"), patched["schemas"]);
    }

    private static void AssertPatch(ResourceTypeDefinition type, string name, string before, string operations, string after)
    {
        var resource = WithServerParts(type, before);

        var patched = Patch(type, resource, operations);

        Assert.True(
            JsonNode.DeepEquals(Json.Object(after), Json.Attributes(patched)),
            $"{name}\n expected {Json.Object(after).ToJsonString()}\n   actual {Json.Attributes(patched).ToJsonString()}");
    }

    private static JsonObject Patch(ResourceTypeDefinition type, JsonObject resource, string operations)
    {
        var body = Json.Object($"{{'schemas':['{ScimConstants.PatchOp}'],'Operations':{operations}}}");
        return PatchEngine.Apply(type, resource, PatchRequest.Parse(body));
    }

    private static JsonObject WithServerParts(ResourceTypeDefinition type, string attributes)
    {
        var resource = Json.Object(attributes);
        resource["id"] = "id-1";
        resource["meta"] = new JsonObject
        {
            ["resourceType"] = type.Name,
            ["created"] = "2026-01-01T00:00:00.000Z",
            ["lastModified"] = "2026-01-01T00:00:00.000Z",
            ["version"] = "W/\"1\"",
        };
        resource["schemas"] = new JsonArray(type.Schema.Id);
        return resource;
    }
}
