package dev.syncer.engine.keyspace;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A {@link HashValue} seen as a map. Reads and writes go to the hash, so the view stays right when
 * the hash becomes a table. Iteration makes a {@link Key} and an entry per field as it is reached:
 * while packed it walks the array as it was when the iteration began (never modified, see
 * {@link Listpack}); a table it walks by position, and a change made other than through the
 * iterator ends that walk, as a table counts its changes.
 */
final class HashFields extends AbstractMap<Key, byte[]> {

    private final HashValue hash;

    HashFields(HashValue hash) {
        this.hash = hash;
    }

    @Override
    public int size() {
        return hash.size();
    }

    @Override
    public byte[] get(Object field) {
        return field instanceof Key k ? hash.get(k) : null;
    }

    @Override
    public boolean containsKey(Object field) {
        return field instanceof Key k && hash.containsKey(k);
    }

    @Override
    public byte[] put(Key field, byte[] value) {
        return hash.put(field, value);
    }

    @Override
    public byte[] remove(Object field) {
        return field instanceof Key k ? hash.remove(k) : null;
    }

    @Override
    public void clear() {
        hash.clear();
    }

    @Override
    public Set<Map.Entry<Key, byte[]>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return hash.size();
            }

            @Override
            public Iterator<Map.Entry<Key, byte[]>> iterator() {
                byte[] lp = hash.packed();
                return lp == null ? new TableEntries(hash, hash.table()) : new PackedEntries(hash, lp);
            }
        };
    }

    private static final class PackedEntries implements Iterator<Map.Entry<Key, byte[]>> {

        private final HashValue hash;
        private final byte[] lp;
        private int off;
        private Key last;

        PackedEntries(HashValue hash, byte[] lp) {
            this.hash = hash;
            this.lp = lp;
        }

        @Override
        public boolean hasNext() {
            return off < lp.length;
        }

        @Override
        public Map.Entry<Key, byte[]> next() {
            if (off >= lp.length) {
                throw new NoSuchElementException();
            }
            int v = Listpack.next(lp, off);
            last = new Key(Listpack.element(lp, off));
            byte[] value = Listpack.element(lp, v);
            off = Listpack.next(lp, v);
            return new AbstractMap.SimpleImmutableEntry<>(last, value);
        }

        @Override
        public void remove() {
            if (last == null) {
                throw new IllegalStateException();
            }
            hash.remove(last);
            last = null;
        }
    }

    private static final class TableEntries implements Iterator<Map.Entry<Key, byte[]>> {

        private final HashValue hash;
        private final MemberTable table;
        private int next;
        private int expected;
        private Key last;

        TableEntries(HashValue hash, MemberTable table) {
            this.hash = hash;
            this.table = table;
            this.expected = table.modCount;
        }

        @Override
        public boolean hasNext() {
            return next < table.size;
        }

        @Override
        public Map.Entry<Key, byte[]> next() {
            if (expected != table.modCount || hash.table() != table) {
                throw new ConcurrentModificationException();
            }
            if (next >= table.size) {
                throw new NoSuchElementException();
            }
            last = new Key(table.members[next]);
            return new AbstractMap.SimpleImmutableEntry<>(last, table.values[next++]);
        }

        @Override
        public void remove() {
            if (last == null || expected != table.modCount || hash.table() != table) {
                throw new IllegalStateException();
            }
            // the last field moves into the freed position: visit that position again
            hash.remove(last);
            last = null;
            next--;
            expected = table.modCount;
        }
    }
}
