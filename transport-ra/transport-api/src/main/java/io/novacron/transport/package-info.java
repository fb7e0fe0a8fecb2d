/**
 * The transport API: what NovaCron's EJBs see of any transport (a JNDI connection factory to send frames to a
 * named peer, and the {@link io.novacron.transport.FrameListener} an MDB implements to receive them). It depends on
 * nothing but the JCA API; the adapters (TCP, RDMA) implement it and nothing here may depend on them.
 */
package io.novacron.transport;
