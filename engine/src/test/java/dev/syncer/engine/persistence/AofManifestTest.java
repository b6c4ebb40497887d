package dev.syncer.engine.persistence;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AofManifestTest {

    @Test
    void aManifestRedisWroteReadsBackToTheSameText() throws IOException {
        String redis = "file appendonly.aof.3.base.rdb seq 3 type b\n"
                + "file appendonly.aof.4.incr.aof seq 4 type i\nfile appendonly.aof.5.incr.aof seq 5 type i\n";
        AofManifest m = AofManifest.parse(redis);
        assertThat(m.base.name()).isEqualTo("appendonly.aof.3.base.rdb");
        assertThat(m.incrs).extracting(AofManifest.Entry::seq).containsExactly(4L, 5L);
        assertThat(m.format()).isEqualTo(redis);
    }

    @Test
    void aNameWithSpacesOrNewlinesIsQuotedAsRedisQuotesItAndReadsBack() throws IOException {
        AofManifest m = new AofManifest();
        m.newBase(" file seq \n\n.aof ", true);
        m.newIncr("\"quoted\u00e9"); // a backslash would be refused: names are no paths
        String text = m.format();
        assertThat(text).isEqualTo("file \" file seq \\n\\n.aof .1.base.rdb\" seq 1 type b\n"
                + "file \"\\\"quoted\\xc3\\xa9.1.incr.aof\" seq 1 type i\n");
        AofManifest back = AofManifest.parse(text);
        assertThat(back.base.name()).isEqualTo(" file seq \n\n.aof .1.base.rdb");
        assertThat(back.incrs.get(0).name()).isEqualTo("\"quoted\u00e9.1.incr.aof");
    }

    @Test
    void aRewriteMakesTheOldBaseAndTheRewrittenIncrementalFilesHistory() throws IOException {
        AofManifest m = AofManifest.parse("file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n");
        m.newIncr("appendonly.aof");
        m.newBase("appendonly.aof", false);
        m.markRewrittenIncrsAsHistory();
        assertThat(m.format()).isEqualTo("file appendonly.aof.2.base.aof seq 2 type b\n"
                + "file appendonly.aof.1.base.rdb seq 1 type h\nfile appendonly.aof.1.incr.aof seq 1 type h\n"
                + "file appendonly.aof.2.incr.aof seq 2 type i\n");
    }

    @Test
    void unknownFieldsAreIgnoredAndCommentsSkipped() throws IOException {
        AofManifest m = AofManifest.parse("# a comment\nfile a.1.incr.aof seq 1 type i future yes\n");
        assertThat(m.incrs).hasSize(1);
    }

    @Test
    void invalidManifestsAreRefusedWithRedissReasons() {
        assertThatThrownBy(() -> AofManifest.parse("file a seq 1 type x\n")).hasMessage("Unknown AOF file type");
        assertThatThrownBy(() -> AofManifest.parse("file a seq 1 type i newkey\n")).hasMessage("Invalid AOF manifest file format");
        assertThatThrownBy(() -> AofManifest.parse("file a seq 1\n")).as("fewer than three pairs")
                .hasMessage("Invalid AOF manifest file format");
        assertThatThrownBy(() -> AofManifest.parse("file a seq x type i\n")).as("seq 0").hasMessage("Invalid AOF manifest file format");
        assertThatThrownBy(() -> AofManifest.parse("file ../a seq 1 type i\n")).hasMessage("File can't be a path, just a filename");
        assertThatThrownBy(() -> AofManifest.parse("file a seq 1 type b\nfile b seq 2 type b\n"))
                .hasMessage("Found duplicate base file information");
        assertThatThrownBy(() -> AofManifest.parse("file a seq 2 type i\nfile b seq 1 type i\n"))
                .hasMessage("Found a non-monotonic sequence number");
        assertThatThrownBy(() -> AofManifest.parse("")).hasMessage("Found an empty AOF manifest");
        assertThatThrownBy(() -> AofManifest.parse("\n")).as("a blank line").hasMessage("Invalid AOF manifest file format");
        assertThatThrownBy(() -> AofManifest.parse("file a seq 1 type b " + "x y ".repeat(300) + "\n"))
                .hasMessage("The AOF manifest file contains too long line");
        assertThatThrownBy(() -> AofManifest.parse("file a seq 1 type b")).as("no newline at the end")
                .hasMessage("The AOF manifest file contains too long line");
    }

    @Test
    void commentsAndFieldsOfLaterVersionsAreSkipped() throws Exception {
        AofManifest m = AofManifest.parse("# written by a test\nfile a seq 1 type b size 10 startoffset 0\nFILE b SEQ 2 TYPE i\n");
        assertThat(m.base.name()).isEqualTo("a");
        assertThat(m.incrs).extracting(AofManifest.Entry::name).containsExactly("b");
    }
}
