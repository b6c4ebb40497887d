package dev.syncer.engine.rdb;

/** A key a primary's start-up load left out because it had expired: its DEL goes to the backlog. */
public record ExpiredKey(int db, byte[] key) {
}
