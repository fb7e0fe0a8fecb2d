/**
 * Integration tests against a really started Open Liberty server with the NovaCron EAR: the HTTP API,
 * security, health, metrics, OpenAPI and (in *BrowserIT) the admin UI in headless Chromium.
 */
package io.novacron.it;
