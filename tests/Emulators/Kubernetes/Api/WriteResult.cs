using System.Text.Json.Nodes;

namespace Emulators.Kubernetes.Api;

/// <summary>The stored object after a write, and the <c>Warning</c> headers the write earned.</summary>
internal sealed record WriteResult(JsonObject Object, IReadOnlyList<string> Warnings, bool Created);
