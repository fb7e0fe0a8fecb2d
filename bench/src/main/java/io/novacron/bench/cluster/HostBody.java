package io.novacron.bench.cluster;

/**
 * The JSON body of write {@code n} of a run: a host registration whose name is unique per run and per write, with
 * a valid IPv4 address, so every write is a real insert the server must validate, store and replicate (a name seen
 * before would be a 409, which is not the path being measured). Pure.
 *
 * <p>The address is only data stored in the host record; nothing connects to it.
 */
public final class HostBody {

    /** Usable last octets 1..254: avoids the network and broadcast addresses a reader might find odd. */
    private static final int HOSTS_PER_SUBNET = 254;
    private static final int OCTET_VALUES = 256;

    private HostBody() {
    }

    /** {@code load-<runId>-<n>}: lowercase letters, digits and '-', within the API's 63 characters. */
    public static String name(String runId, long n) {
        if (n < 0) throw new IllegalArgumentException("n < 0: " + n);
        return "load-" + runId + "-" + n;
    }

    /**
     * {@code 10.a.b.c} with c in 1..254, counting up with {@code n}: distinct for the first 254 × 65,536 writes, then
     * repeating (addresses need not be unique; names are).
     */
    public static String address(long n) {
        if (n < 0) throw new IllegalArgumentException("n < 0: " + n);
        long c = n % HOSTS_PER_SUBNET + 1;
        long rest = n / HOSTS_PER_SUBNET;
        long b = rest % OCTET_VALUES;
        long a = rest / OCTET_VALUES % OCTET_VALUES;
        return "10." + a + "." + b + "." + c;
    }

    /** The request body; every value is generated from digits and lowercase letters, so none needs escaping. */
    public static String json(String runId, long n) {
        return "{\"name\":\"" + name(runId, n) + "\",\"region\":\"eu-west\",\"site\":\"dc-1\",\"address\":\""
            + address(n) + "\",\"vcpus\":64,\"memoryMib\":262144}";
    }
}
