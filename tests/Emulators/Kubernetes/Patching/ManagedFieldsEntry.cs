namespace Emulators.Kubernetes.Patching;

/// <summary>One <c>metadata.managedFields</c> entry with its field set as leaf paths.</summary>
internal sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string Time,
    string Subresource, HashSet<string> Fields);
