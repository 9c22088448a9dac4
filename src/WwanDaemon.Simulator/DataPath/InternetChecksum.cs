namespace WwanDaemon.Simulator.DataPath;

/// <summary>
/// The Internet checksum (RFC 1071 §1, §4.1): the 16-bit one's complement of the one's complement sum
/// of the data taken as big-endian 16-bit words, an odd last byte padded with a zero byte. Summing
/// data that already holds a correct checksum gives 0xFFFF, so <see cref="Compute"/> returns 0 for it.
/// </summary>
public static class InternetChecksum
{
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += (uint)(data[i] << 8 | data[i + 1]);
        }
        if (i < data.Length)
        {
            sum += (uint)(data[i] << 8);
        }
        // Fold the carries back in (end-around carry, RFC 1071 §2 (B)).
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (ushort)~sum;
    }

    /// <summary>True when <paramref name="data"/>, checksum field included, sums to all ones.</summary>
    public static bool IsValid(ReadOnlySpan<byte> data) => Compute(data) == 0;
}
