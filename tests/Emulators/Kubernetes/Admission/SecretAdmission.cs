using System.Text;
using System.Text.Json.Nodes;
using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Json;

namespace Emulators.Kubernetes.Admission;

/// <summary>Secret rules: stringData folds into data, data must be base64, type defaults to Opaque, immutable.</summary>
internal sealed class SecretAdmission : IAdmission
{
    public void Admit(AdmissionContext context)
    {
        var secret = context.Object;
        if (secret["data"] is JsonObject data)
        {
            foreach (var (key, value) in data)
            {
                if (value.AsString() is not { } text || !IsBase64(text))
                {
                    throw ApiErrors.BadRequest(
                        $"Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 0 (data.{key})");
                }
            }
        }

        if (secret["stringData"] is JsonObject stringData)
        {
            var target = secret.Obj("data");
            foreach (var (key, value) in stringData)
            {
                target[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value.AsString() ?? ""));
            }

            secret.Remove("stringData");
        }

        if (secret["type"] is null)
        {
            secret["type"] = context.Old?["type"]?.DeepClone() ?? "Opaque";
        }

        ImmutableData.Check(context, "data");
        if (context.Old is { } old && old["type"].AsString() != secret["type"].AsString())
        {
            context.Errors.Add(FieldError.Invalid("type", Json.Json.GoValue(secret["type"]), "field is immutable"));
        }
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}
