using Care.Clinical.EarlyWarning;
using Care.Core.Ids;
using Care.Hermes.Alerts;
using Care.Hermes.Hosting;
using Care.Hermes.Ingest;
using Care.Hermes.Tests;
using Care.Trust.Bundles;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Storage.Tests;

/// <summary>
/// The storage contract every Hermes backend must keep (as fhir-server runs each data-store test over
/// every store): a backend's test class derives from this one and says only how to open Hermes on
/// it. Each test composes Hermes through <see cref="HermesComposition"/>, as serve, demo and bench do.
/// </summary>
public abstract class HermesStoreContract : BackendContract
{
    private TestDevices? _devices;

    private protected TestDevices Devices => _devices ??= new TestDevices(Store, Hermes.Recipient.PublicKey);

    private async Task<IngestResult> IngestAsync(Core.Bundles.Bundle bundle) => await Hermes.Ingestor.IngestAsync(await Devices.SealAsync(bundle), Cancel);

    private async Task<long> ObservationsAsync(string wearer) => await Store.CountObservationsAsync([WearerId.Parse(wearer)], Cancel);

    private async Task<List<LedgerEntry>> LedgerOfAsync(string wearer)
    {
        var page = await Store.ProveWearerAsync(WearerId.Parse(wearer), -1, 10_000, Cancel);
        return [.. page.Proven.Select(p => p.Data).Concat(page.Pending.Select(p => p.Data)).Select(d => LedgerEntryReader.Read(d).Entry)];
    }

    [Fact]
    public async Task Ingest_stores_the_whole_bundle_and_its_ledger_entry()
    {
        var bundle = Vitals.Minutes("W-1", Vitals.Start, 30);
        var sealedBytes = await Devices.SealAsync(bundle);
        long ledger = await Store.LedgerSizeAsync(Cancel);
        var result = await Hermes.Ingestor.IngestAsync(sealedBytes, Cancel);
        Assert.Equal(IngestStatus.Stored, result.Status);
        Assert.Equal(ledger + 1, await Store.LedgerSizeAsync(Cancel));
        Assert.Equal(bundle.Observations.Count, await ObservationsAsync("W-1"));
        Assert.Equal(bundle.Observations.Count, (await Store.QueryObservationsAsync(new ObservationQuery(WearerId.Parse("W-1"), null, null, null, 100_000), Cancel)).Count);
    }

    [Fact]
    public async Task Ingest_that_fails_a_check_stores_nothing_and_ledgers_nothing()
    {
        await IngestAsync(Vitals.Minutes("W-1", Vitals.Start, 30));
        long ledger = await Store.LedgerSizeAsync(Cancel);
        long observations = await ObservationsAsync("W-1");
        // Same patch, older readings: refused by the patch's watermark after the bundle was opened.
        await Assert.ThrowsAsync<IngestConflictException>(() => IngestAsync(Vitals.Minutes("W-1", Vitals.Start.AddMinutes(10), 30)));
        Assert.Equal(ledger, await Store.LedgerSizeAsync(Cancel));
        Assert.Equal(observations, await ObservationsAsync("W-1"));
    }

    [Fact]
    public async Task Resending_the_same_sealed_bytes_changes_nothing()
    {
        var sealedBytes = await Devices.SealAsync(Vitals.Minutes("W-1", Vitals.Start, 30));
        var first = await Hermes.Ingestor.IngestAsync(sealedBytes, Cancel);
        long ledger = await Store.LedgerSizeAsync(Cancel);
        var again = await Hermes.Ingestor.IngestAsync(sealedBytes, Cancel);
        Assert.Equal(IngestStatus.Stored, first.Status);
        Assert.Equal(IngestStatus.AlreadyStored, again.Status);
        Assert.Equal(first.BundleId, again.BundleId);
        Assert.Equal(ledger, await Store.LedgerSizeAsync(Cancel));
        Assert.Equal(150, await ObservationsAsync("W-1"));
        Assert.NotNull(await Store.FindSealedAsync(System.Security.Cryptography.SHA256.HashData(sealedBytes), Cancel));
    }

    [Fact]
    public async Task A_used_sequence_number_is_refused_as_a_replay()
    {
        await IngestAsync(Vitals.Minutes("W-1", Vitals.Start, 30));
        // Other content, signed by the registered key, under the sequence already accepted (1).
        var replay = BundleSealer.Seal(Vitals.Encode(Vitals.Minutes("W-1", Vitals.Start.AddHours(1), 30)), "P-W-1", 1, TestDevices.SharedKey, Hermes.Recipient.PublicKey, Vitals.Now);
        var error = await Assert.ThrowsAsync<BundleRejectedException>(() => Hermes.Ingestor.IngestAsync(replay, Cancel));
        Assert.Equal(BundleRejection.Replayed, error.Reason);
        Assert.Equal(150, await ObservationsAsync("W-1"));
    }

    [Fact]
    public async Task Watermarks_are_per_patch_and_move_forward_with_each_bundle()
    {
        await IngestAsync(Vitals.Minutes("W-1", Vitals.Start, 30));
        await using (var session = await Store.BeginIngestAsync(Cancel))
        {
            var (lastObservation, lastDose) = await session.GetPatchWatermarksAsync(PatchId.Parse("P-W-1"));
            Assert.Equal(Vitals.Start.AddMinutes(29), lastObservation);
            Assert.Null(lastDose);
            Assert.Equal((null, null), await session.GetPatchWatermarksAsync(PatchId.Parse("P-W-2")));
        }
        // Another patch may overlap in time; the same patch must move on.
        Assert.Equal(IngestStatus.Stored, (await IngestAsync(Vitals.Minutes("W-2", Vitals.Start, 30))).Status);
        Assert.Equal(IngestStatus.Stored, (await IngestAsync(Vitals.Minutes("W-1", Vitals.Start.AddMinutes(30), 30))).Status);
        await Assert.ThrowsAsync<IngestConflictException>(() => IngestAsync(Vitals.Minutes("W-1", Vitals.Start.AddMinutes(59), 5)));
    }

    [Fact]
    public async Task Acknowledging_an_alert_suppresses_its_kind_and_is_ledgered_once()
    {
        await IngestAsync(Vitals.Minutes("W-1", Vitals.Start, 60, ill: true));
        var alert = (await Store.GetAlertsAsync(new AlertQuery(null, News2Level.Low, AlertKind.News2, null, 1), Cancel)).Single();
        var until = Vitals.Now.AddHours(4);
        var acknowledged = await Hermes.Alerts.AcknowledgeAsync(alert.Id, "tok-1", Access.Role.Clinician, Vitals.Now, until, Cancel);
        Assert.Equal(Vitals.Now, acknowledged!.AcknowledgedAt);
        Assert.Equal("tok-1", acknowledged.AcknowledgedBy);
        long ledger = await Store.LedgerSizeAsync(Cancel);
        var second = await Hermes.Alerts.AcknowledgeAsync(alert.Id, "tok-2", Access.Role.Clinician, Vitals.Now.AddMinutes(1), until.AddHours(1), Cancel);
        Assert.Equal("tok-1", second!.AcknowledgedBy);
        Assert.Equal(ledger, await Store.LedgerSizeAsync(Cancel));
        Assert.Single((await LedgerOfAsync("W-1")).OfType<AlertAcknowledged>());
        Assert.Null(await Hermes.Alerts.AcknowledgeAsync(alert.Id + 1000, "tok-1", Access.Role.Clinician, Vitals.Now, until, Cancel));
        await using var session = await Store.BeginIngestAsync(Cancel);
        var state = await session.GetWearerAsync(WearerId.Parse("W-1"));
        Assert.Equal(new AlertSuppression(until, alert.Level), AlertSuppression.Current(state, AlertKind.News2));
        Assert.Null(AlertSuppression.Current(state, AlertKind.SepsisModel));
    }

    [Fact]
    public async Task Suppression_windows_are_stored_per_kind()
    {
        await IngestAsync(Vitals.Minutes("W-1", Vitals.Start, 30));
        var wearer = WearerId.Parse("W-1");
        await using (var session = await Store.BeginIngestAsync(Cancel))
        {
            await session.SetSuppressionAsync(wearer, AlertKind.SepsisModel, Vitals.Now.AddHours(2), News2Level.High);
            await session.CommitAsync();
        }
        await using (var session = await Store.BeginIngestAsync(Cancel))
        {
            var state = await session.GetWearerAsync(wearer);
            Assert.Equal(new AlertSuppression(Vitals.Now.AddHours(2), News2Level.High), AlertSuppression.Current(state, AlertKind.SepsisModel));
            Assert.Null(AlertSuppression.Current(state, AlertKind.News2));
        }
    }

    [Fact]
    public async Task A_fill_is_recorded_only_against_the_newest_plan()
    {
        await IngestAsync(Vitals.Minutes("W-1", Vitals.Start, 30));
        var wearer = WearerId.Parse("W-1");
        var first = await Hermes.DosePlans.IssueAsync(wearer, "insulin-aspart", 300, "U", "tok-1", Vitals.Now, Cancel);
        var second = await Hermes.DosePlans.IssueAsync(wearer, "insulin-aspart", 280, "U", "tok-1", Vitals.Now, Cancel);
        Assert.Null(await Hermes.DosePlans.IssueAsync(WearerId.Parse("W-404"), "insulin-aspart", 280, "U", "tok-1", Vitals.Now, Cancel));
        await Assert.ThrowsAsync<IngestConflictException>(() => Hermes.DosePlans.RecordFillAsync(
            new CartridgeFilled("cart-1", wearer, first!.PlanId, "insulin-aspart", 300, 300, 299, "U", "assay-1") { At = Vitals.Now }, Cancel));
        long index = await Hermes.DosePlans.RecordFillAsync(
            new CartridgeFilled("cart-2", wearer, second!.PlanId, "insulin-aspart", 280, 280, 279, "U", "assay-1") { At = Vitals.Now }, Cancel);
        Assert.Equal(second.LedgerIndex + 1, index);
        await using var session = await Store.BeginIngestAsync(Cancel);
        var latest = await session.LatestLedgerEntryAsync(nameof(CartridgeFilled), wearer);
        Assert.Equal(index, latest!.Index);
    }

    [Fact]
    public async Task Ledger_entries_are_proven_under_a_signed_head_and_heads_are_consistent()
    {
        await IngestAsync(Vitals.Minutes("W-1", Vitals.Start, 30));
        var head1 = await Store.PublishTreeHeadAsync(Cancel);
        await Store.AppendToLedgerAsync(new RecordAccessed("tok-1", "clinician", WearerId.Parse("W-1"), "review") { At = Vitals.Now }, Cancel);
        var pending = await Store.ProveWearerAsync(WearerId.Parse("W-1"), -1, 100, Cancel);
        Assert.Single(pending.Pending);
        var head2 = await Store.PublishTreeHeadAsync(Cancel);
        Assert.True(head1.Verify(Store.LedgerKey));
        Assert.True(head2.Verify(Store.LedgerKey));
        var page = await Store.ProveWearerAsync(WearerId.Parse("W-1"), -1, 100, Cancel);
        Assert.Empty(page.Pending);
        Assert.Equal(2, page.Proven.Count);
        foreach (var proof in page.Proven)
        {
            Assert.True(proof.Check(Store.LedgerKey).IsValid);
        }
        var consistency = await Store.ConsistencyProofAsync(head1.TreeSize, head2.TreeSize, Cancel);
        Assert.True(MerkleVerifier.VerifyConsistency((ulong)head1.TreeSize, (ulong)head2.TreeSize, head1.RootHash, head2.RootHash, consistency).IsValid);
        var reader = await Store.LatestTreeHeadAsync(Cancel);
        Assert.Equal(head2.TreeSize, reader!.TreeSize);
    }

    [Fact]
    public async Task A_session_that_ends_before_commit_leaves_no_trace()
    {
        var bundle = Vitals.Minutes("W-1", Vitals.Start, 30);
        long ledger = await Store.LedgerSizeAsync(Cancel);
        await using (var session = await Store.BeginIngestAsync(Cancel))
        {
            await session.AddBundleAsync(bundle, new byte[32], new byte[32], Vitals.Now);
            await session.AppendLedgerAsync(new BundleAccepted(bundle.BundleId.ToString(), new string('0', 64), "P-W-1", 1) { At = Vitals.Now });
            // Crash: disposed without CommitAsync.
        }
        Assert.Equal(ledger, await Store.LedgerSizeAsync(Cancel));
        Assert.Equal(0, await ObservationsAsync("W-1"));
        Assert.Null(await Store.FindSealedAsync(new byte[32], Cancel));
        // The same bundle then ingests in full, sequence 1 free again.
        Assert.Equal(IngestStatus.Stored, (await IngestAsync(bundle)).Status);
        Assert.Equal(150, await ObservationsAsync("W-1"));
    }

    [Fact]
    public async Task A_waiting_session_honours_cancellation()
    {
        await using var held = await Store.BeginIngestAsync(Cancel);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.BeginIngestAsync(cancel.Token));
    }
}
