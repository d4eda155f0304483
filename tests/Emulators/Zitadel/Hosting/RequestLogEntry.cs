namespace Emulators.Zitadel.Hosting;

/// <summary>
/// One request the emulator answered: the short method name (e.g. <c>CreateUser</c>, <c>Token</c>), the
/// <c>x-zitadel-orgid</c> header and the HTTP status (0 when the connection was dropped on purpose).
/// </summary>
internal sealed record RequestLogEntry(string Method, string? OrganizationHeader, int StatusCode);
