/**
 * The server side of consensus: the service that runs this member's engine on one managed thread, feeds it the
 * frames the transport delivers and sends what it produces.
 */
package io.novacron.replication;
