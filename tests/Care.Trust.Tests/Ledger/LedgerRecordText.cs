using Care.Trust.Ledger;

namespace Care.Trust.Tests.Ledger;

internal static class LedgerRecordText
{
    public static string EntryTextReplace(this LedgerRecord record, string from, string to)
    {
        var text = System.Text.Encoding.UTF8.GetString(record.Data);
        Assert.Contains(from, text, StringComparison.Ordinal);
        return text.Replace(from, to, StringComparison.Ordinal);
    }
}
