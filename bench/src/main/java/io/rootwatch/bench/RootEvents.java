package io.rootwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Distinct variants of one sample EventBridge envelope, so that each really is a new event for the
 * detector: a fresh {@code detail.eventID} (and envelope {@code id}), a distinct
 * {@code detail.sourceIPAddress} (198.18.0.0/15, the range set aside for benchmarks: each variant
 * opens its own root session, so every one of them takes the full path: record, publish, mark
 * sent), and event times one second apart (so later sign-ins are later, as in life).
 */
public final class RootEvents {
    /** The sample the Lambda benchmarks replay by default: a root console sign-in without MFA (CRITICAL, always alerted). */
    public static final String DEFAULT_SAMPLE = "signin-root-success-no-mfa.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RootEvents() {
    }

    /** {@code count} variants of the envelope in {@code sample}, numbered from {@code first}. */
    public static List<String> variants(Path sample, int first, int count, Instant firstTime) {
        ObjectNode envelope;
        try {
            envelope = (ObjectNode) MAPPER.readTree(Files.readString(sample));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sample, e);
        }
        if (!(envelope.get("detail") instanceof ObjectNode)) {
            throw new IllegalArgumentException(sample + " is not an EventBridge envelope (no detail object)");
        }
        List<String> variants = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            ObjectNode copy = envelope.deepCopy();
            ObjectNode detail = (ObjectNode) copy.get("detail");
            String time = firstTime.plusSeconds(i - first).toString();
            copy.put("id", UUID.randomUUID().toString());
            copy.put("time", time);
            detail.put("eventID", UUID.randomUUID().toString());
            detail.put("eventTime", time);
            detail.put("sourceIPAddress", ip(i));
            try {
                variants.add(MAPPER.writeValueAsString(copy));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return variants;
    }

    /** The i-th address of 198.18.0.0/15 (131,072 of them), skipping .0 and .255 for readability. */
    public static String ip(int i) {
        int host = i % 254 + 1;
        int net = i / 254;
        return "198." + (18 + net / 256) + "." + net % 256 + "." + host;
    }

    public static String eventId(String envelope) {
        try {
            JsonNode node = MAPPER.readTree(envelope);
            return node.path("detail").path("eventID").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
