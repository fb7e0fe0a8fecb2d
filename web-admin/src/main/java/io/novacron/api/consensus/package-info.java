/** The consensus status of this member, as integrators and the admin UI see it. */
package io.novacron.api.consensus;
