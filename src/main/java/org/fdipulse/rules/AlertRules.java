package org.fdipulse.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.fdipulse.model.Ratio;
import java.util.function.Predicate;

/**
 * R9: the three alert rules, evaluated on the published (rounded) share figures of one scope and quarter. Each
 * compares strictly, and a null figure never satisfies a condition: a quarter without investment raises nothing.
 */
public final class AlertRules {

    /** The quarter's services share is below the programme's "over 70 percent" benchmark. */
    public static final String SERVICES_SHARE_BELOW = "services-share-below";
    /** The year-to-date total has fallen more than the threshold on a year earlier. */
    public static final String YTD_YOY_BELOW = "ytd-yoy-below";
    /** The services share moved by more than the threshold from the quarter before. */
    public static final String SHARE_SWING_ABOVE = "share-swing-above";
    public static final List<String> RULES = List.of(SERVICES_SHARE_BELOW, YTD_YOY_BELOW, SHARE_SWING_ABOVE);

    private static final Map<String, BigDecimal> DEFAULT_THRESHOLDS = Map.of(
            SERVICES_SHARE_BELOW, new BigDecimal("0.7000"),
            YTD_YOY_BELOW, new BigDecimal("-0.1000"),
            SHARE_SWING_ABOVE, new BigDecimal("0.1000"));

    /** The figures one rule looks at: the share record of the quarter, and that of the quarter before (or null). */
    public record Published(BigDecimal servicesShare, BigDecimal ytdTotalYoy, BigDecimal previousServicesShare) {
    }

    /** What a rule decided: whether its condition holds, the figure that decided (maybe null), and its threshold. */
    public record Evaluation(String rule, boolean firing, BigDecimal value, BigDecimal threshold) {
    }

    private final Map<String, BigDecimal> thresholds;

    public AlertRules(Map<String, BigDecimal> thresholds) {
        this.thresholds = Map.copyOf(thresholds);
    }

    /** {@code fdi.alerts.<rule>.threshold} for each rule, the defaults of R9 for those not set. */
    public static AlertRules from(Properties props) {
        return new AlertRules(Map.of(
                SERVICES_SHARE_BELOW, threshold(props, SERVICES_SHARE_BELOW),
                YTD_YOY_BELOW, threshold(props, YTD_YOY_BELOW),
                SHARE_SWING_ABOVE, threshold(props, SHARE_SWING_ABOVE)));
    }

    public BigDecimal threshold(String rule) {
        return thresholds.get(rule);
    }

    public List<Evaluation> evaluate(Published figures) {
        BigDecimal swing = figures.servicesShare() == null || figures.previousServicesShare() == null ? null
                : figures.servicesShare().subtract(figures.previousServicesShare()).abs();
        return List.of(
                below(SERVICES_SHARE_BELOW, figures.servicesShare()),
                below(YTD_YOY_BELOW, figures.ytdTotalYoy()),
                decide(SHARE_SWING_ABOVE, swing, value -> value.compareTo(threshold(SHARE_SWING_ABOVE)) > 0));
    }

    private Evaluation below(String rule, BigDecimal value) {
        return decide(rule, value, v -> v.compareTo(threshold(rule)) < 0);
    }

    private Evaluation decide(String rule, BigDecimal value, Predicate<BigDecimal> condition) {
        return new Evaluation(rule, value != null && condition.test(value), value, threshold(rule));
    }

    private static BigDecimal threshold(Properties props, String rule) {
        String key = "fdi.alerts." + rule + ".threshold";
        String text = props.getProperty(key);
        if (text == null || text.isBlank()) {
            return DEFAULT_THRESHOLDS.get(rule);
        }
        try {
            BigDecimal value = new BigDecimal(text.trim());
            if (value.scale() > Ratio.SCALE) {
                throw new IllegalArgumentException(key + "=" + text + " has more than " + Ratio.SCALE
                        + " decimals; the figures it is compared with are rounded to " + Ratio.SCALE);
            }
            return value.setScale(Ratio.SCALE);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + text + " is not a decimal number; e.g. "
                    + DEFAULT_THRESHOLDS.get(rule).toPlainString(), e);
        }
    }
}
