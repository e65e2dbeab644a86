using System.CommandLine;
using Care.Cli.Hosting;
using Care.Hermes.Access;
using Care.Hermes.Storage.Sqlite;

namespace Care.Cli.Tokens;

/// <summary><c>care token create</c>: issue a bearer token for Hermes's API.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var role = new Option<string>("--role")
        {
            Description = "What the token may do: device (upload), clinician (read records), admin (manage tokens)",
            Required = true,
        };
        role.AcceptOnlyFromAmong("device", "clinician", "admin");
        var db = CommonOptions.Database();
        var create = new Command("create", "Create a bearer token and print it as the last word of the output. Only its hash is stored: keep the printed token.")
        {
            role, db,
        };
        CliAction.Set(create, async (parse, cancellationToken) =>
        {
            TokenIssuer.TryParseRole(parse.GetValue(role), out var parsed);
            await using var store = SqliteHermesStore.Open(parse.GetValue(db)!);
            var (record, token) = await new TokenIssuer(store, TimeProvider.System).CreateAsync(parsed, cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"Created {parsed.ToString().ToLowerInvariant()} token {record.Id} in {store.DatabasePath}: {token}");
            return ExitCodes.Ok;
        });
        return new Command("token", "Manage bearer tokens for Hermes's HTTP API.") { create };
    }
}
