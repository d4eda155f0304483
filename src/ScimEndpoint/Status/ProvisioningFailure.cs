namespace ScimEndpoint.Status;

/// <summary>
/// The last failed provisioning request as written to <c>status.provisioning.lastFailure</c>. Every field is fixed
/// text or a number: never a request body, a resource id, a userName, an e-mail or the error's detail text.
/// </summary>
/// <param name="Time">When it failed, to the second.</param>
/// <param name="Operation">Method and resource type, e.g. <c>PATCH User</c>.</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="Detail">The SCIM <c>scimType</c> (when any) and a fixed description of the status.</param>
internal sealed record ProvisioningFailure(DateTimeOffset Time, string Operation, int Status, string Detail);
