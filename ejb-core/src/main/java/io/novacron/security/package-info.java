/**
 * Security set-up that must exist before anyone can sign in: the first administrator account.
 * Users, groups and roles themselves come from the server's user registry; nothing here stores passwords.
 */
package io.novacron.security;
