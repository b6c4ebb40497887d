package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EncodingsTest {

    private static final EncodingLimits SMALL = new EncodingLimits(2, 3, 2, 2, 3);

    @Test
    void stringsAreIntEmbstrOrRawByShape() {
        assertThat(Encodings.tryObjectEncoding(bytes("-9223372036854775808"))).isEqualTo(Encoding.INT);
        assertThat(Encodings.tryObjectEncoding(bytes("9223372036854775808"))).isEqualTo(Encoding.EMBSTR);
        assertThat(Encodings.tryObjectEncoding(bytes("01"))).isEqualTo(Encoding.EMBSTR);
        assertThat(Encodings.tryObjectEncoding(bytes("x".repeat(44)))).isEqualTo(Encoding.EMBSTR);
        assertThat(Encodings.tryObjectEncoding(bytes("x".repeat(45)))).isEqualTo(Encoding.RAW);
    }

    @Test
    void aRawStringStaysRawUntilReplaced() {
        StringValue s = StringValue.of("12");
        assertThat(Encodings.afterWrite(s, Encoding.RAW, SMALL)).isEqualTo(Encoding.RAW);
        assertThat(Encodings.afterWrite(s, null, SMALL)).isEqualTo(Encoding.INT);
    }

    @Test
    void aHashLeavesItsListpackOnALongValueOrTooManyFieldsAndNeverReturns() {
        HashValue h = new HashValue();
        h.fields().put(Key.of("f"), bytes("abc"));
        assertThat(Encodings.hashTypeTryConversion(h, null, SMALL)).isEqualTo(Encoding.LISTPACK);
        h.fields().put(Key.of("f"), bytes("abcd"));
        assertThat(Encodings.hashTypeTryConversion(h, Encoding.LISTPACK, SMALL)).isEqualTo(Encoding.HASHTABLE);
        h.fields().put(Key.of("f"), bytes("a"));
        assertThat(Encodings.hashTypeTryConversion(h, Encoding.HASHTABLE, SMALL)).isEqualTo(Encoding.HASHTABLE);
        HashValue many = new HashValue();
        for (String f : new String[] {"a", "b", "c"}) {
            many.fields().put(Key.of(f), bytes("1"));
        }
        assertThat(Encodings.hashTypeTryConversion(many, null, SMALL)).isEqualTo(Encoding.HASHTABLE);
        assertThat(Encodings.hashTypeTryConversion(many, null, EncodingLimits.DEFAULTS)).isEqualTo(Encoding.LISTPACK);
    }

    @Test
    void aSetIsAnIntsetOnlyWhileEveryMemberIsACanonicalIntegerWithinTheCount() {
        SetValue s = new SetValue();
        s.members().add(Key.of("1"));
        s.members().add(Key.of("-5"));
        assertThat(Encodings.setTypeConvert(s, null, SMALL)).isEqualTo(Encoding.INTSET);
        s.members().add(Key.of("7"));
        assertThat(Encodings.setTypeConvert(s, Encoding.INTSET, SMALL)).isEqualTo(Encoding.HASHTABLE);
        s.members().remove(Key.of("7"));
        assertThat(Encodings.setTypeConvert(s, Encoding.HASHTABLE, SMALL)).isEqualTo(Encoding.HASHTABLE);
        SetValue text = new SetValue();
        text.members().add(Key.of("007"));
        assertThat(Encodings.setTypeConvert(text, null, SMALL)).isEqualTo(Encoding.HASHTABLE);
    }

    @Test
    void aSortedSetBecomesASkiplistOnALongMemberOrTooManyMembers() {
        ZSetValue z = new ZSetValue();
        z.put(Key.of("abc"), 1);
        assertThat(Encodings.zsetTypeConvert(z, null, SMALL)).isEqualTo(Encoding.LISTPACK);
        z.put(Key.of("b"), 2);
        z.put(Key.of("c"), 3);
        assertThat(Encodings.zsetTypeConvert(z, Encoding.LISTPACK, SMALL)).isEqualTo(Encoding.SKIPLIST);
        ZSetValue longMember = new ZSetValue();
        longMember.put(Key.of("abcd"), 1);
        assertThat(Encodings.zsetTypeConvert(longMember, null, SMALL)).isEqualTo(Encoding.SKIPLIST);
    }

    @Test
    void listsAreQuicklistsAndAnUndecidedValueIsJudgedByItsShape() {
        assertThat(Encodings.of(new ListValue(), SMALL)).isEqualTo(Encoding.QUICKLIST);
        HashValue h = new HashValue();
        h.fields().put(Key.of("f"), bytes("abcd"));
        assertThat(Encodings.of(h, SMALL)).isEqualTo(Encoding.HASHTABLE);
        h.encoding(Encoding.LISTPACK);
        assertThat(Encodings.of(h, SMALL)).isEqualTo(Encoding.LISTPACK);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
