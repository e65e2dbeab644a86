using System.CommandLine;
using System.Text.Json;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Trust.Ledger;

namespace Care.Cli.Ledger;

/// <summary><c>care ledger consistency OLD_SIZE NEW_SIZE</c>: proves the log of OLD_SIZE entries is a prefix of the log of NEW_SIZE.</summary>
internal static class LedgerConsistencyCommand
{
    public static Command Create()
    {
        var command = new Command("consistency", "Print the RFC 9162 consistency proof that the log only grew from OLD_SIZE to NEW_SIZE entries, with both roots and any signed heads at those sizes, and check it.");
        var oldSize = new Argument<long>("OLD_SIZE") { Description = "The earlier tree size (≥ 1)" };
        var newSize = new Argument<long>("NEW_SIZE") { Description = "The later tree size (OLD_SIZE to the current size)" };
        var db = LedgerCommand.DatabaseOption();
        command.Arguments.Add(oldSize);
        command.Arguments.Add(newSize);
        command.Options.Add(db);
        CliAction.Set(command, async (parse, ct) =>
        {
            using var store = LedgerDatabase.OpenStore(parse.GetValue(db)!);
            var size1 = parse.GetValue(oldSize);
            var size2 = parse.GetValue(newSize);
            var size = store.Size;
            if (size1 < 1 || size1 > size2 || size2 > size)
            {
                throw new InvalidInputException("OLD_SIZE NEW_SIZE", $"need 1 ≤ OLD_SIZE ≤ NEW_SIZE ≤ {size} (the current log size), got {size1} and {size2}");
            }
            var root1 = store.Root(size1);
            var root2 = store.Root(size2);
            var proof = store.ConsistencyProof(size1, size2);
            var check = MerkleVerifier.VerifyConsistency((ulong)size1, (ulong)size2, root1, root2, proof);
            var heads = store.TreeHeads().Where(h => h.TreeSize == size1 || h.TreeSize == size2).Select(h => new
            {
                treeSize = h.TreeSize,
                rootHash = Convert.ToHexStringLower(h.RootHash),
                timestamp = h.Timestamp.ToUnixTimeMilliseconds(),
                keyId = h.KeyId,
                signature = Convert.ToBase64String(h.Signature),
                signatureValid = h.Verify(store.PublicKey!),
                matchesRoot = h.RootHash.AsSpan().SequenceEqual(h.TreeSize == size1 ? root1 : root2),
            }).ToList();
            await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                format = "care-ledger-consistency-proof-v1",
                size1,
                size2,
                root1 = Convert.ToHexStringLower(root1),
                root2 = Convert.ToHexStringLower(root2),
                proof = proof.Select(Convert.ToHexStringLower).ToList(),
                valid = check.IsValid,
                problem = check.Failure,
                signedTreeHeads = heads,
            }, new JsonSerializerOptions { WriteIndented = true }));
            return check.IsValid && heads.All(h => h.signatureValid && h.matchesRoot) ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }
}
