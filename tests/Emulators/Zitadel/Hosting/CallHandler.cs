using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;

namespace Emulators.Zitadel.Hosting;

/// <summary>
/// Handles one RPC: runs under the state lock, returns the response message or throws ZitadelException.
/// </summary>
internal delegate JsonObject CallHandler(CallContext context, JsonObject request);
