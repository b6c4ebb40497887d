package dev.syncer.engine.lab;

import dev.syncer.engine.resp.RespReplyParser;
import dev.syncer.engine.server.Shard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a lab shard's sync events (SYNCEVENTS, in-process) for assertions on what an operation caused. */
final class SyncEventReader {

    private SyncEventReader() {
    }

    /** Events of the shard with seq greater than {@code since}. */
    static List<SyncRecord> since(LabShard labShard, long since) {
        Shard shard = labShard.shard();
        List<SyncRecord> out = new ArrayList<>();
        if (shard == null) {
            return out;
        }
        Object reply = LocalClient.call(shard, "SYNCEVENTS", "SINCE", Long.toString(since));
        if (!(reply instanceof List<?> events)) {
            return out;
        }
        for (Object e : events) {
            if (e instanceof List<?> flat) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 0; i + 1 < flat.size(); i += 2) {
                    fields.put(RespReplyParser.text(flat.get(i)), RespReplyParser.text(flat.get(i + 1)));
                }
                out.add(new SyncRecord(labShard.id(), fields));
            }
        }
        return out;
    }

    /** The newest event seq per running shard: the mark an operation's report counts from. */
    static Map<String, Long> marks(List<LabShard> shards) {
        Map<String, Long> marks = new LinkedHashMap<>();
        for (LabShard s : shards) {
            long max = 0;
            for (SyncRecord r : since(s, 0)) {
                max = Math.max(max, r.seq());
            }
            marks.put(s.id(), max);
        }
        return marks;
    }
}
