namespace ScimEndpoint.IntegrationTests.Replay;

/// <summary>A step cannot be sent or checked (e.g. a placeholder nobody captured).</summary>
internal sealed class ReplayException(string message) : Exception(message);
