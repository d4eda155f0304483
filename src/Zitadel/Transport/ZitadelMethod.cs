namespace Zitadel.Transport;

/// <summary>One Connect RPC: <c>POST {base}/{Service}/{Name}</c>.</summary>
/// <param name="Service">The fully qualified service, e.g. <c>zitadel.user.v2.UserService</c>.</param>
/// <param name="Name">The RPC name, e.g. <c>CreateUser</c>.</param>
/// <param name="Safety">Whether a possibly executed request may be sent again.</param>
/// <param name="OrganizationScoped">Whether the call acts inside one org, so <c>x-zitadel-orgid</c> is sent.</param>
internal sealed record ZitadelMethod(string Service, string Name, RetrySafety Safety, bool OrganizationScoped = true)
{
    public string Path => $"{Service}/{Name}";

    /// <summary>The service without its package, e.g. <c>UserService</c>.</summary>
    public string ShortService => Service[(Service.LastIndexOf('.') + 1)..];

    public override string ToString() => Path;
}
