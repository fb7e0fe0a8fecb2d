/**
 * REST resources about this server and the caller: version, node, database, grid, and who is signed in.
 * The admin UI's overview and sign-in use them.
 */
package io.novacron.api.system;
