using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Hermes.Cluster.Hosting;
using Care.Hermes.Console.Hosting;
using Care.Hermes.Hosting;
using Care.Hermes.Interop.Hosting;
using Care.Hermes.Storage;
using Care.Trust.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Care.Cli.Serve;

/// <summary><c>care serve</c>: Hermes over HTTP(S) until Ctrl+C. It opens the database and keys before it listens, and refuses to start on any problem.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by ';'. Plain http:// only on loopback unless --allow-http; https:// needs --cert or --dev-cert",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
            HelpName = "URLS",
        };
        var model = new Option<string?>("--model")
        {
            Description = "Sepsis model file scored on each wearer-hour (default: models/sepsis-vitals-v3.model, else models/sepsis-v2.model, in or above the current folder); 'none' for NEWS2 alerts only",
            HelpName = "FILE",
        };
        var cert = new Option<string?>("--cert") { Description = "Server certificate for https: a .pfx/.p12 file, or a PEM file (with its key inside or in --cert-key)", HelpName = "FILE" };
        var certKey = new Option<string?>("--cert-key") { Description = "PEM private key of --cert, when it is not in the certificate file", HelpName = "FILE" };
        var devCert = new Option<bool>("--dev-cert") { Description = "Use a self-signed development certificate for localhost, generated once beside the database (DB.tls.pfx; clients pin DB.tls.crt). Never for production" };
        var allowHttp = new Option<bool>("--allow-http") { Description = "Allow plain http:// on non-loopback addresses (only behind a TLS-terminating proxy)" };
        var interval = new Option<int>("--tree-head-interval")
        {
            Description = "Seconds between signed tree heads at most, and the longest an act waits for one (1-86400)",
            DefaultValueFactory = _ => (int)TreeHeadIntervalDefault.TotalSeconds,
            HelpName = "SECONDS",
        };
        var db = CommonOptions.Database();
        var postgres = BackendOption.Postgres(
            "Run on PostgreSQL instead of the SQLite file: an Npgsql connection string, e.g. \"Host=127.0.0.1;Port=5432;Username=care;Database=care\" " +
            "(a password is better given in PGPASSWORD or ~/.pgpass than on the command line); --db then names where Hermes's keys live");
        var command = new Command("serve",
            "Run Hermes over HTTP(S): bundles, wearers' records, alerts, dose plans, models, devices, tokens, the ledger's head and consistency proofs for witnesses, /healthz and /readyz; OpenAPI at /openapi/v1.json. Every /v1 call but keys and the ledger head needs a bearer token ('care token create').")
        {
            urls, model, cert, certKey, devCert, allowHttp, interval, db, postgres,
        };
        var clusterOptions = new ClusterOptions();
        foreach (var option in clusterOptions.All)
        {
            command.Options.Add(option);
        }
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            string database = parse.GetValue(db)!;
            if (parse.GetValue(cert) is not null && parse.GetValue(devCert))
            {
                throw new InvalidInputException("--dev-cert", "give either --cert FILE or --dev-cert, not both");
            }
            int seconds = parse.GetValue(interval);
            if (seconds is < 1 or > 86_400)
            {
                throw new InvalidInputException("--tree-head-interval", $"{seconds} is outside 1-86400 seconds");
            }
            bool tls = parse.GetValue(cert) is not null || parse.GetValue(devCert);
            string addresses = parse.GetValue(urls)!;
            ServeTls.CheckUrls(addresses, parse.GetValue(allowHttp), tls);
            string? modelPath = ModelOption.ResolvePath(parse.GetValue(model), "--model");
            var output = parse.InvocationConfiguration.Output;
            X509Certificate2? certificate = null;
            if (parse.GetValue(cert) is { } file)
            {
                certificate = ServeTls.Load(file, parse.GetValue(certKey), Environment.GetEnvironmentVariable("CARE_CERT_PASSWORD"));
            }
            else if (parse.GetValue(devCert))
            {
                (certificate, string publicPath) = ServeTls.Development(database, TimeProvider.System);
                await output.WriteLineAsync($"Development certificate (self-signed, localhost): clients pin {publicPath}");
            }
            var cluster = clusterOptions.Read(parse, parse.GetValue(postgres));
            var options = BackendOption.Options(parse.GetValue(postgres), database) with { SepsisModelPath = modelPath, TreeHeadInterval = TimeSpan.FromSeconds(seconds) };
            var app = HermesApp.Build(options, addresses, builder =>
            {
                if (certificate is not null)
                {
                    builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate));
                }
                builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
                builder.Services.AddCareInterop();
                builder.Services.AddCareConsole();
                if (cluster is not null)
                {
                    builder.AddCareHermesCluster(cluster);
                }
            });
            app.MapCareInterop();
            // The console (issue 17): server-rendered pages under /console, same host, same tokens.
            app.MapCareConsole();
            await using (app)
            {
                // Fail fast: the database opens and migrates, and the keys load, before anything listens.
                string where = options.Backend!.Describe(options);
                var store = Open(() => app.Services.GetRequiredService<IHermesStore>(), where);
                Open(() => app.Services.GetRequiredService<HybridKemPrivateKey>(), where);
                if (await store.ReadinessProblemAsync(cancellationToken) is { } problem)
                {
                    throw new InvalidInputException(where, problem);
                }
                if (cluster is not null)
                {
                    // Ports free, Orleans's scripts readable, membership tables in the database: checked before the silo starts.
                    try
                    {
                        await HermesClusterHosting.PrepareAsync(cluster, cancellationToken);
                    }
                    catch (IOException e)
                    {
                        throw new InvalidInputException(where, e.Message);
                    }
                }
                try
                {
                    await app.StartAsync(cancellationToken);
                }
                catch (IOException e)
                {
                    throw new InvalidInputException("--urls", $"cannot listen on {addresses}: {e.Message}");
                }
                catch (Exception e) when (cluster is not null && e is not OperationCanceledException)
                {
                    throw new InvalidInputException("--cluster", $"the silo could not join cluster {cluster.ClusterId} on {where}: {e.Message}");
                }
                string role = cluster is null ? "" : $"; silo of cluster {cluster.ClusterId} at {cluster.Address}:{cluster.SiloPort} (gateway {cluster.GatewayPort})";
                await output.WriteLineAsync($"Hermes listening on {addresses}; database {where}{role}; sepsis model {modelPath ?? "none"}; tree heads at most every {seconds} s; OpenAPI at /openapi/v1.json. Ctrl+C stops.");
                await app.WaitForShutdownAsync(cancellationToken);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static readonly TimeSpan TreeHeadIntervalDefault = Care.Hermes.Ledger.TreeHeadSchedule.DefaultInterval;

    /// <summary>Resolves a service that opens files, turning a failure into exit 2 with the cause.</summary>
    private static T Open<T>(Func<T> resolve, string where)
    {
        try
        {
            return resolve();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or InvalidDataException)
        {
            throw new InvalidInputException(where, (e.InnerException is IOException inner ? inner : e).Message);
        }
    }
}
