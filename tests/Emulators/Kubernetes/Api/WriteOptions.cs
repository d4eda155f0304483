namespace Emulators.Kubernetes.Api;

/// <summary>How a write was asked for: the field manager, the unknown-field policy and whether it is a dry run.</summary>
internal sealed record WriteOptions(string FieldManager, string FieldValidation, bool DryRun)
{
    public static readonly WriteOptions Internal = new("kube-controller-manager", "Ignore", DryRun: false);

    /// <summary><c>Update</c> for create/update/patch, <c>Apply</c> for server-side apply.</summary>
    public string Operation { get; init; } = "Update";
}
