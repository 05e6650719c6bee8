package io.rootwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * Seeded random damage to every sample's CloudTrail record: in each round, one to four fields at
 * any depth are removed or replaced by one of the given values. The same seed gives the same records.
 */
public final class SampleMutations {
    private SampleMutations() {
    }

    /** Hands each mutated record, with the sample it came from, to {@code check}: {@code rounds} per sample. */
    public static void forEach(long seed, int rounds, List<JsonNode> replacements, BiConsumer<EventSamples.Sample, ObjectNode> check) {
        Random random = new Random(seed);
        for (EventSamples.Sample sample : EventSamples.all()) {
            for (int round = 0; round < rounds; round++) {
                ObjectNode record = (ObjectNode) sample.record();
                List<ObjectNode> containers = new ArrayList<>();
                collect(record, containers);
                for (int mutation = 0; mutation < 1 + random.nextInt(4); mutation++) {
                    ObjectNode target = containers.get(random.nextInt(containers.size()));
                    List<String> fields = new ArrayList<>();
                    target.fieldNames().forEachRemaining(fields::add);
                    if (!fields.isEmpty()) {
                        String field = fields.get(random.nextInt(fields.size()));
                        if (random.nextInt(5) == 0) {
                            target.remove(field);
                        } else {
                            target.set(field, replacements.get(random.nextInt(replacements.size())));
                        }
                    }
                }
                check.accept(sample, record);
            }
        }
    }

    private static void collect(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
            object.elements().forEachRemaining(child -> collect(child, into));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> collect(child, into));
        }
    }
}
