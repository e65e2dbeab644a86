using System.CommandLine;
using System.Globalization;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Cli.Serve;
using Care.Hermes.Storage;

namespace Care.Cli.Tokens;

/// <summary><c>care token create|list|revoke</c>: bearer tokens for Hermes's API, each with an expiry.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        return new Command("token", "Manage bearer tokens for Hermes's HTTP API: every token expires; issue and revocation are written to the ledger.")
        {
            CreateCommand(), ListCommand(), RevokeCommand(),
        };
    }

    private static Command CreateCommand()
    {
        var role = new Option<string>("--role")
        {
            Description = "What the token may do: device (upload), clinician (read records), admin (manage tokens and devices)",
            Required = true,
        };
        role.AcceptOnlyFromAmong("device", "clinician", "admin");
        var expires = new Option<string>("--expires-in")
        {
            Description = "How long the token works: a whole number of days, hours or minutes (30d, 12h, 90m; at most 366d)",
            DefaultValueFactory = _ => "30d",
            HelpName = "DURATION",
        };
        var wearers = new Option<string?>("--wearers")
        {
            Description = "For a clinician token: the care team's wearers, comma-separated (the token reads only these); default every wearer",
            HelpName = "W1,W2,…",
        };
        var label = new Option<string?>("--label") { Description = "Whose token it is, in words (shown by 'care token list'; never a secret)", HelpName = "TEXT" };
        var db = CommonOptions.Database();
        var postgres = PostgresOption();
        var create = new Command("create", "Create a bearer token and print it as the last word of the output. Only its hash is stored: keep the printed token.")
        {
            role, expires, wearers, label, db, postgres,
        };
        CliAction.Set(create, async (parse, cancellationToken) =>
        {
            TokenIssuer.TryParseRole(parse.GetValue(role), out var parsed);
            var lifetime = TokenIssuer.ParseLifetime(parse.GetValue(expires)!, "--expires-in");
            List<WearerId>? scope = null;
            if (parse.GetValue(wearers) is { } list)
            {
                scope = [];
                foreach (var part in list.Split(',', StringSplitOptions.TrimEntries))
                {
                    scope.Add(WearerId.TryParse(part, out var w) ? w : throw new InvalidInputException("--wearers", $"'{part}' is not a wearer id ({IdText.Rule})"));
                }
            }
            var (store, where) = Open(parse.GetValue(postgres), parse.GetValue(db)!);
            await using var opened = store;
            var (record, token) = await new TokenIssuer(store, TimeProvider.System).CreateAsync(parsed, lifetime, scope, parse.GetValue(label), "operator", cancellationToken);
            await store.PublishTreeHeadAsync(cancellationToken);
            string scopeText = record.Wearers is { } s ? $" for wearers {string.Join(',', s)}" : string.Empty;
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"Created {parsed.ToString().ToLowerInvariant()} token {record.Id}{scopeText}, expires {record.ExpiresAt:yyyy-MM-dd HH:mm} UTC, in {where}: {token}");
            return ExitCodes.Ok;
        });
        return create;
    }

    private static Command ListCommand()
    {
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var postgres = PostgresOption();
        var list = new Command("list", "List tokens without their secrets: id, role, label, created, expires, revoked, scope.") { db, postgres, json };
        CliAction.Set(list, async (parse, cancellationToken) =>
        {
            var (store, where) = Open(parse.GetValue(postgres), parse.GetValue(db)!);
            await using var opened = store;
            var now = DateTimeOffset.UtcNow;
            var tokens = await store.ListTokensAsync(cancellationToken);
            await CliOutput.WriteAsync(parse, parse.GetValue(json), new { tokens = tokens.Select(t => Hermes.Api.TokenView.Describe(t, now)) }, (_, output) =>
            {
                output.WriteLine($"{"id",-17} {"role",-9} {"status",-8} {"expires (UTC)",-16} {"scope",-20} label");
                foreach (var t in tokens)
                {
                    string status = t.RevokedAt is not null ? "revoked" : t.IsValidAt(now) ? "active" : "expired";
                    string scope = t.Wearers is { } w ? string.Join(',', w) : "all wearers";
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{t.Id,-17} {t.Role.ToString().ToLowerInvariant(),-9} {status,-8} {t.ExpiresAt:yyyy-MM-dd HH:mm} {Clip(scope, 20),-20} {t.Label}"));
                }
                output.WriteLine($"{tokens.Count} tokens in {where}");
            });
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command RevokeCommand()
    {
        var id = new Argument<string>("ID") { Description = "The token's id (tok_…), as 'care token list' shows it" };
        var db = CommonOptions.Database();
        var postgres = PostgresOption();
        var revoke = new Command("revoke", "Revoke a token now: Hermes refuses it from the next request. TokenRevoked goes to the ledger.") { id, db, postgres };
        CliAction.Set(revoke, async (parse, cancellationToken) =>
        {
            var (store, where) = Open(parse.GetValue(postgres), parse.GetValue(db)!);
            await using var opened = store;
            if (!await store.RevokeTokenAsync(parse.GetValue(id)!, "operator", DateTimeOffset.UtcNow, cancellationToken))
            {
                throw new InvalidInputException("ID", $"no token '{parse.GetValue(id)}' in {where} (see 'care token list')");
            }
            await store.PublishTreeHeadAsync(cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Revoked token {parse.GetValue(id)}");
            return ExitCodes.Ok;
        });
        return revoke;
    }

    private static System.CommandLine.Option<string?> PostgresOption() =>
        BackendOption.Postgres("The Hermes database on PostgreSQL (the connection string 'care serve --postgres' uses) instead of the SQLite file; --db then names where the keys live");

    /// <summary>The store the tokens live in (the SQLite file, or PostgreSQL), and how messages name it.</summary>
    private static (IHermesStore Store, string Where) Open(string? postgres, string database)
    {
        var options = BackendOption.Options(postgres, database);
        return (options.Backend!.Open(options, TimeProvider.System), options.Backend.Describe(options));
    }

    private static string Clip(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
