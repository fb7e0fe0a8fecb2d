package io.novacron.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Named systems the command line can select with {@code --systems=a,b}. A NovaCron core plugs in by adding one
 * line here (e.g. {@code register("novacron-raft", NovaRaftSystem::new)}), or without editing this file by
 * naming its class on the command line ({@code --systems=ratis,com.example.MySystem}; public no-arg constructor).
 * The harness makes a fresh instance for every cell.
 */
public final class Systems {

    private static final Map<String, Supplier<ConsensusSystem>> REGISTRY = new LinkedHashMap<>();

    static {
        register("noop", NoopSystem::new);
        register("ratis", RatisSystem::new);
        register("ratis-netty", () -> new RatisSystem(RatisSystem.Transport.NETTY));
        register("novacron-raft", NovaRaftSystem::new);
        register("novacron-pbft", NovaPbftSystem::new);
    }

    private Systems() {
    }

    public static synchronized void register(String name, Supplier<ConsensusSystem> factory) {
        REGISTRY.put(name, factory);
    }

    public static synchronized java.util.List<String> names() {
        return java.util.List.copyOf(REGISTRY.keySet());
    }

    /** A factory for {@code name}: a registered name or a fully qualified class name. */
    public static synchronized Supplier<ConsensusSystem> factory(String name) {
        Supplier<ConsensusSystem> f = REGISTRY.get(name);
        if (f != null) {
            return f;
        }
        try {
            Class<? extends ConsensusSystem> c = Class.forName(name).asSubclass(ConsensusSystem.class);
            var ctor = c.getConstructor();
            return () -> {
                try {
                    return ctor.newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot instantiate " + name, e);
                }
            };
        } catch (ClassNotFoundException | ClassCastException | NoSuchMethodException e) {
            throw new IllegalArgumentException("unknown system '" + name + "' (registered: "
                + REGISTRY.keySet() + ", or a ConsensusSystem class with a public no-arg constructor)", e);
        }
    }
}
