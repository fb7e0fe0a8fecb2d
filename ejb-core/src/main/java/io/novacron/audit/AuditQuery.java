package io.novacron.audit;

import java.time.Instant;
import java.util.Arrays;

/**
 * One page of an audit search: optional filters, a 0-based page number and a page size.
 * All checking happens here, in the constructor, so the REST layer, the EJB and the query code see
 * only valid queries; a bad value throws {@link IllegalArgumentException} whose message starts with
 * the parameter's name. Blank text filters count as absent, the way an empty query parameter reads.
 *
 * @param from    inclusive lower bound of {@code occurredAt}; null for no bound
 * @param to      exclusive upper bound of {@code occurredAt}; null for no bound; not before {@code from}
 * @param actor   exact actor, or null
 * @param action  exact action, or null
 * @param target  matches records whose {@code targetId} equals it OR whose {@code targetType} equals
 *                it (so both a host id and "host" work); null for all
 * @param outcome exact outcome, or null
 * @param page    0-based page number
 * @param size    records per page, {@value #SIZE_MIN}..{@value #SIZE_MAX}
 */
public record AuditQuery(Instant from, Instant to, String actor, String action, String target,
                         AuditOutcome outcome, int page, int size) {

    /** Smallest page size. */
    public static final int SIZE_MIN = 1;
    /** Largest page size; bounds the memory and time one request may take. */
    public static final int SIZE_MAX = 500;
    /** Page size when none is given. */
    public static final int SIZE_DEFAULT = 50;

    /** Validates and normalises; see the record description for the rules. */
    public AuditQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, was " + page);
        }
        if (size < SIZE_MIN || size > SIZE_MAX) {
            throw new IllegalArgumentException("size must be " + SIZE_MIN + ".." + SIZE_MAX + ", was " + size);
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("page " + page + " is too large for size " + size);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") must not be before from (" + from + ")");
        }
        actor = blankToNull(actor);
        action = blankToNull(action);
        target = blankToNull(target);
    }

    /** The first page of everything, newest first, {@value #SIZE_DEFAULT} records. */
    public static AuditQuery all() {
        return builder().build();
    }

    /** A builder with no filters, page 0 and the default size. */
    public static Builder builder() {
        return new Builder();
    }

    /** Index of the first record of this page in the whole result. */
    public int firstResult() {
        return page * size;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Collects optional parameters (null means "not given") for {@link AuditQuery}. */
    public static final class Builder {
        private Instant from;
        private Instant to;
        private String actor;
        private String action;
        private String target;
        private AuditOutcome outcome;
        private int page;
        private int size = SIZE_DEFAULT;

        private Builder() {
        }

        public Builder from(Instant from) {
            this.from = from;
            return this;
        }

        public Builder to(Instant to) {
            this.to = to;
            return this;
        }

        public Builder actor(String actor) {
            this.actor = actor;
            return this;
        }

        public Builder action(String action) {
            this.action = action;
            return this;
        }

        public Builder target(String target) {
            this.target = target;
            return this;
        }

        public Builder outcome(AuditOutcome outcome) {
            this.outcome = outcome;
            return this;
        }

        /**
         * The outcome by name, as a query parameter carries it; null or blank for any.
         *
         * @throws IllegalArgumentException naming {@code outcome} and the allowed names
         */
        public Builder outcomeNamed(String name) {
            if (name == null || name.isBlank()) {
                this.outcome = null;
                return this;
            }
            try {
                this.outcome = AuditOutcome.valueOf(name.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("outcome must be one of " + Arrays.toString(AuditOutcome.values())
                        + ", was '" + name + "'", e);
            }
            return this;
        }

        /** 0-based page; null keeps page 0. */
        public Builder page(Integer page) {
            this.page = page == null ? 0 : page;
            return this;
        }

        /** Page size; null keeps {@value AuditQuery#SIZE_DEFAULT}. */
        public Builder size(Integer size) {
            this.size = size == null ? SIZE_DEFAULT : size;
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad parameter */
        public AuditQuery build() {
            return new AuditQuery(from, to, actor, action, target, outcome, page, size);
        }
    }
}
