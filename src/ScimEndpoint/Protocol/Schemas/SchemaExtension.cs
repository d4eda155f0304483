namespace ScimEndpoint.Protocol.Schemas;

/// <summary>An extension schema attached to a resource type (RFC 7643 §6 <c>schemaExtensions</c>).</summary>
internal sealed record SchemaExtension(ScimSchema Schema, bool Required);
