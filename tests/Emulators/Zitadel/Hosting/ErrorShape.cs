namespace Emulators.Zitadel.Hosting;

/// <summary>Which error body a route answers with (§3.3).</summary>
internal enum ErrorShape
{
    Connect,
    Rest,
}
