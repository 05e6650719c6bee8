package io.rootwatch.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A moto_server process on 127.0.0.1 and a free port, ready when {@code GET /moto-api/} answers
 * 200. Shared by the tests (through {@link MotoServer}) and the benchmarks.
 */
public final class MotoProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;
    private final Duration startup;

    private MotoProcess(Process process, int port, Path log, Duration startup) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.startup = startup;
    }

    public static MotoProcess start() throws IOException, InterruptedException {
        int port = freePort();
        Path log = Files.createTempFile("moto-server-", ".log");
        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("moto_server is not on PATH: install it with pip install \"moto[server]\"", e);
        }
        long deadline = started + TimeUnit.SECONDS.toNanos(30);
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        while (!answers(endpoint)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("moto_server did not start on port " + port + ": " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return new MotoProcess(process, port, log, Duration.ofNanos(System.nanoTime() - started));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    /** From the start of the process to its first 200 on /moto-api/. */
    public Duration startup() {
        return startup;
    }

    /** Forgets every resource: a test starts from an empty account. */
    public void reset() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) endpoint().resolve("/moto-api/reset").toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.getResponseCode();
        connection.disconnect();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }

    private static boolean answers(URI endpoint) {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
            connection.setConnectTimeout(200);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
