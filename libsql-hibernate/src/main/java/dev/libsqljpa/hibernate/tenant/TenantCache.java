package dev.libsqljpa.hibernate.tenant;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Per-tenant values (connection settings or data sources), created lazily and bounded: at most
 * {@code maxSize} entries, least recently used dropped first, and entries unused for {@code idleNanos}
 * dropped on the next access. Creation runs outside the lock, so a slow JNDI lookup for one tenant does
 * not hold up the others; two threads creating the same tenant at once keep the first value. Thread-safe.
 */
final class TenantCache<V> {

    private final int maxSize;
    private final long idleNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long evictions;

    private static final class Entry<V> {
        final V value;
        long lastUsed;

        Entry(V value, long lastUsed) {
            this.value = value;
            this.lastUsed = lastUsed;
        }
    }

    TenantCache(int maxSize, long idleNanos, LongSupplier nanoTime) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("the tenant cache size must be at least 1, was " + maxSize);
        }
        this.maxSize = maxSize;
        this.idleNanos = idleNanos;
        this.nanoTime = nanoTime;
    }

    V get(String tenant, Function<String, V> create) {
        long now = nanoTime.getAsLong();
        synchronized (this) {
            expire(now);
            Entry<V> entry = entries.get(tenant);
            if (entry != null) {
                entry.lastUsed = now;
                return entry.value;
            }
        }
        V created = create.apply(tenant);
        synchronized (this) {
            Entry<V> entry = entries.get(tenant);
            if (entry != null) {
                entry.lastUsed = now;
                return entry.value;
            }
            entries.put(tenant, new Entry<>(created, now));
            while (entries.size() > maxSize) {
                Iterator<Map.Entry<String, Entry<V>>> eldest =
                        entries.entrySet().iterator();
                eldest.next();
                eldest.remove();
                evictions++;
            }
            return created;
        }
    }

    /** Access order means the eldest entries come first: stop at the first one still in use. */
    private void expire(long now) {
        Iterator<Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Entry<V> e = it.next().getValue();
            if (now - e.lastUsed < idleNanos) {
                return;
            }
            it.remove();
            evictions++;
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long evictions() {
        return evictions;
    }

    synchronized void clear() {
        entries.clear();
    }
}
