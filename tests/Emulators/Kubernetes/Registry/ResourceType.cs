using System.Text.Json.Nodes;
using Emulators.Kubernetes.Admission;

namespace Emulators.Kubernetes.Registry;

/// <summary>One served resource in one group-version: its names, scope and the rules its strategy follows.</summary>
internal sealed record ResourceType
{
    public static readonly IReadOnlyList<string> AllVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Kind { get; init; }

    public required string Plural { get; init; }

    public required bool Namespaced { get; init; }

    public string Singular => Kind.ToLowerInvariant();

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>A <c>/status</c> subresource: the main endpoint keeps the old status, /status takes only status.</summary>
    public bool HasStatus { get; init; }

    /// <summary><c>metadata.generation</c> is kept and bumped on every non-metadata change.</summary>
    public bool TracksGeneration { get; init; }

    /// <summary>A PUT without a resourceVersion overwrites (builtins); false answers 422 (CRs, CRDs).</summary>
    public bool AllowUnconditionalUpdate { get; init; } = true;

    /// <summary>A custom resource served from a CRD; strategic merge patch is then refused with 415.</summary>
    public bool IsCustom { get; init; }

    /// <summary>The CRD that serves this resource, for custom resources.</summary>
    public string? CrdName { get; init; }

    /// <summary>The version objects are stored in; other served versions only rewrite apiVersion.</summary>
    public string? StorageVersion { get; init; }

    /// <summary>The structural <c>openAPIV3Schema</c> of this version (custom resources only).</summary>
    public JsonObject? Schema { get; init; }

    /// <summary>The CRD's <c>additionalPrinterColumns</c> of this version.</summary>
    public JsonArray? PrinterColumns { get; init; }

    /// <summary>Kind-specific defaulting and validation, run on create and update.</summary>
    public IAdmission? Admission { get; init; }

    /// <summary>Objects of all versions of one resource share one store bucket.</summary>
    public string StoreKey => Group + "/" + Plural;

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string GroupVersion => ApiVersion;

    public string ListKind => Kind + "List";

    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string GroupKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    public string CollectionPath(string? ns) =>
        (Group.Length == 0 ? "/api/v1" : $"/apis/{Group}/{Version}") +
        (Namespaced && ns is not null ? $"/namespaces/{ns}" : "") + "/" + Plural;
}
