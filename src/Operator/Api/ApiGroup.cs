namespace Operator.Api;

/// <summary>The operator's API group and version.</summary>
internal static class ApiGroup
{
    public const string Name = "scim.operator.dev";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Name + "/" + Version;

    /// <summary>Label and annotation prefix for everything the operator writes.</summary>
    public const string Prefix = Name + "/";
}
