using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using PosCloud.Contracts.Limits;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PosCloud.Api.Hosting;

/// <summary>
/// States every bound of <see cref="ContractBounds"/> in the schemas (maxLength, minimum/maximum, multipleOf,
/// pattern, maxItems), so an integrator, a generated client or a fuzzer knows each limit before sending.
/// The values are the constants the validators enforce.
/// </summary>
internal sealed class ContractBoundsSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (!ContractBounds.ByType.TryGetValue(context.Type, out var fields) || schema.Properties is null) return;
        foreach (var (name, bound) in fields)
            if (schema.Properties.TryGetValue(name, out var property) && property is OpenApiSchema concrete)
                ContractBoundsText.Apply(concrete, bound);
    }
}

/// <summary>The same for query parameters (page, pageSize), by name.</summary>
internal sealed class ContractBoundsParameterFilter : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        if (parameter.In == ParameterLocation.Query && parameter.Name is { } name
            && ContractBounds.QueryParameters.TryGetValue(name, out var bound) && parameter.Schema is OpenApiSchema schema)
            ContractBoundsText.Apply(schema, bound);
    }
}

internal static class ContractBoundsText
{
    public static void Apply(OpenApiSchema s, FieldBound b)
    {
        if (b.MinLength is { } minLength) s.MinLength = minLength;
        if (b.MaxLength is { } maxLength) s.MaxLength = maxLength;
        if (b.Minimum is { } min)
        {
            if (b.ExclusiveMinimum) s.ExclusiveMinimum = Text(min);
            else s.Minimum = Text(min);
        }
        if (b.Maximum is { } max) s.Maximum = Text(max);
        if (b.MultipleOf is { } step) s.MultipleOf = step;
        if (b.Pattern is { } pattern) s.Pattern = pattern;
        if (b.MinItems is { } minItems) s.MinItems = minItems;
        if (b.MaxItems is { } maxItems) s.MaxItems = maxItems;
        if (b.Note is { } note) s.Description = string.IsNullOrEmpty(s.Description) ? note : $"{s.Description} {note}";
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
