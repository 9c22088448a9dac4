using System.Text.Json;
using System.Text.Json.Serialization;

namespace WwanDaemon.Modem.ConnectionProfiles;

/// <summary>
/// The connection profiles, persisted as STATE/profiles.json. Writes are atomic (a temporary file in
/// the same directory, flushed to disk, then renamed over the old one), so a crash or power cut leaves
/// either the old or the new file, never half of one. A profile that fails validation is refused with
/// every problem named and the stored set is left as it was.
/// </summary>
public sealed class ProfileStore
{
    private readonly string path;
    private readonly Lock gate = new();
    private List<ConnectionProfile> profiles;

    private ProfileStore(string path, List<ConnectionProfile> profiles)
    {
        this.path = path;
        this.profiles = profiles;
    }

    /// <summary>STATE/profiles.json.</summary>
    public string FilePath => path;

    /// <summary>Loads STATE/profiles.json; a missing file is an empty store.</summary>
    /// <exception cref="ProfileStoreException">The file is unreadable or malformed, or holds an invalid profile; the message names the file and the fix.</exception>
    public static ProfileStore Open(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, "profiles.json");
        if (!File.Exists(path))
        {
            return new ProfileStore(path, []);
        }
        List<ConnectionProfile>? loaded;
        try
        {
            loaded = JsonSerializer.Deserialize(File.ReadAllText(path), ProfileJson.Default.ListConnectionProfile);
        }
        catch (JsonException error)
        {
            throw new ProfileStoreException($"{path}: not a valid profile list ({error.Message}); fix the file or move it away to start with no profiles", error);
        }
        catch (IOException error)
        {
            throw new ProfileStoreException($"{path}: could not be read: {error.Message}", error);
        }
        var store = new ProfileStore(path, loaded ?? []);
        foreach (var profile in store.profiles)
        {
            if (ProfileValidation.Problems(profile) is { Count: > 0 } problems)
            {
                throw new ProfileStoreException($"{path}: profile '{ProfileValidation.Printable(profile.Name)}' is invalid: {string.Join("; ", problems)}");
            }
        }
        if (store.profiles.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ProfileStoreException($"{path}: the profile name '{twice.Key}' is used {twice.Count()} times; names must be unique");
        }
        return store;
    }

    public IReadOnlyList<ConnectionProfile> All
    {
        get
        {
            lock (gate)
            {
                return profiles.ToArray();
            }
        }
    }

    /// <summary>
    /// The profile for a modem: one naming its IMEI, else one naming its SIM's ICCID, else the one
    /// naming neither (the default). Null when none applies.
    /// </summary>
    public ConnectionProfile? Match(string? imei, string? iccid)
    {
        var all = All;
        return all.FirstOrDefault(p => p.Imei is not null && p.Imei == imei)
            ?? all.FirstOrDefault(p => p.Iccid is not null && iccid is not null && iccid.StartsWith(p.Iccid, StringComparison.OrdinalIgnoreCase))
            ?? all.FirstOrDefault(p => p.Imei is null && p.Iccid is null);
    }

    /// <summary>Adds or replaces (by name) a profile and writes the file.</summary>
    /// <exception cref="ProfileStoreException">The profile is invalid (nothing changes) or the file cannot be written (nothing changes).</exception>
    public void Save(ConnectionProfile profile)
    {
        if (ProfileValidation.Problems(profile) is { Count: > 0 } problems)
        {
            throw new ProfileStoreException($"profile '{ProfileValidation.Printable(profile.Name)}' was not saved: {string.Join("; ", problems)}");
        }
        lock (gate)
        {
            var next = profiles.Where(p => p.Name != profile.Name).Append(profile).ToList();
            Write(next);
            profiles = next;
        }
    }

    /// <summary>Removes a profile by name; false when there was none.</summary>
    public bool Remove(string name)
    {
        lock (gate)
        {
            var next = profiles.Where(p => p.Name != name).ToList();
            if (next.Count == profiles.Count)
            {
                return false;
            }
            Write(next);
            profiles = next;
            return true;
        }
    }

    private void Write(List<ConnectionProfile> next)
    {
        var directory = Path.GetDirectoryName(path)!;
        var temporary = Path.Combine(directory, $".profiles.json.{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(file, next, ProfileJson.Default.ListConnectionProfile);
                file.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite); // PINs and passwords: owner only
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new ProfileStoreException($"{path}: could not be written ({error.Message}); the profiles were not changed. Is the state directory writable?", error);
        }
    }
}

/// <summary>The profile store refused a file or a change; the message names the file or the field and the fix.</summary>
public sealed class ProfileStoreException(string message, Exception? inner = null) : Exception(message, inner);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(List<ConnectionProfile>))]
internal sealed partial class ProfileJson : JsonSerializerContext;
