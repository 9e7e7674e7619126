package org.fdipulse.topology;

import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fdipulse.avro.Alert;
import org.fdipulse.avro.AlertState;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.keys.AlertKey;
import org.fdipulse.keys.ScopeQuarter;
import org.fdipulse.rules.AlertRules;
import org.fdipulse.rules.Quarter;

/**
 * R9 in the rollup: evaluates the alert rules on a scope's published share records and writes an {@link Alert} only
 * when a rule's state changes. The state of every alert lives in a changelogged store written in the same
 * transaction as the alert record, so a replay after a crash finds the state it already wrote and writes nothing
 * twice. A key with no record counts as RESOLVED: a rule that has never fired writes nothing when it does not hold.
 */
final class AlertTransitions {

    /**
     * The current state of every alert that has ever fired, keyed {@code scope|quarter|rule} (not the topic's
     * {@code rule|scope|quarter}): partitioned by scope like every store of the rollup, and scanned by scope and
     * quarter prefix for {@code GET /api/v1/alerts}.
     */
    static final String STORE = "alerts-state";

    private final AlertRules rules;
    private final KeyValueStore<String, Alert> states;

    AlertTransitions(AlertRules rules, KeyValueStore<String, Alert> states) {
        this.rules = rules;
        this.states = states;
    }

    /**
     * Evaluates every rule for the share record {@code share}, with {@code previous} the record of the quarter before
     * (null when it has none), and hands each change of state to {@code written}.
     *
     * @param changedAt the timestamp of the publication that prompted the evaluation: the newest input behind it
     */
    void evaluate(ServicesShare share, ServicesShare previous, long changedAt, Consumer<Alert> written) {
        var published = new AlertRules.Published(share.getServicesShare(), share.getYtd().getTotalYoy(),
                previous == null ? null : previous.getServicesShare());
        for (AlertRules.Evaluation evaluation : rules.evaluate(published)) {
            String alertKey = new AlertKey(evaluation.rule(), share.getScope(), share.getQuarter()).storeKey();
            Alert current = states.get(alertKey);
            boolean wasFiring = current != null && current.getState() == AlertState.FIRING;
            if (evaluation.firing() != wasFiring) {
                Alert changed = OutputRecords.alert(share.getScope(), share.getQuarter(), evaluation, changedAt);
                states.put(alertKey, changed);
                written.accept(changed);
            }
        }
    }

    static String previousQuarterKey(String scope, Quarter quarter) {
        return new ScopeQuarter(scope, quarter.plus(-1).toString()).encode();
    }
}
