/**
 * RESP2 on the wire: request decoding with Redis's limits and error texts (counting each command's
 * bytes, which replication offsets are made of), reply writing, reply parsing, number formats.
 * Depends on nothing else in the engine.
 */
package dev.syncer.engine.resp;
