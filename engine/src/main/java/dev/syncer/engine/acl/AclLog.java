package dev.syncer.engine.acl;

import dev.syncer.engine.resp.Reply;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * ACL LOG: the latest denials (command, key, channel, auth), newest first, at most
 * {@code acllog-max-len}; a denial equal to a recent one (same reason, context, object and user,
 * within a minute) counts on that entry instead of adding one, as Redis groups them.
 */
final class AclLog {

    private static final long GROUP_WINDOW_MS = 60_000;

    private static final class Entry {
        final String reason;
        final String context;
        final String object;
        final String user;
        long count = 1;
        long createdMs;
        String clientInfo;

        Entry(String reason, String context, String object, String user) {
            this.reason = reason;
            this.context = context;
            this.object = object;
            this.user = user;
        }

        boolean sameAs(Entry o) {
            return reason.equals(o.reason) && context.equals(o.context) && object.equals(o.object) && user.equals(o.user);
        }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    void add(String reason, String context, String object, String user, String clientInfo, long nowMs, int maxLen) {
        Entry e = new Entry(reason, context, object, user);
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry old = it.next();
            if (old.sameAs(e) && nowMs - old.createdMs < GROUP_WINDOW_MS) {
                old.count++;
                old.createdMs = nowMs;
                old.clientInfo = clientInfo;
                it.remove();
                entries.addFirst(old);
                return;
            }
        }
        e.createdMs = nowMs;
        e.clientInfo = clientInfo;
        entries.addFirst(e);
        while (entries.size() > Math.max(0, maxLen)) {
            entries.removeLast();
        }
    }

    void reset() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    /** ACL LOG [count]: maps of count, reason, context, object, username, age-seconds, client-info. */
    void write(Reply r, long count, long nowMs) {
        int n = (int) Math.min(count, entries.size());
        r.arrayHeader(n);
        Iterator<Entry> it = entries.iterator();
        for (int i = 0; i < n; i++) {
            Entry e = it.next();
            r.arrayHeader(14);
            r.bulk("count");
            r.integer(e.count);
            r.bulk("reason");
            r.bulk(e.reason);
            r.bulk("context");
            r.bulk(e.context);
            r.bulk("object");
            r.bulk(e.object);
            r.bulk("username");
            r.bulk(e.user);
            r.bulk("age-seconds");
            r.bulk(String.format(java.util.Locale.ROOT, "%.3f", (nowMs - e.createdMs) / 1000.0));
            r.bulk("client-info");
            r.bulk(e.clientInfo);
        }
    }
}
