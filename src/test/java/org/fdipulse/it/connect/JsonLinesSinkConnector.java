package org.fdipulse.it.connect;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * A sink connector written against the Connect API, as a user would write one: every record, as the worker's
 * converter made it, goes to a file as one JSON line {@code {"key": K, "value": V}}. Setting {@code file}.
 */
public final class JsonLinesSinkConnector extends SinkConnector {

    static final String FILE = "file";
    private Map<String, String> config;

    @Override
    public void start(Map<String, String> props) {
        config = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JsonLinesSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(config);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef().define(FILE, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "the file to append to");
    }

    @Override
    public String version() {
        return "1";
    }
}
