using System.Globalization;
using System.Text.Json;
using Care.Core.Ids;
using Care.Hermes.Console.Hosting;
using Care.Hermes.Console.Html;
using Care.Hermes.Storage;
using Care.Trust.Ledger;
using Microsoft.AspNetCore.Http;

namespace Care.Hermes.Console.Ledger;

/// <summary>
/// A wearer's ledger: dose plans against cartridge fills and assays, alert acknowledgements, record
/// accesses and every other entry about the wearer, newest first. Each proven entry's inclusion proof
/// travels to the browser, which checks it itself (<c>ledger.js</c>: leaf hash, index, key id, the
/// Ed25519 half of the tree head's hybrid signature and the RFC 9162 audit path, all in WebCrypto) and
/// marks each entry verified or failed. The view is written to the ledger like the API's ledger read.
/// </summary>
internal static class LedgerPage
{
    /// <summary>Most entries shown (the newest).</summary>
    public const int MaxEntries = 500;

    private const int PageSize = 1_000;

    public static async Task<IResult> ShowAsync(string id, string? acknowledged, HttpContext http, IHermesStore store, TimeProvider time)
    {
        if (await RecordGate.OpenAsync(id, "view ledger", http, store, time) is { } refused)
        {
            return refused;
        }
        var wearer = WearerId.Parse(id);
        var proven = new List<InclusionProofDocument>();
        var pending = new List<LedgerRecord>();
        SignedTreeHead? head = null;
        long after = -1;
        // Pages in index order; the newest MaxEntries are kept (a wearer's accesses grow with every view).
        for (int pages = 0; pages < 100; pages++)
        {
            var page = await store.ProveWearerAsync(wearer, after, PageSize, http.RequestAborted);
            head = page.Head ?? head;
            proven.AddRange(page.Proven);
            pending.AddRange(page.Pending);
            if (page.NextAfter is not { } next)
            {
                break;
            }
            after = next;
        }
        var entries = proven.Select(p => (Index: p.Index, Data: p.Data, Proof: (InclusionProofDocument?)p))
            .Concat(pending.Select(r => (r.Index, r.Data, Proof: (InclusionProofDocument?)null)))
            .OrderByDescending(e => e.Index).Take(MaxEntries).ToList();
        var parsed = entries.Select(e => (e.Index, e.Proof, Fields: Fields(e.Data))).ToList();
        long? highlight = long.TryParse(acknowledged, NumberStyles.None, CultureInfo.InvariantCulture, out long a) ? a : null;
        var rows = parsed.Select(e => Row(e.Index, e.Fields, e.Proof is not null, highlight));
        var data = new
        {
            wearer = wearer.Value,
            ledgerKey = Convert.ToBase64String(store.LedgerKey.Export()),
            ledgerKeyId = store.LedgerKey.KeyId,
            proofs = parsed.Where(e => e.Proof is not null).Select(e => JsonDocument.Parse(e.Proof!.ToJson()).RootElement),
        };
        var body = HtmlText.Of($"""
            <p><a href="/console/wearers/{wearer.Value}">Back to the timeline</a></p>
            <section class="verification" aria-labelledby="verify-h"><h2 id="verify-h">Proofs checked in this browser</h2>
            <p id="verify-summary" role="status" data-state="running">Checking proofs…</p>
            <p class="hint">For each entry your browser recomputes the leaf hash from the entry's bytes, follows the RFC 9162 audit path to the tree head's root, checks that the head names the ledger key (key id <code id="key-id">{store.LedgerKey.KeyId}</code> = SHA-256 of the key) and verifies the head's <strong>Ed25519</strong> signature with WebCrypto.
            The head's signature is hybrid: its <strong>ML-DSA-65</strong> half cannot be checked in a browser (WebCrypto has no ML-DSA) and is <strong>not checked here</strong>; check it offline with <code>care ledger check-proof</code>, which verifies both halves.
            Compare the key id with the one your witnesses publish: the page comes from the server it checks.</p>
            <p>Latest signed tree head: {(head is null ? "none yet" : $"size {head.TreeSize}, signed {Formats.Time(head.Timestamp)}")}. {proven.Count} entries proven, {pending.Count} pending (covered by the next head within the signing interval).</p>
            </section>
            {DosePlans(parsed.Select(e => e.Fields).ToList())}
            <section aria-labelledby="entries-h"><h2 id="entries-h">Entries about this wearer, newest first</h2>
            <table class="ledger">
            <thead><tr><th scope="col">index</th><th scope="col">act</th><th scope="col">time</th><th scope="col">what</th><th scope="col">proof</th></tr></thead>
            <tbody>{rows}</tbody></table>
            </section>
            {HtmlText.JsonIsland("ledger-data", data)}
            """);
        return Page.Render(http, $"Ledger of {wearer.Value}", body, new PageAssets(Charts: false, Script: "ledger.js"));
    }

    private static HtmlText Row(long index, Dictionary<string, string> fields, bool proven, long? highlight)
    {
        string kind = fields.GetValueOrDefault("kind") ?? "?";
        string at = fields.GetValueOrDefault("at") ?? "";
        string what = string.Join("; ", fields.Where(f => f.Key is not ("kind" or "index" or "at" or "wearer")).Select(f => $"{f.Key}: {f.Value}"));
        bool mark = highlight is { } alertId && kind == "AlertAcknowledged" && fields.GetValueOrDefault("alertId") == alertId.ToString(CultureInfo.InvariantCulture);
        var proof = proven
            ? HtmlText.Of($"<td class=\"proof\" id=\"proof-{index}\" data-state=\"unchecked\">not yet checked</td>")
            : HtmlText.Of($"<td class=\"proof pending\" id=\"proof-{index}\" data-state=\"pending\">pending: no signed head covers it yet</td>");
        return HtmlText.Of($"<tr id=\"entry-{index}\" class=\"{(mark ? "highlight" : "")}\" data-kind=\"{kind}\"><td>{index}</td><td>{kind}</td><td>{at}</td><td>{what}</td>{proof}</tr>");
    }

    /// <summary>Plans against fills: what was prescribed, what the filler loaded, what the assay measured.</summary>
    private static HtmlText DosePlans(List<Dictionary<string, string>> entries)
    {
        var plans = entries.Where(e => e.GetValueOrDefault("kind") == "DosePlanIssued").ToList();
        var fills = entries.Where(e => e.GetValueOrDefault("kind") == "CartridgeFilled").ToList();
        if (plans.Count == 0 && fills.Count == 0)
        {
            return HtmlText.Of($"<section aria-labelledby=\"plans-h\"><h2 id=\"plans-h\">Dose plans, fills and assays</h2><p>No dose plans or cartridge fills for this wearer.</p></section>");
        }
        var ids = plans.Select(p => p.GetValueOrDefault("planId") ?? "").Concat(fills.Select(f => f.GetValueOrDefault("planId") ?? "")).Distinct();
        var rows = ids.Select(planId =>
        {
            var plan = plans.FirstOrDefault(p => p.GetValueOrDefault("planId") == planId);
            var fill = fills.FirstOrDefault(f => f.GetValueOrDefault("planId") == planId);
            string deviation = fill is not null && double.TryParse(fill.GetValueOrDefault("assay"), CultureInfo.InvariantCulture, out double assay)
                && double.TryParse(fill.GetValueOrDefault("prescribed"), CultureInfo.InvariantCulture, out double prescribed) && prescribed > 0
                ? Formats.Number(100.0 * (assay - prescribed) / prescribed, 1) + " %"
                : "—";
            return HtmlText.Of($"<tr><td>{planId}</td><td>{plan?.GetValueOrDefault("amount") ?? "—"} {plan?.GetValueOrDefault("unit")}</td><td>{fill?.GetValueOrDefault("prescribed") ?? "not filled"}</td><td>{fill?.GetValueOrDefault("loaded") ?? "—"}</td><td>{fill?.GetValueOrDefault("assay") ?? "—"}</td><td>{deviation}</td><td>{fill?.GetValueOrDefault("instrument") ?? "—"}</td></tr>");
        });
        return HtmlText.Of($"""
            <section aria-labelledby="plans-h"><h2 id="plans-h">Dose plans, fills and assays</h2>
            <table class="plans"><thead><tr><th scope="col">plan</th><th scope="col">planned</th><th scope="col">prescribed</th><th scope="col">loaded</th><th scope="col">assay</th><th scope="col">assay vs prescribed</th><th scope="col">instrument</th></tr></thead>
            <tbody>{rows}</tbody></table>
            </section>
            """);
    }

    /// <summary>The entry's top-level fields as text (nested values as compact JSON).</summary>
    private static Dictionary<string, string> Fields(byte[] data)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var json = JsonDocument.Parse(data);
            foreach (var p in json.RootElement.EnumerateObject())
            {
                fields[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText();
            }
        }
        catch (JsonException)
        {
            fields["kind"] = "unreadable entry";
        }
        return fields;
    }
}
