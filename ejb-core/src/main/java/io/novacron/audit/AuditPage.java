package io.novacron.audit;

import java.util.List;

/**
 * One page of audit search results, newest first, with the total across all pages.
 * The total lets a screen or script page through a result without asking for it again.
 *
 * @param items the records of this page, at most {@code size}; an unmodifiable copy
 * @param page  0-based page number asked for
 * @param size  page size asked for
 * @param total number of records matching the filters on all pages
 */
public record AuditPage(List<AuditRecord> items, int page, int size, long total) {

    /** Copies {@code items}; rejects a page that contradicts itself (more items than {@code size}, negatives). */
    public AuditPage {
        items = List.copyOf(items);
        if (size < 1 || page < 0 || total < 0 || items.size() > size) {
            throw new IllegalArgumentException("inconsistent page: " + items.size() + " items, size " + size
                    + ", total " + total);
        }
    }

    /** Number of pages the total fills, 0 when nothing matched. */
    public long totalPages() {
        return (total + size - 1) / size;
    }

    /** Whether a page after this one has records. */
    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
