using Care.Clinical.EarlyWarning;
using Care.Hermes.Alerts;
using Care.Hermes.Storage;

namespace Care.Hermes.Tests.Alerts;

public sealed class AlertSuppressionTests
{
    private static readonly DateTimeOffset T = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_first_acknowledgement_opens_a_window_at_its_level_until_its_end()
    {
        var window = AlertSuppression.Extend(null, T.AddHours(4), News2Level.Medium);
        Assert.Equal(new AlertSuppression(T.AddHours(4), News2Level.Medium), window);
        Assert.True(window.Suppresses(T.AddHours(1), News2Level.LowMedium));
        Assert.True(window.Suppresses(T.AddHours(1), News2Level.Medium));
        Assert.False(window.Suppresses(T.AddHours(1), News2Level.High));
        Assert.False(window.Suppresses(T.AddHours(4), News2Level.Low));
    }

    [Fact]
    public void A_window_only_grows_later_end_and_higher_level_win()
    {
        var current = new AlertSuppression(T.AddHours(6), News2Level.High);
        Assert.Equal(new AlertSuppression(T.AddHours(6), News2Level.High), AlertSuppression.Extend(current, T.AddHours(4), News2Level.LowMedium));
        Assert.Equal(new AlertSuppression(T.AddHours(8), News2Level.High), AlertSuppression.Extend(current, T.AddHours(8), News2Level.Medium));
    }

    [Fact]
    public void News2_and_model_windows_are_read_separately()
    {
        var wearer = new WearerIngestState(null, null, T.AddHours(1), News2Level.Medium) { ModelSuppressUntil = T.AddHours(2), ModelSuppressLevel = News2Level.High };
        Assert.Equal(new AlertSuppression(T.AddHours(1), News2Level.Medium), AlertSuppression.Current(wearer, AlertKind.News2));
        Assert.Equal(new AlertSuppression(T.AddHours(2), News2Level.High), AlertSuppression.Current(wearer, AlertKind.SepsisModel));
        Assert.Null(AlertSuppression.Current(new WearerIngestState(null, null), AlertKind.News2));
    }
}
