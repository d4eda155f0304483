using System.Text.Json.Nodes;

namespace Emulators.Kubernetes.Store;

/// <summary>
/// One change in the global history: ADDED, MODIFIED or DELETED, the new (or final) state and the state before,
/// so a watch with a selector can turn a change into ADDED or DELETED when the object starts or stops matching.
/// The objects are shared and must not be changed.
/// </summary>
internal sealed record StoredEvent(string Type, string StoreKey, JsonObject Object, JsonObject? Previous, long Rv);
