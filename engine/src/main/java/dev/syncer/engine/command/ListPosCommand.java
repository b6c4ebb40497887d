package dev.syncer.engine.command;

import dev.syncer.engine.keyspace.ListValue;
import dev.syncer.engine.resp.Reply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.syncer.engine.command.CommandFlag.READONLY;

/** LPOS, as Redis 7.0's lposCommand. */
final class ListPosCommand {

    private ListPosCommand() {
    }

    static void register(CommandTable t) {
        t.add(CommandSpec.of("lpos", -3, 1, 1, 1, ListPosCommand::lpos, READONLY));
    }

    /**
     * The indexes of element in list: from the rank-th match on (a negative rank counts matches
     * from the tail), at most count of them (0: all), looking at no more than maxlen elements (0:
     * all of them).
     */
    static List<Long> positions(ListValue list, byte[] element, long rank, long count, long maxlen) {
        boolean fromTail = rank < 0;
        long skip = fromTail ? -rank : rank; // -Long.MIN_VALUE stays negative: every match counts, as in C
        int size = list.size();
        List<Long> out = new ArrayList<>();
        long matches = 0;
        for (int step = 0; step < size && (maxlen == 0 || step < maxlen); step++) {
            int index = fromTail ? size - 1 - step : step;
            if (Arrays.equals(list.get(index), element)) {
                matches++;
                if (matches >= skip) {
                    out.add((long) index);
                    if (count != 0 && out.size() >= count) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    // Format: LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]
    //   -> :index | $-1; with COUNT: array of indexes
    private static void lpos(CommandContext ctx) {
        Args a = ctx.args();
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int j = 3; j < a.count(); j++) {
            boolean more = j + 1 < a.count();
            if (a.is(j, "RANK") && more) {
                rank = a.longValue(++j);
                if (rank == 0) {
                    throw new CommandError("ERR RANK can't be zero: use 1 to start from the first match, "
                            + "2 from the second ... or use negative to start from the end of the list");
                }
            } else if (a.is(j, "COUNT") && more) {
                count = Counts.positive(a, ++j, "COUNT can't be negative");
            } else if (a.is(j, "MAXLEN") && more) {
                maxlen = Counts.positive(a, ++j, "MAXLEN can't be negative");
            } else {
                throw CommandError.syntax();
            }
        }
        ListValue list = ctx.read(a.key(1), ListValue.class);
        Reply r = ctx.reply();
        if (list == null) {
            if (count != -1) {
                r.arrayHeader(0);
            } else {
                r.nullBulk();
            }
            return;
        }
        List<Long> found = positions(list, a.bytes(2), rank, count == -1 ? 1 : count, maxlen);
        if (count == -1) {
            if (found.isEmpty()) {
                r.nullBulk();
            } else {
                r.integer(found.get(0));
            }
            return;
        }
        r.arrayHeader(found.size());
        for (long index : found) {
            r.integer(index);
        }
    }
}
