using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Mbim.Messages;

/// <summary>
/// The one engine that writes and reads every declared information buffer (MBIM 1.0 §10.3;
/// docs/mbim-declarations.md). A buffer (and every struct inside it) is a fixed part followed by
/// variable data:
/// <code>
/// +----------------------------------------+-------------------------------------------+
/// | fixed part: integers, UUIDs, inline    | variable data: strings (UTF-16LE), arrays |
/// | arrays, and (offset, size) pairs ------+-> referenced by offset, each item 4-byte  |
/// |                                        |   aligned and zero-padded                 |
/// +----------------------------------------+-------------------------------------------+
/// </code>
/// Offsets count from the start of the struct that holds them: the information buffer for its own
/// fields, the element for a field inside a ref-struct-array element (libmbim reads them this way,
/// src/libmbim-glib/mbim-message.c _mbim_message_read_string, commit 2f6c6ad).
/// Encoding is canonical, so decoding and re-encoding a canonical buffer gives the same bytes:
/// fixed part in field order, then variable data in field order; an empty string or array is
/// offset 0, size 0.
/// </summary>
public static class MbimInformationBuffer
{
    /// <summary>Encodes field values into an information buffer.</summary>
    /// <exception cref="ArgumentException">A field is missing, has the wrong kind of value, or does not fit its format; the message names it.</exception>
    public static byte[] Encode(IReadOnlyList<MbimFieldDeclaration> layout, IReadOnlyList<QmiField> fields)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(fields);
        return MbimBufferWriter.WriteStruct(layout, fields, "information buffer");
    }

    /// <summary>Decodes an information buffer into field values (array size fields included, absent references left out).</summary>
    /// <param name="layout">The declared fields of this message kind.</param>
    /// <param name="buffer">The information buffer.</param>
    /// <param name="where">Names the message in errors ("basic-connect Connect response").</param>
    /// <exception cref="MbimProtocolException">An offset or size points outside the buffer, a UTF-16 string has an odd length, the buffer is truncated, or a count cannot fit.</exception>
    public static IReadOnlyList<QmiField> Decode(IReadOnlyList<MbimFieldDeclaration> layout, ReadOnlySpan<byte> buffer, string where)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new MbimBufferReader(buffer, where).ReadStruct(layout, 0, buffer.Length, where, out _);
    }
}
