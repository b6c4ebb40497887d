package dev.syncer.views.model.port;

/**
 * The replication backlog as INFO replication reports it.
 *
 * @param active          {@code repl_backlog_active}
 * @param size            {@code repl_backlog_size}: its capacity in bytes
 * @param firstByteOffset {@code repl_backlog_first_byte_offset}: offset of its oldest byte (0 when
 *                        there is no backlog)
 * @param histlen         {@code repl_backlog_histlen}: how many bytes it holds
 */
public record BacklogInfo(boolean active, long size, long firstByteOffset, long histlen) {

    /** The highest offset a PSYNC may ask for and still continue: {@code first + histlen}, i.e. {@code master_repl_offset + 1}. */
    public long lastRequestableOffset() {
        return firstByteOffset + histlen;
    }

    /** Whether {@code PSYNC … offset} falls inside: {@code first <= offset <= first + histlen}. */
    public boolean covers(long psyncOffset) {
        return active && psyncOffset >= firstByteOffset && psyncOffset <= lastRequestableOffset();
    }
}
