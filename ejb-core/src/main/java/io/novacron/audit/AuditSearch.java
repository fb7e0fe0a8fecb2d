package io.novacron.audit;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.ParameterExpression;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The audit trail's read queries, built with the Criteria API on a given {@link EntityManager}.
 * It is plain Java so that the persistence tests run exactly the queries {@link AuditTrail} runs,
 * against H2 and PostgreSQL, without a container. Every filter value is a bound query parameter.
 */
public final class AuditSearch {

    private final EntityManager em;

    public AuditSearch(EntityManager em) {
        this.em = Objects.requireNonNull(em, "em");
    }

    /** One page of records matching {@code query}, newest first (occurredAt, then id, descending). */
    public AuditPage page(AuditQuery query) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<AuditRecord> select = cb.createQuery(AuditRecord.class);
        Root<AuditRecord> record = select.from(AuditRecord.class);
        Filters filters = new Filters(cb, record, query);
        select.select(record)
                .where(filters.predicates())
                .orderBy(cb.desc(record.get("occurredAt")), cb.desc(record.get("id")));
        TypedQuery<AuditRecord> typed = em.createQuery(select);
        filters.bind(typed);
        List<AuditRecord> items = typed.setFirstResult(query.firstResult()).setMaxResults(query.size()).getResultList();
        return new AuditPage(items, query.page(), query.size(), total(query));
    }

    /** Number of records matching the filters of {@code query}; its page and size do not matter. */
    public long total(AuditQuery query) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<AuditRecord> record = count.from(AuditRecord.class);
        Filters filters = new Filters(cb, record, query);
        count.select(cb.count(record)).where(filters.predicates());
        TypedQuery<Long> typed = em.createQuery(count);
        filters.bind(typed);
        return typed.getSingleResult();
    }

    /** Number of records in the trail. */
    public long count() {
        return total(AuditQuery.all());
    }

    /** The WHERE clause of one criteria query, and the parameter values to bind to it. */
    private static final class Filters {
        private final CriteriaBuilder cb;
        private final List<Predicate> predicates = new ArrayList<>();
        private final List<Consumer<TypedQuery<?>>> bindings = new ArrayList<>();

        Filters(CriteriaBuilder cb, Root<AuditRecord> record, AuditQuery query) {
            this.cb = cb;
            Path<OffsetDateTime> occurredAt = record.get("occurredAt");
            if (query.from() != null) {
                predicates.add(cb.greaterThanOrEqualTo(occurredAt, param(OffsetDateTime.class, utc(query.from()))));
            }
            if (query.to() != null) {
                predicates.add(cb.lessThan(occurredAt, param(OffsetDateTime.class, utc(query.to()))));
            }
            if (query.actor() != null) {
                predicates.add(cb.equal(record.get("actor"), param(String.class, query.actor())));
            }
            if (query.action() != null) {
                predicates.add(cb.equal(record.get("action"), param(String.class, query.action())));
            }
            if (query.target() != null) {
                ParameterExpression<String> target = param(String.class, query.target());
                predicates.add(cb.or(cb.equal(record.get("targetId"), target),
                        cb.equal(record.get("targetType"), target)));
            }
            if (query.outcome() != null) {
                predicates.add(cb.equal(record.get("outcome"), param(AuditOutcome.class, query.outcome())));
            }
        }

        Predicate[] predicates() {
            return predicates.toArray(Predicate[]::new);
        }

        void bind(TypedQuery<?> typed) {
            bindings.forEach(binding -> binding.accept(typed));
        }

        private <T> ParameterExpression<T> param(Class<T> type, T value) {
            ParameterExpression<T> parameter = cb.parameter(type);
            bindings.add(typed -> typed.setParameter(parameter, value));
            return parameter;
        }

        // The entity holds occurredAt as a UTC OffsetDateTime (see AuditRecord), so bounds are one too.
        private static OffsetDateTime utc(Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
    }
}
