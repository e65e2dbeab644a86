using System.CommandLine;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Hermes.Hosting;
using Microsoft.Extensions.Hosting;

namespace Care.Cli.Serve;

/// <summary><c>care serve</c>: Hermes over HTTP until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by ';'",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
            HelpName = "URLS",
        };
        var model = new Option<string?>("--model")
        {
            Description = "Sepsis model file scored on each wearer-hour (default: models/sepsis-vitals-v2.model, else models/sepsis-v1.model, in or above the current folder); 'none' for NEWS2 alerts only",
            HelpName = "FILE",
        };
        var db = CommonOptions.Database();
        var command = new Command("serve",
            "Run Hermes over HTTP: POST /v1/bundles, GET /v1/wearers/{id}/observations, GET /v1/wearers/{id}/risk, GET /v1/alerts, POST /v1/tokens, GET /healthz; OpenAPI at /openapi/v1.json. Every /v1 call needs a bearer token ('care token create').")
        {
            urls, model, db,
        };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            string addresses = parse.GetValue(urls)!;
            foreach (var url in addresses.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    throw new InvalidInputException("--urls", $"'{url}' is not an http:// or https:// address");
                }
            }
            string? modelPath = ModelOption.ResolvePath(parse.GetValue(model), "--model");
            var app = HermesApp.Build(new HermesOptions { DatabasePath = parse.GetValue(db)!, SepsisModelPath = modelPath }, addresses);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"Hermes listening on {addresses}; database {Path.GetFullPath(parse.GetValue(db)!)}; sepsis model {modelPath ?? "none"}; OpenAPI at /openapi/v1.json. Ctrl+C stops.");
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            await app.DisposeAsync();
            return ExitCodes.Ok;
        });
        return command;
    }
}
