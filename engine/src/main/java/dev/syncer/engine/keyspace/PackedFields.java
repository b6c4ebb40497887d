package dev.syncer.engine.keyspace;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A packed {@link HashValue} seen as a map. Reads and writes go to the hash, so the view stays
 * right once the hash becomes a table; iteration walks the packed array as it was when the
 * iteration began (never modified, see {@link Listpack}) and decodes each entry as it is reached.
 */
final class PackedFields extends AbstractMap<Key, byte[]> {

    private final HashValue hash;

    PackedFields(HashValue hash) {
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
    public Set<Map.Entry<Key, byte[]>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return hash.size();
            }

            @Override
            public Iterator<Map.Entry<Key, byte[]>> iterator() {
                byte[] lp = hash.packed();
                return lp == null ? hash.fields().entrySet().iterator() : new Entries(hash, lp);
            }
        };
    }

    private static final class Entries implements Iterator<Map.Entry<Key, byte[]>> {

        private final HashValue hash;
        private final byte[] lp;
        private int off;
        private Key last;

        Entries(HashValue hash, byte[] lp) {
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
}
