package io.novacron.transport;

import jakarta.resource.Referenceable;

import java.io.Serializable;

/**
 * The connection factory an application looks up by JNDI (for example {@code eis/novacron/transport}).
 * Serializable and Referenceable because JCA 2.1 §6.5.1.2 requires it of every connection factory bound in JNDI.
 */
public interface TransportConnectionFactory extends Serializable, Referenceable {

    /** A handle for sending; cheap, and meant to be closed after each use. */
    TransportConnection getConnection();
}
