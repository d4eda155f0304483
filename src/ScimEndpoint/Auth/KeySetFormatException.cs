namespace ScimEndpoint.Auth;

/// <summary>The key-set file is not valid. The message names the problem and never holds a hash.</summary>
internal sealed class KeySetFormatException(string message, Exception? inner = null) : Exception(message, inner);
