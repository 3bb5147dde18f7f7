using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PosCloud.Core.Hosting;

/// <summary>Start-up shared by the Api and the Workers: where their settings file is, and plain words for wrong settings.</summary>
public static partial class CloudHost
{
    /// <summary>The builder options of the Api and the Workers: their arguments and <see cref="ContentRootFor"/>.</summary>
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = ContentRootFor(args, Environment.GetEnvironmentVariable),
    };

    /// <summary>
    /// The content root (where appsettings.json is read from): the application's own folder
    /// (AppContext.BaseDirectory), whatever the working directory, unless one is given explicitly
    /// (--contentRoot, DOTNET_CONTENTROOT / ASPNETCORE_CONTENTROOT, which WebApplicationFactory uses too);
    /// null leaves ASP.NET Core's default.
    /// Why always and not only "when the working directory has no appsettings.json": ASP.NET Core's default
    /// is the working directory, which eShop-style apps get away with because they are started by
    /// `dotnet run` or in a container whose WORKDIR is the app folder. Started any other way (a script,
    /// systemd, a benchmark, `dotnet /opt/poscloud/api/PosCloud.Api.dll`) the settings shipped beside the
    /// binary were silently not read, and a fallback that looks for "an" appsettings.json in the working
    /// directory would read the wrong one when that folder holds another app's. Microsoft's own service
    /// hosting (UseWindowsService, UseSystemd guidance) sets AppContext.BaseDirectory for this reason, as does
    /// our store agent. `dotnet run` and the images are unaffected: the build copies appsettings.json beside
    /// the dll, and the images' WORKDIR is that folder. Relative paths in settings (the SQLite file
    /// `Data Source=poscloud.db`) stay relative to the working directory, as before.
    /// </summary>
    public static string? ContentRootFor(string[] args, Func<string, string?> environment)
    {
        var explicitRoot = args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(environment("DOTNET_CONTENTROOT"))
            || !string.IsNullOrEmpty(environment("ASPNETCORE_CONTENTROOT"));
        return explicitRoot ? null : AppContext.BaseDirectory;
    }

    /// <summary>
    /// Runs the settings checks registered with ValidateOnStart now, before anything connects. When a
    /// setting is wrong, prints one plain line per problem (no stack trace: the host would log the
    /// exception with one) and returns false; the caller exits with code 2, like the store agent.
    /// Only when <paramref name="app"/> is the process's own entry assembly (`dotnet PosCloud.Api.dll`):
    /// hosted by something else (WebApplicationFactory in tests) the exception is left to that host, which
    /// would otherwise take a quiet exit for a started application.
    /// </summary>
    public static bool SettingsAreValid(IServiceProvider services, string application, Assembly app)
    {
        if (Assembly.GetEntryAssembly() == app) return TryValidate(services, application, Console.Error);
        services.GetService<IStartupValidator>()?.Validate();
        return true;
    }

    /// <summary>The checks of <see cref="SettingsAreValid"/>, printing the problems to <paramref name="output"/>.</summary>
    public static bool TryValidate(IServiceProvider services, string application, TextWriter output)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return true;
        }
        catch (Exception ex) when (Problems(ex) is { Count: > 0 } problems)
        {
            output.WriteLine($"{application} cannot start; fix these settings:");
            foreach (var problem in problems) output.WriteLine("  - " + problem);
            return false;
        }
    }

    /// <summary>One line per failed check of an OptionsValidationException (or several of them); empty for anything else.</summary>
    public static IReadOnlyList<string> Problems(Exception ex)
    {
        if (ex is AggregateException aggregate)
        {
            var inner = aggregate.Flatten().InnerExceptions;
            return inner.All(e => e is OptionsValidationException) ? inner.SelectMany(Problems).Distinct().ToList() : [];
        }
        if (ex is not OptionsValidationException options) return [];
        var section = options.OptionsType.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string;
        return options.Failures.Select(f => Plain(f, section)).Distinct().ToList();
    }

    /// <summary>"DataAnnotation validation failed for 'BusOptions' members: 'PrefetchCount' with the error: '…'." → "Bus:PrefetchCount: …".</summary>
    private static string Plain(string failure, string? section)
    {
        var line = string.Join(' ', failure.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var m = DataAnnotationFailure().Match(line);
        if (!m.Success) return line;
        var member = section is null ? m.Groups["member"].Value : $"{section}:{m.Groups["member"].Value}";
        return $"{member}: {m.Groups["error"].Value}";
    }

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '(?<member>[^']*)' with the error: '(?<error>.*)'\.?$")]
    private static partial Regex DataAnnotationFailure();
}
