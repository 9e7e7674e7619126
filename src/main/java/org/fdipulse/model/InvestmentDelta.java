package org.fdipulse.model;

/** One counted investment entering ({@code retracted} false) or leaving a scope's figures (R3 retraction, R4). */
public record InvestmentDelta(AcceptedInvestment investment, boolean retracted) {
}
