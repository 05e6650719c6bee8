package io.rootwatch.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The detector's settings, read once from environment variables, with defaults for all but the
 * table and the topic. A missing or malformed variable fails the start with a message naming it.
 *
 * @param topicArn the alert topic; absent only for {@link #forRecordingOnly recording without alerts}
 * @param homeAccount the account whose daily self-test counts as the heartbeat (any, when not set)
 * @param alertLease how long one delivery holds an alert while publishing it; shorter than the
 *                   queue's visibility timeout, so a redelivery after a crash finds it free
 */
public record DetectorConfig(String tableName, Optional<String> topicArn, Duration retention, Map<String, String> accountNames,
                             boolean organizationsLookup, Optional<String> homeAccount, Duration sessionWindow,
                             int signInFailureThreshold, Duration signInFailureWindow, Duration alertLease) {
    public static final String TABLE = "ROOTWATCH_TABLE_NAME";
    public static final String TOPIC = "ROOTWATCH_TOPIC_ARN";
    public static final String RETENTION_DAYS = "ROOTWATCH_RETENTION_DAYS";
    public static final String ACCOUNT_NAMES = "ROOTWATCH_ACCOUNT_NAMES";
    public static final String ORGANIZATIONS_LOOKUP = "ROOTWATCH_ORGANIZATIONS_LOOKUP";
    public static final String HOME_ACCOUNT = "ROOTWATCH_HOME_ACCOUNT";
    public static final String SESSION_WINDOW_MINUTES = "ROOTWATCH_SESSION_WINDOW_MINUTES";
    public static final String FAILURE_THRESHOLD = "ROOTWATCH_SIGNIN_FAILURE_THRESHOLD";
    public static final String FAILURE_WINDOW_MINUTES = "ROOTWATCH_SIGNIN_FAILURE_WINDOW_MINUTES";
    public static final String ALERT_LEASE_SECONDS = "ROOTWATCH_ALERT_LEASE_SECONDS";

    public DetectorConfig {
        accountNames = Map.copyOf(accountNames);
    }

    /** A setting that is missing or malformed; its message names the variable. */
    public static final class InvalidConfiguration extends RuntimeException {
        InvalidConfiguration(String message) {
            super(message);
        }
    }

    /** The detector's settings: the table and the alert topic are required. */
    public static DetectorConfig fromEnvironment(Map<String, String> env) {
        return read(env, Optional.of(required(env, TOPIC)));
    }

    /** Settings for recording events without alerting them (a backfill): no topic is read. */
    public static DetectorConfig forRecordingOnly(Map<String, String> env) {
        return read(env, Optional.empty());
    }

    private static DetectorConfig read(Map<String, String> env, Optional<String> topicArn) {
        return new DetectorConfig(
                required(env, TABLE),
                topicArn,
                Duration.ofDays(number(env, RETENTION_DAYS, 400, 0, 36_500)),
                accountNames(env),
                parsed(env, ORGANIZATIONS_LOOKUP, false, DetectorConfig::bool, "true or false"),
                parsed(env, HOME_ACCOUNT, Optional.<String>empty(), DetectorConfig::accountId, "a 12-digit account id"),
                Duration.ofMinutes(number(env, SESSION_WINDOW_MINUTES, 30, 1, 24 * 60)),
                number(env, FAILURE_THRESHOLD, 5, 2, 1_000),
                Duration.ofMinutes(number(env, FAILURE_WINDOW_MINUTES, 15, 1, 24 * 60)),
                Duration.ofSeconds(number(env, ALERT_LEASE_SECONDS, 120, 10, 3_600)));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new InvalidConfiguration("environment variable " + name + " is required and not set");
        }
        return value.trim();
    }

    private static int number(Map<String, String> env, String name, int defaultValue, int min, int max) {
        return parsed(env, name, defaultValue, text -> {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        }, "a whole number from " + min + " to " + max);
    }

    private static Optional<String> accountId(String text) {
        if (!text.matches("[0-9]{12}")) {
            throw new IllegalArgumentException(text);
        }
        return Optional.of(text);
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(text);
        };
    }

    /** {"111122223333": "prod-payments", ...}: names for accounts, so alerts say which account in words. */
    private static Map<String, String> accountNames(Map<String, String> env) {
        return parsed(env, ACCOUNT_NAMES, Map.of(), text -> {
            JsonNode json;
            try {
                json = new ObjectMapper().readTree(text);
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
            if (!json.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            Map<String, String> names = new LinkedHashMap<>();
            json.properties().forEach(entry -> {
                if (!entry.getKey().matches("[0-9]{12}") || !entry.getValue().isTextual()) {
                    throw new IllegalArgumentException("bad entry " + entry.getKey());
                }
                names.put(entry.getKey(), entry.getValue().textValue());
            });
            return names;
        }, "a JSON object from 12-digit account ids to names, e.g. {\"111122223333\":\"prod-payments\"}");
    }

    private static <T> T parsed(Map<String, String> env, String name, T defaultValue, Function<String, T> parse, String expected) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            return parse.apply(text.trim());
        } catch (RuntimeException e) {
            throw new InvalidConfiguration("environment variable " + name + " must be " + expected + ", got: " + text);
        }
    }
}
