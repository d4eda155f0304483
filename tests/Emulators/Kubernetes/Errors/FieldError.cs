namespace Emulators.Kubernetes.Errors;

/// <summary>One field error of a 422 Invalid answer: its cause reason, the field path and the detail text.</summary>
internal sealed record FieldError(string Reason, string Field, string Message)
{
    public string Text => $"{Field}: {Message}";

    public static FieldError Invalid(string field, string value, string detail) =>
        new("FieldValueInvalid", field, $"Invalid value: {value}: {detail}");

    public static FieldError Required(string field, string? detail = null) =>
        new("FieldValueRequired", field, detail is null ? "Required value" : $"Required value: {detail}");

    public static FieldError Forbidden(string field, string detail) =>
        new("FieldValueForbidden", field, $"Forbidden: {detail}");

    public static FieldError NotSupported(string field, string value, IEnumerable<string> supported) =>
        new("FieldValueNotSupported", field,
            $"Unsupported value: {value}: supported values: {string.Join(", ", supported)}");

    public static FieldError TypeInvalid(string field, string value, string detail) =>
        new("FieldValueTypeInvalid", field, $"Invalid value: {value}: {detail}");
}
