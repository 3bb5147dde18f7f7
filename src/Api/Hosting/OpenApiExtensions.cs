using Microsoft.OpenApi;
using PosCloud.Api.Auth;

namespace PosCloud.Api.Hosting;

public static class OpenApiExtensions
{
    public static IServiceCollection AddPosCloudOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(c =>
        {
            c.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "PosCloud API",
                Version = "v1",
                License = new OpenApiLicense { Name = "Proprietary: PosCloud", Url = new Uri("https://poscloud.example/license") },
                Contact = new OpenApiContact { Name = "PosCloud", Email = "support@poscloud.example" },
                Description = "Offline point-of-sale sync: registers upload offline orders in batches; the cloud reconciles them against the catalog (SKU match, catalog names, manager price overrides 店長改價).",
            });
            c.AddSecurityDefinition(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "A register's API key (shown once when the register is created). The demo register S001-R1 uses the Demo:RegisterKey setting.",
            });
            c.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [],
            });
            c.DocumentFilter<TagDescriptions>();
            c.SchemaFilter<UploadExample>();
            c.SchemaFilter<ContractBoundsSchemaFilter>();
            c.ParameterFilter<ContractBoundsParameterFilter>();
            var xml = Path.Combine(AppContext.BaseDirectory, "PosCloud.Api.xml");
            if (File.Exists(xml)) c.IncludeXmlComments(xml);
            var contractsXml = Path.Combine(AppContext.BaseDirectory, "PosCloud.Contracts.xml");
            if (File.Exists(contractsXml)) c.IncludeXmlComments(contractsXml);
        });
        return services;
    }
}
