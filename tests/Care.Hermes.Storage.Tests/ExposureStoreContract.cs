using System.Security.Cryptography;
using Care.Core.Ids;
using Care.Epidemic.Exports;
using Care.Epidemic.Proximity;
using Care.Hermes.Access;
using Care.Hermes.Exposure;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Storage.Tests;

/// <summary>
/// The proximity-tracing storage contract (ADR 0021) every backend keeps: codes stored hashed and
/// consumed with the keys in one transaction, nothing stored on any refusal, a retry changing nothing,
/// exports stored with their keys marked and ledgered, anonymous notification counts idempotent per report.
/// </summary>
public abstract class ExposureStoreContract : BackendContract
{
    private IExposureStore Exposure => (IExposureStore)Store;

    private static readonly Caller Clinician = new("tok_clinician", Role.Clinician);

    private int Today => EnInterval.KeyPeriodStart(EnInterval.FromTime(Time.GetUtcNow()));

    /// <summary>Keys of the <paramref name="days"/> UTC days before today (whole days, so they are releasable).</summary>
    private List<DiagnosisKey> Keys(int days) =>
        [.. Enumerable.Range(1, days).Select(d => new DiagnosisKey(Block128.FromBytes(RandomNumberGenerator.GetBytes(16)), Today - (d * EnInterval.TekRollingPeriod), EnInterval.TekRollingPeriod, 4, ReportType.ConfirmedTest, null))];

    private async Task<(string Code, byte[] Hash)> IssueAsync(string wearer = "w-exposed")
    {
        var (code, _) = await Hermes.Exposure.IssueCodeAsync(WearerId.Parse(wearer), Clinician, ReportType.ConfirmedTest, null, Cancel);
        return (code, VerificationCode.Hash(VerificationCode.Normalise(code, out _)!));
    }

    private async Task<int> PendingAsync() => (await Exposure.PendingDiagnosisKeysAsync(Today + EnInterval.TekRollingPeriod, 10_000, Cancel)).Count;

    [Fact]
    public async Task Given_an_issued_code_Then_only_its_hash_is_stored_and_the_ledger_names_the_wearer_without_the_code()
    {
        var (code, hash) = await IssueAsync();
        var stored = await Exposure.FindVerificationCodeAsync(hash, Cancel);
        Assert.NotNull(stored);
        Assert.Equal(Time.GetUtcNow() + Hermes.Exposure.Options.CodeLifetime, stored.ExpiresAt);
        Assert.Equal(ReportType.ConfirmedTest, stored.ReportType);
        var page = await Store.ProveWearerAsync(WearerId.Parse("w-exposed"), -1, 100, Cancel);
        var entries = page.Proven.Select(p => p.Data).Concat(page.Pending.Select(p => p.Data)).ToList();
        var issued = Assert.IsType<VerificationCodeIssued>(Assert.Single(entries, d => LedgerEntryReader.Read(d).Entry is VerificationCodeIssued) is var data ? LedgerEntryReader.Read(data).Entry : null);
        Assert.Equal("tok_clinician", issued.Actor);
        var text = System.Text.Encoding.UTF8.GetString(data);
        Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(hash), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_valid_code_When_keys_are_uploaded_Then_they_are_pending_and_the_code_is_used_up()
    {
        var (_, hash) = await IssueAsync();
        var keys = Keys(14);
        var result = await Exposure.PublishDiagnosisKeysAsync(hash, keys, Time.GetUtcNow(), Cancel);
        Assert.Equal(KeyUploadOutcome.Published, result.Outcome);
        Assert.Equal(14, await PendingAsync());
        Assert.Null(await Exposure.FindVerificationCodeAsync(hash, Cancel));
    }

    [Fact]
    public async Task Given_a_used_code_When_the_same_keys_come_again_Then_it_is_a_replay_and_other_keys_are_refused_with_nothing_stored()
    {
        var (_, hash) = await IssueAsync();
        var keys = Keys(3);
        await Exposure.PublishDiagnosisKeysAsync(hash, keys, Time.GetUtcNow(), Cancel);
        Assert.Equal(KeyUploadOutcome.AlreadyPublished, (await Exposure.PublishDiagnosisKeysAsync(hash, keys, Time.GetUtcNow(), Cancel)).Outcome);
        Assert.Equal(KeyUploadOutcome.UsedCode, (await Exposure.PublishDiagnosisKeysAsync(hash, Keys(3), Time.GetUtcNow(), Cancel)).Outcome);
        Assert.Equal(3, await PendingAsync());
    }

    [Fact]
    public async Task Given_an_unknown_code_When_keys_are_uploaded_Then_nothing_is_stored()
    {
        var result = await Exposure.PublishDiagnosisKeysAsync(SHA256.HashData("nope"u8), Keys(2), Time.GetUtcNow(), Cancel);
        Assert.Equal(KeyUploadOutcome.UnknownCode, result.Outcome);
        Assert.Equal(0, await PendingAsync());
    }

    [Fact]
    public async Task Given_an_expired_code_When_keys_are_uploaded_Then_nothing_is_stored_and_the_code_is_not_consumed()
    {
        var (_, hash) = await IssueAsync();
        Time.Advance(Hermes.Exposure.Options.CodeLifetime);
        var result = await Exposure.PublishDiagnosisKeysAsync(hash, Keys(2), Time.GetUtcNow(), Cancel);
        Assert.Equal(KeyUploadOutcome.ExpiredCode, result.Outcome);
        Assert.Equal(0, await PendingAsync());
        Assert.NotNull(await Exposure.FindVerificationCodeAsync(hash, Cancel));
    }

    [Fact]
    public async Task Given_a_key_published_before_When_uploaded_with_a_fresh_code_Then_the_upload_is_refused_naming_it_and_the_code_stays_usable()
    {
        var (_, first) = await IssueAsync();
        var keys = Keys(4);
        await Exposure.PublishDiagnosisKeysAsync(first, keys, Time.GetUtcNow(), Cancel);
        var (_, second) = await IssueAsync("w-other");
        var mixed = Keys(2);
        mixed.Add(keys[2]);
        var result = await Exposure.PublishDiagnosisKeysAsync(second, mixed, Time.GetUtcNow(), Cancel);
        Assert.Equal(KeyUploadOutcome.KeyAlreadyPublished, result.Outcome);
        Assert.Equal(2, result.KeyIndex);
        Assert.Equal(4, await PendingAsync());
        Assert.Equal(KeyUploadOutcome.Published, (await Exposure.PublishDiagnosisKeysAsync(second, mixed[..2], Time.GetUtcNow(), Cancel)).Outcome);
        Assert.Equal(6, await PendingAsync());
    }

    [Fact]
    public async Task Given_today_s_key_When_pending_keys_are_read_Then_it_waits_until_its_day_has_ended()
    {
        var (_, hash) = await IssueAsync();
        var keys = Keys(1);
        keys.Add(new DiagnosisKey(Block128.FromBytes(RandomNumberGenerator.GetBytes(16)), Today, 10, 4, ReportType.ConfirmedTest, null));
        await Exposure.PublishDiagnosisKeysAsync(hash, keys, Time.GetUtcNow(), Cancel);
        var now = EnInterval.FromTime(Time.GetUtcNow());
        Assert.Single(await Exposure.PendingDiagnosisKeysAsync(now, 100, Cancel));
        Assert.Equal(2, (await Exposure.PendingDiagnosisKeysAsync(Today + EnInterval.TekRollingPeriod, 100, Cancel)).Count);
    }

    [Fact]
    public async Task Given_pending_keys_When_published_Then_one_signed_export_holds_them_all_it_is_ledgered_and_they_are_no_longer_pending()
    {
        var (_, hash) = await IssueAsync();
        var keys = Keys(14);
        await Exposure.PublishDiagnosisKeysAsync(hash, keys, Time.GetUtcNow(), Cancel);
        long ledger = await Store.LedgerSizeAsync(Cancel);
        var exports = await Hermes.Exports.PublishAsync(Cancel);
        var export = Assert.Single(exports);
        Assert.Equal(14, export.KeyCount);
        Assert.Equal(0, await PendingAsync());
        Assert.Empty(await Hermes.Exports.PublishAsync(Cancel));
        var zip = await Exposure.ReadExportAsync(export.Id, Cancel);
        Assert.NotNull(zip);
        Assert.Equal(export.Sha256, ExportPublisher.Sha256(zip));
        var read = ExportArchive.Read(zip, "export");
        Assert.True(read.IsSignedBy(Hermes.ExportKeys.Ecdsa));
        Assert.Equal(keys.Select(k => k.KeyData.ToHex()).Order(StringComparer.Ordinal).ToList(), read.Export.Keys.Select(k => k.KeyData.ToHex()).ToList());
        Assert.Equal([export], await Exposure.ListExportsAsync(0, 10, Cancel));
        Assert.Empty(await Exposure.ListExportsAsync(export.Id, 10, Cancel));
        Assert.Null(await Exposure.ReadExportAsync(export.Id + 1, Cancel));
        if (Store is Ledger.ILedgerOutboxStore outbox)
        {
            await outbox.Sequencer.SequenceAsync(Cancel);
        }
        Assert.Equal(ledger + 1, await Store.LedgerSizeAsync(Cancel));
    }

    [Fact]
    public async Task Given_an_export_naming_a_key_that_is_not_pending_When_stored_Then_nothing_changes()
    {
        var (_, hash) = await IssueAsync();
        var keys = Keys(2);
        await Exposure.PublishDiagnosisKeysAsync(hash, keys, Time.GetUtcNow(), Cancel);
        var draft = new ExportDraft("ZZ", 0, 1, [1, 2, 3], [keys[0].KeyData, Block128.FromBytes(RandomNumberGenerator.GetBytes(16))], Time.GetUtcNow());
        await Assert.ThrowsAsync<InvalidOperationException>(() => Exposure.StoreExportAsync(draft, Cancel));
        Assert.Empty(await Exposure.ListExportsAsync(0, 10, Cancel));
        Assert.Equal(2, await PendingAsync());
    }

    [Fact]
    public async Task Notification_counts_add_up_per_region_and_day_and_a_resent_report_adds_nothing()
    {
        var day = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        var report = Guid.NewGuid();
        Assert.True(await Exposure.RecordNotificationsAsync(report, "DE-BY", day, 3, Cancel));
        Assert.False(await Exposure.RecordNotificationsAsync(report, "DE-BY", day, 3, Cancel));
        Assert.True(await Exposure.RecordNotificationsAsync(Guid.NewGuid(), "DE-BY", day, 2, Cancel));
        Assert.True(await Exposure.RecordNotificationsAsync(Guid.NewGuid(), "DE-BE", day.AddDays(-1), 1, Cancel));
        Assert.True(await Exposure.RecordNotificationsAsync(Guid.NewGuid(), "DE-BE", day.AddDays(-5), 7, Cancel));
        var counts = await Exposure.NotificationCountsAsync(day.AddDays(-1), day, Cancel);
        Assert.Equal([new NotificationCount("DE-BE", day.AddDays(-1), 1), new NotificationCount("DE-BY", day, 5)], counts);
    }

    [Fact]
    public async Task Codes_and_keys_survive_a_restart()
    {
        var (_, hash) = await IssueAsync();
        var (_, unused) = await IssueAsync();
        await Exposure.PublishDiagnosisKeysAsync(hash, Keys(5), Time.GetUtcNow(), Cancel);
        await RestartAsync();
        Assert.Equal(5, await PendingAsync());
        Assert.NotNull(await Exposure.FindVerificationCodeAsync(unused, Cancel));
        Assert.Equal(KeyUploadOutcome.UsedCode, (await Exposure.PublishDiagnosisKeysAsync(hash, Keys(1), Time.GetUtcNow(), Cancel)).Outcome);
    }
}
