using WwanDaemon.Linux.Terminals;

namespace WwanDaemon.Linux.Tests;

public class PseudoTerminalTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The slave as a client opens it: by path, unbuffered, blocking reads.</summary>
    internal static FileStream OpenClient(string path) =>
        new(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);

    // A blocking read on the slave cannot be cancelled; bound it so a failure fails instead of hanging.
    // (Disposing the terminal afterwards ends a read left behind.)
    internal static async Task<byte[]> ReadClientAsync(FileStream client, int count)
    {
        var buffer = new byte[count];
        await Task.Run(() => client.ReadExactly(buffer)).WaitAsync(Timeout);
        return buffer;
    }

    private static async Task<byte[]> ReadMasterAsync(PseudoTerminal terminal, int count)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var buffer = new byte[count];
        await terminal.Master.ReadExactlyAsync(buffer, timeout.Token);
        return buffer;
    }

    [Fact]
    public void Open_SlavePath_IsAPtsDevice()
    {
        using var terminal = PseudoTerminal.Open();

        Assert.StartsWith("/dev/pts/", terminal.SlavePath);
        Assert.True(File.Exists(terminal.SlavePath));
        Assert.True(terminal.Master.CanRead && terminal.Master.CanWrite && !terminal.Master.CanSeek);
    }

    [Fact]
    public async Task RoundTrip_MasterToSlaveAndBack_BytesArrive()
    {
        using var terminal = PseudoTerminal.Open();
        using var client = OpenClient(terminal.SlavePath);

        await terminal.Master.WriteAsync("AT+CGMI\r"u8.ToArray());
        Assert.Equal("AT+CGMI\r"u8.ToArray(), await ReadClientAsync(client, 8));

        client.Write("\r\nOK\r\n"u8);
        Assert.Equal("\r\nOK\r\n"u8.ToArray(), await ReadMasterAsync(terminal, 6));
    }

    [Fact]
    public async Task RawMode_EveryByteValueBothWays_PassesUnchangedWithoutEcho()
    {
        // 0x03 (^C), 0x04 (^D), 0x0d (CR), 0x11/0x13 (XON/XOFF), 0x7f (DEL): what a cooked tty would eat or rewrite.
        var all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        using var terminal = PseudoTerminal.Open();
        using var client = OpenClient(terminal.SlavePath);

        await terminal.Master.WriteAsync(all);
        Assert.Equal(all, await ReadClientAsync(client, all.Length));

        client.Write(all);
        Assert.Equal(all, await ReadMasterAsync(terminal, all.Length));

        // No echo: after both transfers nothing more is waiting on the master (a cooked tty would echo
        // the first 256 bytes back, and turn the client's LF into CR LF).
        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => terminal.Master.ReadAsync(new byte[1], quiet.Token).AsTask());
    }

    [Fact]
    public async Task Client_OpensAndClosesTwice_MasterKeepsWorking()
    {
        using var terminal = PseudoTerminal.Open();
        for (var round = 0; round < 2; round++)
        {
            using (var client = OpenClient(terminal.SlavePath))
            {
                client.Write([0x01, (byte)round]);
                Assert.Equal([0x01, (byte)round], await ReadMasterAsync(terminal, 2));
                await terminal.Master.WriteAsync(new byte[] { 0x02, (byte)round });
                Assert.Equal([0x02, (byte)round], await ReadClientAsync(client, 2));
            }
            // The client is gone; our own slave descriptor keeps the master from hanging up, and what
            // the device writes meanwhile waits for the next client.
            await terminal.Master.WriteAsync(new byte[] { 0x7e });
            using var next = OpenClient(terminal.SlavePath);
            Assert.Equal([0x7e], await ReadClientAsync(next, 1));
        }
    }

    [Fact]
    public async Task ReadAsync_Cancelled_ThrowsAndTheStreamStillReads()
    {
        using var terminal = PseudoTerminal.Open();
        using var client = OpenClient(terminal.SlavePath);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => terminal.Master.ReadAsync(new byte[16], cancel.Token).AsTask());

        client.Write([0x55]);
        Assert.Equal([0x55], await ReadMasterAsync(terminal, 1));
    }

    [Fact]
    public async Task Dispose_WhileReading_EndsTheReadAtEndOfStream()
    {
        var terminal = PseudoTerminal.Open();
        var read = terminal.Master.ReadAsync(new byte[16]).AsTask();

        terminal.Dispose();

        Assert.Equal(0, await read.WaitAsync(Timeout));
        Assert.False(terminal.Master.CanRead);
    }

    [Fact]
    public async Task Master_LargeWrite_ArrivesWhole()
    {
        // More than one 4 KiB reader chunk and more than the channel holds, so reads span chunks.
        var data = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        using var terminal = PseudoTerminal.Open();
        using var client = OpenClient(terminal.SlavePath);

        var writing = Task.Run(() => client.Write(data));
        Assert.Equal(data, await ReadMasterAsync(terminal, data.Length));
        await writing.WaitAsync(Timeout);
    }
}
