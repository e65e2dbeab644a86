using System.CommandLine;
using System.Security.Cryptography;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Hosting;
using Care.Hermes.Interop.Nightscout;
using Care.Hermes.Storage.Sqlite;

namespace Care.Cli.Nightscout;

/// <summary><c>care nightscout secret</c>: sets a wearer's Nightscout API secret (only keyed hashes of its SHA-1 and SHA-512 are stored).</summary>
internal static class NightscoutCommand
{
    /// <summary>Environment variable that may carry the secret to set (instead of generating one).</summary>
    public const string SecretVariable = "CARE_NIGHTSCOUT_SECRET";

    public static Command Create()
    {
        var group = new Command("nightscout", "The Nightscout-compatible API v1 that 'care serve' answers under /nightscout/{wearer}/api/v1.");
        var wearer = new Option<string>("--wearer") { Description = "The wearer whose Nightscout site this is", Required = true, HelpName = "ID" };
        var expires = new Option<string>("--expires-in") { Description = "How long the secret works (e.g. 365d, 30d, 12h; at most 366d)", DefaultValueFactory = _ => "365d", HelpName = "LIFETIME" };
        var db = CommonOptions.Database();
        var secret = new Command("secret",
            $"Set a wearer's API secret: Nightscout clients send its SHA-1 (or SHA-512) hex as the api-secret header or token=. Takes the secret from ${SecretVariable} (at least {NightscoutSecrets.MinSecretLength} characters) or generates one and prints it once. Hermes keeps only HMAC-SHA-256 of its digests, under a key beside the database; issue is ledgered and 'care token revoke ID' ends it.")
        {
            wearer, expires, db,
        };
        CliAction.Set(secret, async (parse, cancellationToken) =>
        {
            string text = parse.GetValue(wearer)!;
            if (!WearerId.TryParse(text, out var id))
            {
                throw new InvalidInputException("--wearer", $"'{text}' is not a wearer id: {IdText.Rule}");
            }
            var lifetime = TokenIssuer.ParseLifetime(parse.GetValue(expires)!, "--expires-in");
            if (lifetime > TokenIssuer.MaxLifetime)
            {
                throw new InvalidInputException("--expires-in", $"at most {TokenIssuer.MaxLifetime.TotalDays:0} days");
            }
            string database = Path.GetFullPath(parse.GetValue(db)!);
            if (!File.Exists(database))
            {
                throw new InvalidInputException(database, "database not found (pass --db PATH)");
            }
            string? given = Environment.GetEnvironmentVariable(SecretVariable);
            string value = string.IsNullOrEmpty(given)
                ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_')
                : given;
            await using var hermes = HermesComposition.Open(SqliteBackend.Options(database));
            var ids = await new NightscoutSecrets(hermes.Store, hermes.Time, database).SetAsync(id, value, lifetime, "operator", cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"Nightscout URL: http(s)://<host>/nightscout/{id}  (token records {string.Join(", ", ids)}; revoke with 'care token revoke ID')");
            await output.WriteLineAsync(string.IsNullOrEmpty(given) ? $"API secret (shown once): {value}" : $"API secret set from ${SecretVariable}.");
            return ExitCodes.Ok;
        });
        group.Subcommands.Add(secret);
        return group;
    }
}
