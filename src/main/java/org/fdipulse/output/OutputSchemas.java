package org.fdipulse.output;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.fdipulse.serde.registry.SchemaRegistryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output schemas in the schema registry, for {@code fdi.output.format=confluent-avro} (contract section 11):
 * checked at start against each subject {@code <topic>-value} (TopicNameStrategy), then registered there
 * ({@code auto.register.schemas=true}, the default) or found there ({@code false}). A registry that calls a schema
 * incompatible, or a schema it does not hold when the job may not register it, stops the start, naming the subject:
 * records the registry's consumers could not read must never be written.
 */
public final class OutputSchemas {

    private static final Logger LOG = LoggerFactory.getLogger(OutputSchemas.class);

    private OutputSchemas() {
    }

    /** The subject of a topic's values. */
    public static String subject(String topic) {
        return topic + "-value";
    }

    /**
     * Checks and registers (or finds) the schema of every output topic, waiting while the registry gives no answer.
     *
     * @param topics each output and the topic it is written to
     * @throws IllegalStateException naming every subject that refuses its schema
     */
    public static void prepare(SchemaRegistryClient registry, java.util.Map<OutputTopic<?>, String> topics) {
        List<String> refusals = new ArrayList<>();
        topics.forEach((output, topic) -> {
            Schema schema = output.schema();
            String subject = subject(topic);
            if (!registry.untilAvailable(() -> registry.isCompatible(subject, schema))) {
                refusals.add("the schema registry finds the schema of " + schema.getName() + " incompatible with the latest "
                        + "version of subject " + subject + "; write the topic under another name (fdi.topic."
                        + output.role() + "), or change the subject's compatibility setting if the break is intended");
                return;
            }
            try {
                int id = registry.untilAvailable(() -> idOf(registry, topic, schema));
                LOG.info("Output topic {} is written with schema id {} of subject {}", topic, id, subject);
            } catch (IllegalStateException | org.fdipulse.serde.registry.IncompatibleSchemaException e) {
                refusals.add(e.getMessage());
            }
        });
        if (!refusals.isEmpty()) {
            throw new IllegalStateException(String.join("\n", refusals));
        }
    }

    /** The schema's id under the topic's subject: registered, or (with auto.register.schemas=false) looked up. */
    static int idOf(SchemaRegistryClient registry, String topic, Schema schema) {
        String subject = subject(topic);
        if (registry.settings().autoRegister()) {
            return registry.register(subject, schema);
        }
        return registry.lookup(subject, schema).orElseThrow(() -> new IllegalStateException("subject " + subject
                + " of the schema registry does not hold the schema of " + schema.getName() + ", and "
                + "auto.register.schemas=false forbids the job to register it; register it, or allow the job to"));
    }
}
