/**
 * Browser tests of the admin UI: real headless Chromium (Debian's package, installed by
 * scripts/browser.sh) driven through Selenium against the started test server.
 */
package io.novacron.it.browser;
