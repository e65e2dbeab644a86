using Care.Core.Ids;
using Care.Trust.Bundles;
using Care.Trust.Identity;
using Npgsql;

namespace Care.Hermes.Storage.Postgres;

/// <summary>Registered device identities, read from the <c>devices</c> table. Thread safe.</summary>
internal sealed class PostgresDeviceDirectory(NpgsqlDataSource data) : IDeviceDirectory
{
    public DeviceRegistration? Find(string deviceId)
    {
        using var command = data.CreateCommand("SELECT public_key, revoked_ms, wearer, retired_ms FROM devices WHERE id = $1");
        command.Parameters.AddWithValue(deviceId);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new DeviceRegistration(deviceId, HybridVerificationKey.Import((byte[])reader[0]), Revoked: !reader.IsDBNull(1))
            {
                Wearer = reader.IsDBNull(2) ? null : WearerId.Parse(reader.GetString(2)),
                Retired = !reader.IsDBNull(3),
            }
            : null;
    }
}
