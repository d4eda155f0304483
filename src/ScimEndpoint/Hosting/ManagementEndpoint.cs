namespace ScimEndpoint.Hosting;

/// <summary>Endpoint metadata: served on the management port only (<c>/metrics</c>, <c>/healthz</c>, <c>/readyz</c>).</summary>
internal sealed class ManagementEndpoint
{
    public static readonly ManagementEndpoint Instance = new();

    private ManagementEndpoint()
    {
    }
}
