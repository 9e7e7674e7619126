package org.fdipulse.keys;

/**
 * {@code CUR|validFrom}: a rate in the job's rate book.
 *
 * @param sortableValidFrom the instant written so that string order is time order
 */
public record RateKey(String currency, String sortableValidFrom) {

    public String encode() {
        return KeyFormat.join(currency, sortableValidFrom);
    }
}
