namespace ScimEndpoint.Protocol;

internal static class ScimConstants
{
    public const string MediaType = "application/scim+json";

    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string EnterpriseUserSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string SearchRequest = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    public const string Error = "urn:ietf:params:scim:api:messages:2.0:Error";

    public const string ServiceProviderConfigSchema = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public const string ResourceTypeSchema = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public const string SchemaSchema = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    /// <summary>Documented limits that protect the service from hostile input.</summary>
    public const int MaxFilterLength = 4096;
    public const int MaxFilterDepth = 32;
    public const int MaxPatchOperations = 1000;
    public const long MaxBodyBytes = 1024 * 1024;
    public const int MaxRequestLineBytes = 32 * 1024;
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
}
