/**
 * The thin JCA 2.1 layer that runs the TCP engine inside the server: resource adapter (node identity, TLS, the
 * WorkManager as the engine's executor), managed connection factory and handles for sending, and the activation
 * spec whose endpoint activation starts a listener delivering frames to a message-driven bean. Only the RAR's
 * deployment descriptor refers to these classes; applications see the {@code io.novacron.transport} API alone.
 */
package io.novacron.transport.tcp.jca;
