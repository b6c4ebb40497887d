package dev.syncer.engine.server;

/**
 * Who a client is authenticated as (Redis's {@code client->user}). The server core only names it;
 * the ACL component decides what it may do. A client with none (an in-process client) is trusted.
 */
public interface Principal {

    String name();
}
