/**
 * RFC 9457 problem details: the one error format of the API, with stable type URIs, and the mappers and
 * error pages that turn every failure into one. No stack trace or exception text from a library leaves here.
 */
package io.novacron.api.problem;
