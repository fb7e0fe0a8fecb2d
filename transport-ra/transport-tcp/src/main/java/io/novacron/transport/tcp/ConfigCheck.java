package io.novacron.transport.tcp;

/** The one-line configuration error every {@code validate()} of this package throws. */
final class ConfigCheck {

    private ConfigCheck() {
    }

    static void require(boolean ok, String scope, String setting, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException(scope + ": " + setting + "=" + value + " is invalid; allowed: " + allowed);
        }
    }
}
