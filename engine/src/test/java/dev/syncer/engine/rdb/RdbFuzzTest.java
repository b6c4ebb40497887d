package dev.syncer.engine.rdb;

import dev.syncer.engine.keyspace.Keyspace;
import dev.syncer.engine.testing.SampleData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.fail;

/**
 * Mutates the reference files (flip, insert, delete, overwrite, truncate) and proves the reader
 * only ever returns or throws RdbException: no other exception, no OutOfMemoryError, no hang, and
 * no defect caught by the reader's last-resort handler (which wraps it with its cause).
 * Half of the mutants get a zeroed checksum so that structurally valid damage loads too.
 */
class RdbFuzzTest {

    private static final int MUTANTS_PER_FILE = 400;

    @Test
    @Timeout(120)
    void mutatedVectorsOnlyLoadOrFailWithRdbException() throws Exception {
        Random random = new Random(20261126L);
        int refused = 0;
        int loaded = 0;
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        for (String vector : Vectors.ALL) {
            files.put(vector, Vectors.rdb(vector));
        }
        Keyspace sample = RdbVectorsTest.freshKeyspace();
        SampleData.fill(sample, 1);
        files.put("sample data (every encoding we write)", RdbWriterTest.write(sample, java.util.Map.of(), java.util.List.of()));
        files.put("pre-7.0 encodings", LegacyRdb.file());
        for (java.util.Map.Entry<String, byte[]> file : files.entrySet()) {
            String vector = file.getKey();
            byte[] original = file.getValue();
            int mutants = original.length > 100_000 ? MUTANTS_PER_FILE / 4 : MUTANTS_PER_FILE;
            for (int i = 0; i < mutants; i++) {
                byte[] mutant = mutate(original, random);
                try {
                    new RdbReader(new ByteArrayInputStream(mutant), i % 2 == 0)
                            .read(RdbVectorsTest.freshKeyspace(), i % 3 == 0);
                    loaded++;
                } catch (RdbException expected) {
                    if (expected.getCause() != null) { // the reader's safety net caught a defect
                        fail("mutant %d of %s hit a defect: %s", i, vector, expected.getCause(), expected.getCause());
                    }
                    refused++;
                } catch (Throwable t) {
                    fail("mutant %d of %s escaped with %s", i, vector, t, t);
                }
            }
        }
        if (refused == 0 || loaded == 0) {
            fail("mutations should produce both loadable and refused files (loaded %d, refused %d)", loaded, refused);
        }
    }

    static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && b.length > 10; e++) {
            int at = 9 + random.nextInt(b.length - 9);
            switch (random.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> b[at] = random.nextBoolean() ? (byte) 0xFF : (byte) 0x80; // big lengths, EOF, 32-bit length
                case 3 -> {
                    byte[] inserted = new byte[1 + random.nextInt(8)];
                    random.nextBytes(inserted);
                    byte[] n = new byte[b.length + inserted.length];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(inserted, 0, n, at, inserted.length);
                    System.arraycopy(b, at, n, at + inserted.length, b.length - at);
                    b = n;
                }
                case 4 -> {
                    int len = Math.min(1 + random.nextInt(8), b.length - at);
                    byte[] n = new byte[b.length - len];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(b, at + len, n, at, b.length - at - len);
                    b = n;
                }
                default -> b = Arrays.copyOf(b, at);
            }
        }
        if (random.nextBoolean() && b.length >= 8) {
            Arrays.fill(b, b.length - 8, b.length, (byte) 0); // "checksum not computed"
        }
        return b;
    }
}
