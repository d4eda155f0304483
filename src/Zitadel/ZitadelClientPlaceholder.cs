namespace Zitadel;

/// <summary>The typed ZITADEL client arrives with issue 3 (see docs/zitadel-calls.md).</summary>
internal static class ZitadelClientPlaceholder;
