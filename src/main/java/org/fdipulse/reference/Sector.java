package org.fdipulse.reference;

/** A section of GB/T 4754-2017; {@code services} marks the tertiary industry (sections F to T). */
public record Sector(String letter, boolean services, String name) {
}
