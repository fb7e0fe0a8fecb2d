/**
 * HTTP-level protections for everything the web module serves: response headers that keep the admin UI
 * from being framed, sniffed or fed scripts from elsewhere.
 */
package io.novacron.api.security;
