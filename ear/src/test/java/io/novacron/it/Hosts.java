package io.novacron.it;

import java.util.UUID;

/** Host request bodies for tests, each with a name no other test uses. */
public final class Hosts {

    private Hosts() {
    }

    public static String uniqueName() {
        return "hv-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String spec(String name, int vcpus) {
        return """
                {"name":"%s","region":"eu-west","site":"dc-1","address":"10.0.0.5","vcpus":%d,\
                "memoryMib":262144,"labels":{"rack":"r1"}}""".formatted(name, vcpus);
    }
}
